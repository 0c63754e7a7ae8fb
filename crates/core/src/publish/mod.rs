//! The composer: one work written once, checked field by field, dry-run against every chosen
//! account, and queued as one action per account (each its own idempotency key, its files
//! staged in the data directory and uploaded as part of the action).

pub mod drafts;

use std::path::Path;

use chrono::{DateTime, Utc};
use mdesk_ipc::{
    CheckedField, ContentCheck, ContentHit, CoverChoice, DraftField, FieldProblem, IpcError, MediaInfo, PublishDraft,
    PublishOutcome, PublishPlan, PublishPlanRow, QueuedWork, Tag,
};
use mdesk_platform_api::rules::{check_product_count, check_text, check_title, check_topic, check_work_media};
use mdesk_platform_api::{MediaKind, WorkKind};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{CoreError, CoreResult};
use crate::outbox::kinds;
use crate::outbox::media::{self, Outgoing};
use crate::outbox::{self, Intention};
use crate::store::Store;

/// What the composer shows for picked files: name, size, kind, a thumbnail for an image, and
/// why a file cannot be sent.
pub fn inspect_files(store: &Store, paths: &[String]) -> Vec<MediaInfo> {
    paths
        .iter()
        .map(|p| {
            let path = Path::new(p);
            match media::inspect(path) {
                Ok(seen) => MediaInfo {
                    path: p.clone(),
                    thumbnail: media::thumbnail(path, seen.kind, seen.content_type, seen.bytes),
                    // A file from the Materials screen: its name, not the library copy's.
                    name: crate::materials::original_name(store, path)
                        .ok()
                        .flatten()
                        .unwrap_or(seen.name),
                    bytes: seen.bytes,
                    kind: Some(seen.kind),
                    problem: None,
                },
                Err(e) => MediaInfo {
                    path: p.clone(),
                    name: path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| p.clone()),
                    bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                    kind: None,
                    thumbnail: None,
                    problem: Some(e.into()),
                },
            }
        })
        .collect()
}

fn problem(field: DraftField, e: impl Into<CoreError>) -> FieldProblem {
    FieldProblem {
        field,
        error: IpcError::from(e.into()),
    }
}

/// The draft's files as the action will carry them, before staging (no copy yet).
struct Files {
    media: Vec<Outgoing>,
    cover: Option<Outgoing>,
}

fn described(path: &str) -> CoreResult<Outgoing> {
    let seen = media::inspect(Path::new(path))?;
    Ok(Outgoing {
        file: String::new(),
        name: seen.name,
        bytes: seen.bytes,
        content_type: seen.content_type.to_owned(),
    })
}

/// When to publish, if later: RFC 3339, in the future.
pub fn parse_schedule(at: Option<&str>) -> CoreResult<Option<DateTime<Utc>>> {
    let Some(at) = at.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let at = DateTime::parse_from_rfc3339(at)
        .map_err(|e| CoreError::Rule {
            rule: "schedule_invalid",
            message: format!("{at:?} is not a date and time: {e}"),
        })?
        .with_timezone(&Utc);
    mdesk_platform_api::rules::check_schedule(Some(at), Utc::now())?;
    Ok(Some(at))
}

