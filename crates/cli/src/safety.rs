//! Publishing safely from the command line: `check-text`, `words`, `media`, `health`, and the
//! content check's warnings before `edit`, `comment` and `reply` queue anything.

use mdesk_core::content::{self, words};
use mdesk_core::{outbox, CoreError};
use mdesk_ipc::{CheckedText, ContentCheck, ContentHit, NewWord};

use crate::args::WordsCommand;
use crate::{account, output, Ctx};

fn lang(ctx: &Ctx) -> String {
    mdesk_core::settings::language(&ctx.store).unwrap_or_else(|_| mdesk_ipc::i18n::DEFAULT_LANGUAGE.into())
}

/// One hit as a line: severity, field, what was written (and the listed word), category, why
/// and what instead.
pub fn hit_line(h: &ContentHit) -> String {
    let word = if h.found.to_lowercase() == h.word.to_lowercase() {
        h.found.clone()
    } else {
        format!("{} (= {})", h.found, h.word)
    };
    let scope = h
        .account_id
        .as_ref()
        .map(|a| format!(" [{a} only]"))
        .unwrap_or_default();
    format!(
        "{:<5} {:<7} {}  {}{}  {}  → {}",
        h.severity.as_str(),
        h.field.as_str(),
        word,
        h.category.as_str(),
        scope,
        h.reason,
        h.suggestion
    )
}

/// The hits, as lines or as `{hits: […]}`.
pub fn hits(ctx: &Ctx, check: &ContentCheck) -> Result<(), CoreError> {
    if ctx.json {
        return output::json(check);
    }
    for h in &check.hits {
        println!("{}", hit_line(h));
    }
    Ok(())
}

/// Before queueing an intention with copy: lists what the content check found, and refuses a
/// blocked word (exit 3) or, without `--accept-warnings`, a warned one.
pub fn check_intention(ctx: &Ctx, intention: &outbox::Intention, accept_warnings: bool) -> Result<(), CoreError> {
    let Some(check) = outbox::content_check(&ctx.store, &lang(ctx), intention)? else {
        return Ok(());
    };
    if !check.hits.is_empty() {
        if ctx.json {
            eprintln!("{}", serde_json::json!({ "content": check }));
        } else {
            for h in &check.hits {
                eprintln!("{}", hit_line(h));
            }
        }
    }
    content::verdict(&check, accept_warnings)
}

pub fn check_text(
    ctx: &Ctx,
    text: String,
    title: Option<String>,
    topic: Option<String>,
    accounts: &[String],
) -> Result<(), CoreError> {
    let accounts: Vec<String> = accounts.iter().map(|gg| account(ctx, gg)).collect::<Result<_, _>>()?;
    let copy = CheckedText {
        title: title.unwrap_or_default(),
        text,
        topic: topic.unwrap_or_default(),
        comment: String::new(),
    };
    let check = content::check(&ctx.store, &copy, &accounts)?;
    hits(ctx, &check)?;
    if !ctx.json && check.hits.is_empty() {
        println!("nothing found");
    }
    // A block is refused; warnings are only told.
    content::verdict(&check, true)
}

pub fn words_command(ctx: &Ctx, command: WordsCommand) -> Result<(), CoreError> {
    match command {
        WordsCommand::List => {
            let summary = words::summary(&ctx.store)?;
            if ctx.json {
                return output::json(&summary);
            }
            for (category, n, blocks) in &summary.shipped {
                println!("shipped  {:<10} {n} words ({blocks} block)", category.as_str());
            }
            for w in &summary.own {
                println!(
                    "own      {:<5} {:<10} {}{}{}",
                    w.severity.as_str(),
                    w.category.as_str(),
                    w.word,
                    w.account_nickname
                        .as_ref()
                        .map(|n| format!("  [{n} only]"))
                        .unwrap_or_default(),
                    if w.reason.is_empty() {
                        String::new()
                    } else {
                        format!("  {}", w.reason)
                    }
                );
            }
            Ok(())
        }
        WordsCommand::Add {
            word,
            severity,
            category,
            reason,
            account: gg,
        } => {
            let account_id = gg.map(|g| account(ctx, &g)).transpose()?;
            let id = words::add(
                &ctx.store,
                &NewWord {
                    word: word.clone(),
                    category,
                    severity,
                    reason,
                    account_id,
                },
            )?;
            output::line(
                ctx,
                &format!("listed {word} ({})", severity.as_str()),
                &serde_json::json!({"id": id}),
            );
            Ok(())
        }
        WordsCommand::Remove { word, account: gg } => {
            let account_id = gg.map(|g| account(ctx, &g)).transpose()?;
            words::remove_word(&ctx.store, &word, account_id.as_deref())?;
            output::line(ctx, &format!("removed {word}"), &serde_json::json!({"removed": word}));
            Ok(())
        }
        WordsCommand::Import { file } => {
            let done = words::import_csv(&ctx.store, &file)?;
            if ctx.json {
                return output::json(&done);
            }
            println!("added {}, updated {}", done.added, done.updated);
            for (line, why) in &done.refused {
                println!("line {line}: {why}");
            }
            Ok(())
        }
        WordsCommand::Export { file } => {
            let n = words::export_csv(&ctx.store, &lang(ctx), &file)?;
            output::line(
                ctx,
                &format!("wrote {n} words to {}", file.display()),
                &serde_json::json!({"rows": n, "path": file}),
            );
            Ok(())
        }
    }
}

pub fn media(ctx: &Ctx, search: Option<String>, limit: usize) -> Result<(), CoreError> {
    let mut rows = mdesk_core::materials::library(&ctx.store, search.as_deref().unwrap_or_default(), limit)?;
    if ctx.json {
        for m in &mut rows {
            // A data URL is for the window; scripts get the file.
            m.thumbnail = None;
        }
        return output::json(&rows);
    }
    for m in &rows {
        let length = m
            .duration_ms
            .map(|ms| format!("  {:.1} s", ms as f64 / 1000.0))
            .unwrap_or_default();
        println!(
            "{}  {}  {} bytes  {}{length}",
            m.hash.get(..12).unwrap_or(&m.hash),
            m.name,
            m.bytes,
            m.kind.as_str()
        );
        for u in &m.uses {
            println!(
                "    {}  {}  {}  {}",
                u.at,
                u.nickname,
                u.work_id.as_deref().unwrap_or("(not yet published)"),
                u.title
            );
        }
    }
    Ok(())
}

pub fn health(ctx: &Ctx) -> Result<(), CoreError> {
    let rows = mdesk_core::health::report(&ctx.store)?;
    if ctx.json {
        return output::json(&rows);
    }
    for r in &rows {
        let why: Vec<String> = r
            .findings
            .iter()
            .map(|f| match (f.count, &f.detail) {
                (0, None) => f.reason.as_str().to_owned(),
                (0, Some(d)) => format!("{} ({d})", f.reason.as_str()),
                (n, _) => format!("{} ({n})", f.reason.as_str()),
            })
            .collect();
        println!("{:<14} {}  {}", r.guangguang_id, r.nickname, why.join(", "));
    }
    if rows.is_empty() {
        println!("every account is fine");
    }
    Ok(())
}
