//! Text for people, JSON (`--json`) for scripts. The JSON shapes are the `mdesk-ipc` rows.

use mdesk_core::outbox::AuditRow;
use mdesk_core::CoreError;
use mdesk_ipc::{AccountRow, ActionRow, WorkRow};
use serde::Serialize;

use crate::Ctx;

fn json<T: Serialize>(value: &T) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    println!("{text}");
    Ok(())
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

pub fn works(ctx: &Ctx, rows: &[WorkRow]) -> Result<(), CoreError> {
    if ctx.json {
        return json(&rows);
    }
    for w in rows {
        println!(
            "{:<12} {:<14} {:<9} {:<12} {:<7} pinned={} likes={} comments={}  {}",
            w.id,
            w.guangguang_id,
            w.review_status,
            w.inclusion_status,
            w.privacy,
            w.pinned,
            w.like_count,
            w.comment_count,
            w.title
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
            "{} {} {} {} → {}{}",
            e.at,
            e.staff_name,
            e.account_id.clone().unwrap_or_else(|| "-".into()),
            e.what,
            e.outcome,
            e.error_code.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
        );
    }
    Ok(())
}