/// Everything wrong with the draft itself, field by field (the same rules the platform
/// applies), and its files when they are fine.
fn check_draft(draft: &PublishDraft) -> (Vec<FieldProblem>, Option<Files>) {
    let mut problems = Vec::new();
    if let Err(v) = check_title(&draft.title) {
        problems.push(problem(DraftField::Title, v));
    }
    if let Err(v) = check_text(&draft.text) {
        problems.push(problem(DraftField::Text, v));
    }
    if let Err(v) = check_topic(&draft.topic) {
        problems.push(problem(DraftField::Topic, v));
    }
    if let Err(v) = check_product_count(draft.product_ids.len()) {
        problems.push(problem(DraftField::Products, v));
    }
    if let Err(e) = parse_schedule(draft.scheduled_at.as_deref()) {
        problems.push(problem(DraftField::Schedule, e));
    }
    if draft.account_ids.is_empty() {
        problems.push(problem(
            DraftField::Accounts,
            CoreError::Rule {
                rule: "no_accounts",
                message: "choose at least one matrix account".into(),
            },
        ));
    }
    let before = problems.len();
    let mut media = Vec::with_capacity(draft.media.len());
    for path in &draft.media {
        match described(path) {
            Ok(o) => media.push(o),
            Err(e) => problems.push(problem(DraftField::Media, e)),
        }
    }
    let cover = match &draft.cover {
        CoverChoice::Image { path } => match described(path) {
            Ok(o) => Some(o),
            Err(e) => {
                problems.push(problem(DraftField::Cover, e));
                None
            }
        },
        _ => None,
    };
    if problems.len() > before {
        // A file that cannot be read or sent: its kind cannot be checked either.
        return (problems, None);
    }
    let kinds: Vec<MediaKind> = media.iter().filter_map(Outgoing::kind).collect();
    let frame = matches!(draft.cover, CoverChoice::Frame { .. });
    if let Err(v) = check_work_media(draft.kind, &kinds, cover.as_ref().and_then(Outgoing::kind), frame) {
        let field = if v.rule.starts_with("cover") {
            DraftField::Cover
        } else {
            DraftField::Media
        };
        problems.push(problem(field, v));
        return (problems, None);
    }
    (problems, Some(Files { media, cover }))
}

/// The draft's copy, for the content check.
fn draft_text(draft: &PublishDraft) -> mdesk_ipc::CheckedText {
    mdesk_ipc::CheckedText::work(&draft.title, &draft.text, &draft.topic)
}

fn draft_field(field: CheckedField) -> DraftField {
    match field {
        CheckedField::Title => DraftField::Title,
        CheckedField::Text | CheckedField::Comment => DraftField::Text,
        CheckedField::Topic => DraftField::Topic,
    }
}

/// The content check's verdict on the draft for every account (the shipped list and the
/// merchant's words for all): a problem on each field with a blocked word, and, until the
/// person accepts them, on each field with a warned one.
fn content_problems(check: &ContentCheck, accept_warnings: bool) -> Vec<FieldProblem> {
    let general: Vec<&ContentHit> = check.hits.iter().filter(|h| h.account_id.is_none()).collect();
    let mut problems: Vec<FieldProblem> = Vec::new();
    for field in [CheckedField::Title, CheckedField::Text, CheckedField::Topic] {
        let here = ContentCheck {
            hits: general
                .iter()
                .filter(|h| h.field == field)
                .map(|h| (*h).clone())
                .collect(),
        };
        if let Err(e) = crate::content::verdict(&here, accept_warnings) {
            problems.push(problem(draft_field(field), e));
        }
    }
    problems
}

/// One account's own words in the check, and whether they let the work go to it.
fn account_content(
    check: &ContentCheck,
    account_id: &str,
    accept_warnings: bool,
) -> (Vec<ContentHit>, Option<IpcError>) {
    let own = ContentCheck {
        hits: check
            .hits
            .iter()
            .filter(|h| h.account_id.as_deref() == Some(account_id))
            .cloned()
            .collect(),
    };
    let refusal = crate::content::verdict(&own, accept_warnings).err().map(IpcError::from);
    (own.hits, refusal)
}

/// One account's intention for this draft and these files.
fn intention(draft: &PublishDraft, account_id: &str, files: &Files) -> CoreResult<Intention> {
    Ok(Intention::Publish(kinds::Publish {
        account_id: account_id.to_owned(),
        work_kind: draft.kind,
        title: draft.title.trim().to_owned(),
        text: draft.text.clone(),
        topic: mdesk_platform_api::rules::normalize_topic(&draft.topic),
        product_ids: draft.product_ids.clone(),
        privacy: draft.privacy,
        media: files.media.clone(),
        cover: files.cover.clone(),
        cover_frame_ms: match draft.cover {
            CoverChoice::Frame { ms } if draft.kind == WorkKind::Video => Some(ms),
            _ => None,
        },
        scheduled_at: parse_schedule(draft.scheduled_at.as_deref())?,
    }))
}

