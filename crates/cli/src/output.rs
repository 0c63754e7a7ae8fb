//! Text for people, JSON (`--json`) for scripts. The JSON shapes are the `mdesk-ipc` rows.

use mdesk_core::outbox::AuditRow;
use mdesk_core::CoreError;
use mdesk_ipc::{AccountRow, ActionRow, Dashboard, Metrics, WorkDetail, WorksPage};
use serde::Serialize;

use crate::Ctx;

pub fn json<T: Serialize>(value: &T) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// A repaired database, told on stderr in the desk's language (stdout stays the command's):
/// the same lines the window shows. With `--json`, the report as one JSON object.
pub fn recovery(ctx: &Ctx, report: &mdesk_ipc::RecoveryReport) {
    if ctx.json {
        eprintln!("{}", serde_json::json!({ "recovery": report }));
        return;
    }
    let lang = mdesk_core::settings::language(&ctx.store).unwrap_or_else(|_| mdesk_ipc::i18n::DEFAULT_LANGUAGE.into());
    eprintln!("mdesk: {}", mdesk_ipc::i18n::translate(&lang, "recovery-title", &[]));
    for line in report.lines(&lang, &report.at) {
        eprintln!("  {line}");
    }
}

pub fn line(ctx: &Ctx, text: &str, value: &serde_json::Value) {
    if ctx.json {
        println!("{value}");
    } else {
        println!("{text}");
    }
}

pub fn accounts(ctx: &Ctx, rows: &[AccountRow]) -> Result<(), CoreError> {
    if ctx.json {
        return json(&rows);
    }
    for a in rows {
        println!(
            "{:<14} {:<10} {:<14} publish={:<9} interact={:<9} pool={} card={} works={}  {}",
            a.guangguang_id,
            a.tag,
            a.binding_state,
            a.publish,
            a.interact,
            a.pool_size,
            a.shop_card,
            a.works,
            a.nickname
        );
    }
    Ok(())
}

pub fn invitations(ctx: &Ctx, rows: &[mdesk_ipc::InvitationRow]) -> Result<(), CoreError> {
    if ctx.json {
        return json(&rows);
    }
    for i in rows {
        println!(
            "{:<14} {:<12} {:<10} {:<10} {}  {}",
            i.guangguang_id,
            i.phone_masked,
            i.tag,
            i.state,
            i.created_at,
            i.error_code.as_deref().unwrap_or_default()
        );
    }
    Ok(())
}

fn yuan(cents: i64) -> String {
    format!("¥{:.2}", cents as f64 / 100.0)
}

fn numbers(m: &Metrics) -> String {
    format!(
        "exposure={} views={} interactions={} shop_traffic={} orders={} amount={}",
        m.exposure,
        m.views,
        m.interactions,
        m.shop_traffic,
        m.orders,
        yuan(m.amount_cents)
    )
}

pub fn works(ctx: &Ctx, page: &WorksPage, total: u64) -> Result<(), CoreError> {
    if ctx.json {
        return json(&serde_json::json!({"total": total, "period": page.period, "rows": page.rows}));
    }
    println!(
        "{total} works · numbers {}..{} ({} days)",
        page.period.from, page.period.to, page.period.days
    );
    for w in &page.rows {
        println!(
            "{:<12} {:<14} {:<9} {:<12} {:<7} pinned={} {}  {}",
            w.id,
            w.guangguang_id,
            w.review_status,
            w.inclusion_status,
            w.privacy,
            w.pinned,
            numbers(&w.metrics),
            w.title
        );
    }
    Ok(())
}

pub fn work(ctx: &Ctx, d: &WorkDetail) -> Result<(), CoreError> {
    if ctx.json {
        return json(&d);
    }
    let w = &d.work;
    println!("{}  {} ({})", w.id, w.title, w.nickname);
    println!(
        "{} · {} · review {}{} · inclusion {} · topic {} {}",
        w.kind,
        w.privacy,
        w.review_status,
        w.review_reason
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default(),
        w.inclusion_status,
        w.topic.as_deref().unwrap_or("-"),
        w.topic_status.map(|t| t.to_string()).unwrap_or_default()
    );
    println!("{}", d.text);
    for p in &d.products {
        println!(
            "  product {} {}{}",
            p.id,
            p.title.as_deref().unwrap_or("?"),
            if p.commission_free { " [commission-free]" } else { "" }
        );
    }
    println!("history:");
    for e in &d.history {
        println!(
            "  {} {} {}{}",
            e.at,
            e.field,
            e.value,
            e.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
        );
    }
    println!("{}..{}: {}", d.period.from, d.period.to, numbers(&w.metrics));
    for p in &d.daily {
        println!("  {} {}", p.date, numbers(&p.metrics));
    }
    println!("comments:");
    for c in &d.comments {
        println!("  {} {}: {}", c.created_at, c.author_name, c.text);
        for r in &c.replies {
            println!("    ↳ {} {}: {}", r.created_at, r.author_name, r.text);
        }
    }
    Ok(())
}

