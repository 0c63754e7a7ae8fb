//! The Works list (every page of the current filters) as a CSV file or an XLSX workbook.

use std::path::Path;

use mdesk_ipc::i18n::translate;
use mdesk_ipc::{ExportDone, ExportFormat, ExportProgress, Metric, WorkRow, WorksQuery};
use mdesk_platform_api::WireEnum;

use crate::error::{CoreError, CoreResult};
use crate::export::{self, Cell, Sheet};
use crate::period;
use crate::session;
use crate::store::Store;

/// A translated label.
pub fn label(lang: &str, key: &str) -> String {
    translate(lang, key, &[])
}

/// A state's translated name: `{prefix}-{wire name}`.
pub fn state_label(lang: &str, prefix: &str, state: &impl WireEnum) -> String {
    label(lang, &format!("{prefix}-{}", state.wire_name()))
}

/// The six metric headers.
pub fn metric_headers(lang: &str) -> Vec<String> {
    Metric::ALL
        .iter()
        .map(|m| label(lang, &format!("export-metric-{}", m.as_str())))
        .collect()
}

/// The six metric cells of `m`.
pub fn metric_cells(m: &mdesk_ipc::Metrics) -> Vec<Cell> {
    vec![
        Cell::Int(m.exposure),
        Cell::Int(m.views),
        Cell::Int(m.interactions),
        Cell::Int(m.shop_traffic),
        Cell::Int(m.orders),
        Cell::Money(m.amount_cents),
    ]
}

/// The works table, one row per work.
pub fn works_sheet(lang: &str, rows: &[WorkRow]) -> Sheet {
    let mut headers: Vec<String> = [
        "export-col-work-id",
        "export-col-title",
        "export-col-account",
        "export-col-gg",
        "export-col-tag",
        "export-col-kind",
        "export-col-published",
        "export-col-scheduled",
        "export-col-privacy",
        "export-col-pinned",
        "export-col-review",
        "export-col-reason",
        "export-col-inclusion",
        "export-col-topic",
        "export-col-topic-status",
        "export-col-likes",
        "export-col-comments",
    ]
    .iter()
    .map(|k| label(lang, k))
    .collect();
    headers.extend(metric_headers(lang));
    let rows = rows
        .iter()
        .map(|w| {
            let mut cells = vec![
                Cell::Text(w.id.clone()),
                Cell::Text(w.title.clone()),
                Cell::Text(w.nickname.clone()),
                Cell::Text(w.guangguang_id.clone()),
                Cell::Text(state_label(lang, "tag", &w.tag)),
                Cell::Text(state_label(lang, "export-kind", &w.kind)),
                Cell::opt_time(w.published_at.clone()),
                Cell::opt_time(w.scheduled_at.clone()),
                Cell::Text(state_label(lang, "privacy", &w.privacy)),
                Cell::Text(label(lang, if w.pinned { "export-yes" } else { "export-no" })),
                Cell::Text(state_label(lang, "export-review", &w.review_status)),
                Cell::opt_text(w.review_reason.clone()),
                Cell::Text(state_label(lang, "export-inclusion", &w.inclusion_status)),
                Cell::opt_text(w.topic.clone()),
                w.topic_status
                    .map_or(Cell::Empty, |t| Cell::Text(state_label(lang, "export-topic", &t))),
                Cell::Int(w.like_count),
                Cell::Int(w.comment_count),
            ];
            cells.extend(metric_cells(&w.metrics));
            cells
        })
        .collect();
    Sheet {
        name: label(lang, "export-sheet-works"),
        headers,
        rows,
    }
}

/// Writes every work `q` lets through (all pages, in its order) to `path`.
pub fn export(
    store: &Store,
    q: &WorksQuery,
    format: ExportFormat,
    lang: &str,
    path: &Path,
    progress: &mut dyn FnMut(ExportProgress),
) -> CoreResult<ExportDone> {
    let rows = store.read(|conn| {
        let session = session::current_in(conn)?.ok_or(CoreError::NotSignedIn)?;
        let range = period::resolve(conn, &q.period)?;
        super::rows_in(conn, &session.merchant_id, q, &range, None)
    })?;
    let rows: Vec<WorkRow> = rows.into_iter().map(|(w, _)| w).collect();
    let sheet = works_sheet(lang, &rows);
    export::write(format, &[sheet], path, progress)
}