/// The one submission for review of this draft to these accounts.
fn submission(draft: &PublishDraft, account_ids: Vec<String>, files: &Files) -> CoreResult<kinds::Submit> {
    let Intention::Publish(p) = intention(draft, "", files)? else {
        return Err(CoreError::Corrupt("a draft's intention is a publish".into()));
    };
    Ok(kinds::Submit {
        submission_id: None,
        account_ids,
        work_kind: p.work_kind,
        title: p.title,
        text: p.text,
        topic: p.topic,
        product_ids: p.product_ids,
        privacy: p.privacy,
        media: p.media,
        cover: p.cover,
        cover_frame_ms: p.cover_frame_ms,
        scheduled_at: p.scheduled_at,
        kept_media_ids: Vec::new(),
        kept_cover_media_id: None,
    })
}

/// Revises one's own submission (pending or returned) with the composer's draft: a new
/// version for the reviewer. Without new files the submission keeps the ones the platform has.
pub fn revise(store: &Store, staff: &str, submission_id: &str, draft: &PublishDraft) -> CoreResult<String> {
    let kept: Option<(Vec<String>, Option<String>)> = store.read(|conn| {
        let body: Option<String> = conn
            .prepare_cached("SELECT body FROM submission WHERE id = ?1")?
            .query_row([submission_id], |r| r.get(0))
            .optional()?;
        let Some(body) = body else {
            return Ok(None);
        };
        let sub: mdesk_platform_api::Submission =
            serde_json::from_str(&body).map_err(|e| CoreError::Corrupt(e.to_string()))?;
        Ok(match sub.proposal {
            mdesk_platform_api::Proposal::Publish { work, .. } => Some((work.media_ids, work.cover_media_id)),
            mdesk_platform_api::Proposal::Edit { .. } => None,
        })
    })?;
    let Some((kept_media, kept_cover)) = kept else {
        return Err(CoreError::InvalidInput(format!(
            "no submitted work {submission_id} here to revise"
        )));
    };
    let keep = draft.media.is_empty();
    let files = if keep {
        Files {
            media: Vec::new(),
            cover: None,
        }
    } else {
        let (problems, files) = check_draft(draft);
        match (files, problems.into_iter().next()) {
            (_, Some(p)) => return Err(CoreError::InvalidInput(p.error.message)),
            (None, None) => return Err(CoreError::InvalidInput("the draft is not ready".into())),
            (Some(_), None) => Files {
                media: draft
                    .media
                    .iter()
                    .map(|p| media::stage(store, Path::new(p)))
                    .collect::<CoreResult<_>>()?,
                cover: match &draft.cover {
                    CoverChoice::Image { path } => Some(media::stage(store, Path::new(path))?),
                    _ => None,
                },
            },
        }
    };
    let intention = Intention::Submit(kinds::Submit {
        submission_id: Some(submission_id.to_owned()),
        kept_media_ids: if keep { kept_media } else { Vec::new() },
        kept_cover_media_id: if keep { kept_cover } else { None },
        ..submission(draft, draft.account_ids.clone(), &files)?
    });
    outbox::enqueue_many(store, staff, std::slice::from_ref(&intention), false)?
        .pop()
        .unwrap_or_else(|| Err(CoreError::Corrupt("no answer for the revision".into())))
}

/// Whether this desk's works go to review first (an operator while approval is on).
fn by_submission(store: &Store) -> CoreResult<bool> {
    Ok(store
        .read(crate::identity::whoami)?
        .is_some_and(|w| w.publishes_by_submission))
}

/// Per account, why approval would not publish there (no grant, products not pooled).
fn account_refusals(store: &Store, draft: &PublishDraft) -> CoreResult<Vec<Option<IpcError>>> {
    store.read(|conn| {
        draft
            .account_ids
            .iter()
            .map(|a| {
                Ok(outbox::check_publish_account(conn, a, &draft.product_ids)
                    .err()
                    .map(IpcError::from))
            })
            .collect::<CoreResult<Vec<_>>>()
    })
}