pub fn dashboard(ctx: &Ctx, b: &Dashboard) -> Result<(), CoreError> {
    if ctx.json {
        return json(&b);
    }
    println!(
        "{}..{} (data through {})",
        b.period.from,
        b.period.to,
        b.data_through.as_deref().unwrap_or("-")
    );
    println!("totals:   {}", numbers(&b.totals));
    println!("previous: {}", numbers(&b.previous_totals));
    println!("leaderboard:");
    for (i, r) in b.leaderboard.iter().take(20).enumerate() {
        println!(
            "  {:>3}. {:<14} {:<10} {}  {}",
            i + 1,
            r.guangguang_id,
            r.tag,
            numbers(&r.metrics),
            r.nickname
        );
    }
    println!("top works:");
    for w in &b.top_works {
        println!("  {:<12} {}  {}", w.id, numbers(&w.metrics), w.title);
    }
    Ok(())
}

pub fn comments(ctx: &Ctx, rows: &[mdesk_ipc::InboxComment]) -> Result<(), CoreError> {
    if ctx.json {
        return json(&rows);
    }
    for c in rows {
        let flags = [
            (!c.read).then_some("unread"),
            c.answered.then_some("answered"),
            c.reply_pending.then_some("reply pending"),
            (!c.can_reply).then_some("cannot reply"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        println!(
            "{} {} on {} ({}): {}: {}  [{flags}]",
            c.created_at, c.id, c.work_id, c.nickname, c.author_name, c.text
        );
    }
    Ok(())
}

pub fn actions(ctx: &Ctx, rows: &[ActionRow]) -> Result<(), CoreError> {
    if ctx.json {
        return json(&rows);
    }
    for a in rows {
        let why = a
            .error_code
            .as_deref()
            .map(|c| format!(" [{c}: {}]", a.error_message.clone().unwrap_or_default()));
        println!(
            "{} {:<13} attempts={} {}{}",
            a.id,
            a.state,
            a.attempts,
            a.summary,
            why.unwrap_or_default()
        );
    }
    Ok(())
}

pub fn audit(ctx: &Ctx, rows: &[AuditRow]) -> Result<(), CoreError> {
    if ctx.json {
        return json(&rows);
    }
    for e in rows {
        println!(
            "{} {}{} {} {} → {}{}",
            e.at,
            e.staff_name,
            if e.verified { "" } else { " (self-declared)" },
            e.account_id.clone().unwrap_or_else(|| "-".into()),
            e.what,
            e.outcome,
            e.error_code.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
        );
    }
    Ok(())
}

fn refusal_text(e: &mdesk_ipc::IpcError) -> String {
    match &e.rule {
        Some(rule) => format!("{rule}: {}", e.message),
        None => format!("{:?}: {}", e.code, e.message).to_lowercase(),
    }
}

/// The dry run of `mdesk publish`: the draft's problems, then one line per account.
pub fn publish_plan(ctx: &Ctx, plan: &mdesk_ipc::PublishPlan) -> Result<(), CoreError> {
    if ctx.json {
        return json(plan);
    }
    for p in &plan.problems {
        println!(
            "problem  {:<9} {}",
            format!("{:?}", p.field).to_lowercase(),
            refusal_text(&p.error)
        );
    }
    for h in &plan.content.hits {
        println!("content  {}", crate::safety::hit_line(h));
    }
    for d in &plan.duplicates {
        if !d.at_once.is_empty() {
            println!("same     {} goes to {} accounts at once", d.name, d.at_once.len());
        }
        for u in &d.used {
            println!(
                "used     {} {} by {} in \"{}\" ({})",
                d.name,
                if d.exact {
                    "was published"
                } else {
                    "(a visually same picture) was published"
                },
                u.nickname,
                u.title,
                u.at
            );
        }
    }
    for r in &plan.rows {
        match &r.refusal {
            None => println!("send     {:<14} {}", r.account_id, r.nickname),
            Some(e) => println!("refused  {:<14} {}  {}", r.account_id, r.nickname, refusal_text(e)),
        }
    }
    println!("{} of {} accounts would publish", plan.sendable(), plan.rows.len());
    Ok(())
}

/// What `mdesk publish` queued and what it refused.
pub fn publish_outcome(ctx: &Ctx, outcome: &mdesk_ipc::PublishOutcome) -> Result<(), CoreError> {
    if ctx.json {
        return json(outcome);
    }
    if outcome.submitted {
        // One submission carries every account: a reviewer approves it before anything goes out.
        if let Some(first) = outcome.queued.first() {
            println!(
                "submitted {} for review: {} accounts",
                first.action_id,
                outcome.queued.len()
            );
        }
    } else {
        for q in &outcome.queued {
            println!("queued   {:<14} {}", q.account_id, q.action_id);
        }
    }
    for r in &outcome.refused {
        if let Some(e) = &r.refusal {
            println!("refused  {:<14} {}  {}", r.account_id, r.nickname, refusal_text(e));
        }
    }
    Ok(())
}

/// What was queued: its action id.
pub fn queued(ctx: &Ctx, id: &str) {
    line(ctx, &format!("queued {id}"), &serde_json::json!({"action_id": id}));
}

pub fn whoami(ctx: &Ctx, who: &mdesk_ipc::Whoami) -> Result<(), CoreError> {
    if ctx.json {
        return json(who);
    }
    let may: Vec<&str> = who.permissions.iter().map(|p| p.as_str()).collect();
    println!("{} ({}) · {}", who.login, who.name, who.role);
    println!(
        "may: {}",
        if may.is_empty() {
            "read only".to_owned()
        } else {
            may.join(", ")
        }
    );
    println!(
        "approval: {}{}",
        if who.approval_required { "on" } else { "off" },
        if who.publishes_by_submission {
            " — your works go to a reviewer first"
        } else {
            ""
        }
    );
    if !who.verified {
        println!("this platform has no teams: you act as the owner, named as typed in settings (self-declared)");
    }
    Ok(())
}

pub fn staff(ctx: &Ctx, team: &mdesk_ipc::TeamView) -> Result<(), CoreError> {
    if ctx.json {
        return json(team);
    }
    println!("approval: {}", if team.approval_required { "on" } else { "off" });
    for m in &team.staff {
        println!(
            "{:<24} {:<10} {:<9}{}{}",
            m.login,
            m.name,
            m.role,
            if m.disabled { " disabled" } else { "" },
            if m.pending > 0 { " (changes queued)" } else { "" }
        );
    }
    Ok(())
}

pub fn reviews(ctx: &Ctx, rows: &[mdesk_ipc::SubmissionRow]) -> Result<(), CoreError> {
    if ctx.json {
        return json(&rows);
    }
    for r in rows {
        println!(
            "{} v{} {:<9} {} by {} → {}{}",
            r.id,
            r.version,
            r.state,
            r.title,
            r.submitted_by.login,
            r.accounts.join(", "),
            r.reason
                .as_deref()
                .map(|w| format!("  [returned: {w}]"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

/// One answer per id of a batch (approve, return): queued, or refused and why. Refused ones
/// make the exit code 3.
pub fn batch(
    ctx: &Ctx,
    ids: &[String],
    answers: Vec<Result<String, CoreError>>,
    dry_run: bool,
) -> Result<(), CoreError> {
    let mut first_refusal = None;
    let mut rows = Vec::new();
    for (id, answer) in ids.iter().zip(answers) {
        match answer {
            Ok(action) => {
                if !ctx.json {
                    if dry_run {
                        println!("ok       {id}");
                    } else {
                        println!("queued   {id} {action}");
                    }
                }
                rows.push(serde_json::json!({"id": id, "action_id": (!dry_run).then_some(action)}));
            }
            Err(e) => {
                let err = mdesk_ipc::IpcError::from(e);
                if !ctx.json {
                    println!("refused  {id}  {}", refusal_text(&err));
                }
                rows.push(serde_json::json!({"id": id, "refusal": err}));
                first_refusal.get_or_insert(err.message);
            }
        }
    }
    if ctx.json {
        json(&rows)?;
    }
    match first_refusal {
        Some(m) => Err(CoreError::InvalidInput(m)),
        None => Ok(()),
    }
}
