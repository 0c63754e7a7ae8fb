//! A desk's first download in bulk: `GET /v1/snapshot` page by page (docs/platform-api.md),
//! each page and the cursor for the next written in one transaction, so a desk that stopped
//! resumes where it was. After the last page the change feed goes on from the snapshot's `seq`.
//! A platform without the snapshot (404) leaves the first download to the feed, from 0.

use mdesk_ipc::SyncProgress;
use mdesk_platform_api::{ChangeData, ErrorCode, SnapshotPage};

use super::Ahead;
use crate::error::{CoreError, CoreResult};
use crate::platform::{AccessTokens, PlatformClient};
use crate::secret::Secret;
use crate::store::{apply_change, grams, kv, Store};

/// Works per snapshot page: the most the platform gives at once.
pub const SNAPSHOT_WORKS: u32 = mdesk_platform_api::MAX_SNAPSHOT_WORKS;

fn fetch(client: &PlatformClient, access: &Secret, cursor: Option<String>) -> Ahead<SnapshotPage> {
    let (client, access) = (client.clone(), access.clone());
    Ahead::spawn(async move { client.snapshot(&access, cursor.as_deref(), SNAPSHOT_WORKS).await })
}

fn not_offered(e: &CoreError) -> bool {
    matches!(
        e,
        CoreError::Platform {
            code: ErrorCode::NotFound,
            ..
        }
    )
}

/// Downloads the snapshot, or what is left of it, into `merchant_id`'s rows. The `seq` the
/// change feed goes on from; `None` when the platform has no snapshot.
pub(super) async fn download(
    store: &Store,
    client: &PlatformClient,
    tokens: &impl AccessTokens,
    access: &mut Secret,
    merchant_id: &str,
    progress: &mut impl FnMut(SyncProgress),
) -> CoreResult<Option<i64>> {
    let mut cursor = store.read(kv::snapshot_cursor)?;
    let mut ahead = Some(fetch(client, access, cursor.clone()));
    // Resumed, the progress goes on from the works already here.
    let mut done = match cursor {
        Some(_) => store
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM work", [], |r| r.get::<_, i64>(0))?))?
            .max(0) as u64,
        None => 0,
    };
    let (mut waited, mut wrote) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    loop {
        let asked = std::time::Instant::now();
        let fetched = match ahead.take() {
            Some(a) => a.page().await,
            None => client.snapshot(access, cursor.as_deref(), SNAPSHOT_WORKS).await,
        };
        let page = match fetched {
            Err(e) if not_offered(&e) => {
                tracing::info!("the platform has no snapshot: the first download reads the change feed");
                store.write_replaceable(|tx| {
                    kv::set_snapshot_cursor(tx, None)?;
                    // Pages of a snapshot begun before may have deferred the index.
                    Ok(grams::reindex_all(tx)?)
                })?;
                return Ok(None);
            }
            Err(CoreError::Platform {
                code: ErrorCode::Unauthorized,
                ..
            }) => {
                *access = tokens.renew().await?;
                client.snapshot(access, cursor.as_deref(), SNAPSHOT_WORKS).await?
            }
            other => other?,
        };
        if page.next_cursor.is_some() {
            ahead = Some(fetch(client, access, page.next_cursor.clone()));
        }
        let seq = page.seq;
        let next = page.next_cursor.clone();
        let works = page.works.len() as u64;
        let total = page.works_total.max(0) as u64;
        waited += asked.elapsed();
        let writing = std::time::Instant::now();
        // The platform's data: downloaded again if lost, so not worth a sync to disk per page.
        store.write_replaceable(|tx| {
            // The search index is built once, after the last page (a stopped download keeps it
            // deferred until then).
            grams::defer(tx)?;
            write_page(tx, merchant_id, page)?;
            kv::set_snapshot_cursor(tx, next.as_deref())?;
            if next.is_none() {
                kv::set_cursor(tx, seq)?;
                grams::reindex_all(tx)?;
            }
            Ok(())
        })?;
        wrote += writing.elapsed();
        done += works;
        progress(SyncProgress {
            done: done.min(total),
            total,
        });
        match next {
            Some(c) => cursor = Some(c),
            None => {
                tracing::info!(?waited, ?wrote, works = done, "snapshot downloaded");
                return Ok(Some(seq));
            }
        }
        // A page downloaded ahead is often ready at once: let the runtime's other tasks (and a
        // request to stop) in between pages.
        tokio::task::yield_now().await;
    }
}

/// One page's entities, in the order the feed would bring them: the merchant, its products,
/// accounts and invitations, then works, their daily numbers and comments, then the team and
/// its submissions (after the works an edit's submission is named by).
fn write_page(tx: &rusqlite::Transaction<'_>, merchant_id: &str, page: SnapshotPage) -> CoreResult<()> {
    if let Some(me) = page.me {
        apply_change(tx, merchant_id, &ChangeData::Merchant(me))?;
    }
    let SnapshotPage {
        products,
        accounts,
        invitations,
        works,
        metrics,
        comments,
        staff,
        submissions,
        ..
    } = page;
    let entities = products
        .into_iter()
        .map(ChangeData::Product)
        .chain(accounts.into_iter().map(ChangeData::Account))
        .chain(invitations.into_iter().map(ChangeData::Invitation))
        .chain(works.into_iter().map(ChangeData::Work))
        .chain(metrics.into_iter().map(|m| ChangeData::WorkMetric(m.into())))
        .chain(comments.into_iter().map(ChangeData::Comment))
        .chain(staff.into_iter().map(ChangeData::Staff))
        .chain(submissions.into_iter().map(|s| ChangeData::Submission(Box::new(s))));
    for entity in entities {
        apply_change(tx, merchant_id, &entity)?;
    }
    Ok(())
}