/// The accounts that pass, for a submission.
fn passing(draft: &PublishDraft, refusals: &[Option<IpcError>]) -> Vec<String> {
    draft
        .account_ids
        .iter()
        .zip(refusals)
        .filter(|(_, r)| r.is_none())
        .map(|(a, _)| a.clone())
        .collect()
}

fn plan_row(conn: &Connection, account_id: &str, refusal: Option<IpcError>) -> CoreResult<PublishPlanRow> {
    let (nickname, tag) = conn
        .prepare_cached("SELECT nickname, tag FROM matrix_account WHERE id = ?1")?
        .query_row([account_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Tag>(1)?)))
        .optional()?
        .unwrap_or_else(|| (account_id.to_owned(), Tag::Other));
    Ok(PublishPlanRow {
        account_id: account_id.to_owned(),
        nickname,
        tag,
        refusal,
        content: Vec::new(),
    })
}

/// The draft's files for the duplicate guard: (path, name, kind).
fn picked_files(store: &Store, draft: &PublishDraft) -> Vec<(String, String, mdesk_platform_api::MediaKind)> {
    let cover = match &draft.cover {
        CoverChoice::Image { path } => Some(path),
        _ => None,
    };
    draft
        .media
        .iter()
        .chain(cover)
        .filter_map(|p| {
            media::inspect(Path::new(p)).ok().map(|seen| {
                let name = crate::materials::original_name(store, Path::new(p))
                    .ok()
                    .flatten()
                    .unwrap_or(seen.name);
                (p.clone(), name, seen.kind)
            })
        })
        .collect()
}

/// The dry run: the draft's own problems, and per account what would be sent or why not.
/// Nothing is queued, copied or uploaded.
pub fn plan(store: &Store, staff: &str, draft: &PublishDraft) -> CoreResult<PublishPlan> {
    let (mut problems, files) = check_draft(draft);
    let content = crate::content::check(store, &draft_text(draft), &draft.account_ids)?;
    problems.extend(content_problems(&content, draft.accept_warnings));
    let by_submission = by_submission(store)?;
    let answers: Vec<Option<IpcError>> = match &files {
        Some(files) if problems.is_empty() && by_submission => {
            let mut refusals = account_refusals(store, draft)?;
            let accounts = passing(draft, &refusals);
            if !accounts.is_empty() {
                let one = submission(draft, accounts, files)?.into();
                let verdict = outbox::enqueue_many(store, staff, &[one], true)?.pop();
                if let Some(Err(e)) = verdict {
                    // The submission as a whole is refused: so is every account in it.
                    let e = IpcError::from(e);
                    for r in refusals.iter_mut().filter(|r| r.is_none()) {
                        *r = Some(e.clone());
                    }
                }
            }
            refusals
        }
        Some(files) if problems.is_empty() => {
            let intentions = draft
                .account_ids
                .iter()
                .map(|a| intention(draft, a, files))
                .collect::<CoreResult<Vec<_>>>()?;
            outbox::enqueue_many(store, staff, &intentions, true)?
                .into_iter()
                .map(|r| r.err().map(IpcError::from))
                .collect()
        }
        // The draft itself needs fixing first: still say what each account lacks.
        _ => account_refusals(store, draft)?,
    };
    let rows = store.read(|conn| {
        draft
            .account_ids
            .iter()
            .zip(answers)
            .map(|(a, refusal)| {
                let (hits, own_refusal) = account_content(&content, a, draft.accept_warnings);
                let mut row = plan_row(conn, a, refusal.or(own_refusal))?;
                row.content = hits;
                Ok(row)
            })
            .collect::<CoreResult<Vec<_>>>()
    })?;
    let duplicates = match &files {
        Some(_) => crate::materials::duplicates(store, &picked_files(store, draft), &draft.account_ids)?,
        None => Vec::new(),
    };
    Ok(PublishPlan {
        problems,
        rows,
        by_submission,
        content,
        duplicates,
    })
}

/// Confirms the dry run: stages the files once, queues one action per account that passes,
/// and answers what was queued and what was refused. A draft with problems queues nothing.
/// The draft `draft_id` is deleted once something was queued from it.
pub fn queue(store: &Store, staff: &str, draft: &PublishDraft, draft_id: Option<&str>) -> CoreResult<PublishOutcome> {
    let (problems, files) = check_draft(draft);
    let content = crate::content::check(store, &draft_text(draft), &draft.account_ids)?;
    // The words that hold for every account: the draft itself must not go out.
    crate::content::verdict(
        &ContentCheck {
            hits: content
                .hits
                .iter()
                .filter(|h| h.account_id.is_none())
                .cloned()
                .collect(),
        },
        draft.accept_warnings,
    )?;
    let own_refusals: Vec<Option<IpcError>> = draft
        .account_ids
        .iter()
        .map(|a| account_content(&content, a, draft.accept_warnings).1)
        .collect();
    let (Some(_), true) = (&files, problems.is_empty()) else {
        let first = problems.into_iter().next();
        return Err(CoreError::InvalidInput(
            first.map_or_else(|| "the draft is not ready".to_owned(), |p| p.error.message),
        ));
    };
    let staged = Files {
        media: draft
            .media
            .iter()
            .map(|p| media::stage(store, Path::new(p)))
            .collect::<CoreResult<_>>()?,
        cover: match &draft.cover {
            CoverChoice::Image { path } => Some(media::stage(store, Path::new(path))?),
            _ => None,
        },
    };
    let submitted = by_submission(store)?;
    let answers = if submitted {
        // One submission for the accounts that pass; each of them answers its action.
        let refusals: Vec<Option<IpcError>> = account_refusals(store, draft)?
            .into_iter()
            .zip(own_refusals)
            .map(|(r, own)| r.or(own))
            .collect();
        let accounts = passing(draft, &refusals);
        let one = if accounts.is_empty() {
            None
        } else {
            outbox::enqueue_many(store, staff, &[submission(draft, accounts, &staged)?.into()], false)?.pop()
        };
        let mut one = one.map(|r| r.map_err(IpcError::from));
        refusals
            .into_iter()
            .map(|refusal| match (refusal, &mut one) {
                (Some(e), _) => Err(e),
                (None, Some(answer)) => answer.clone(),
                (None, None) => Err(IpcError::new(
                    mdesk_ipc::ErrorCode::Internal,
                    "no answer for the submission",
                )),
            })
            .collect::<Vec<_>>()
    } else {
        // Accounts whose own words refuse the work are not queued for.
        let sendable: Vec<&String> = draft
            .account_ids
            .iter()
            .zip(&own_refusals)
            .filter(|(_, r)| r.is_none())
            .map(|(a, _)| a)
            .collect();
        let intentions = sendable
            .iter()
            .map(|a| intention(draft, a, &staged))
            .collect::<CoreResult<Vec<_>>>()?;
        let mut answers = outbox::enqueue_many(store, staff, &intentions, false)?.into_iter();
        own_refusals
            .into_iter()
            .map(|own| match own {
                Some(e) => Err(e),
                None => answers
                    .next()
                    .unwrap_or_else(|| Err(CoreError::Corrupt("no answer for an account".into())))
                    .map_err(IpcError::from),
            })
            .collect::<Vec<_>>()
    };
    let mut outcome = PublishOutcome {
        queued: Vec::new(),
        refused: Vec::new(),
        submitted,
    };
    store.read(|conn| {
        for (account_id, answer) in draft.account_ids.iter().zip(answers) {
            match answer {
                Ok(action_id) => outcome.queued.push(QueuedWork {
                    account_id: account_id.clone(),
                    action_id,
                }),
                Err(e) => outcome.refused.push(plan_row(conn, account_id, Some(e))?),
            }
        }
        Ok(())
    })?;
    // Copies nothing needs are tidied by a later sweep.
    if let (false, Some(id)) = (outcome.queued.is_empty(), draft_id) {
        drafts::delete(store, id)?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests;
