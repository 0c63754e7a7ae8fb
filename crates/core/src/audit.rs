//! The audit trail as staff read it (R2: proxy actions are the matrix account's
//! responsibility): who, on whose behalf, what, when, outcome — filtered, and exported to
//! CSV or XLSX in the UI's language.

use std::path::Path;

use mdesk_ipc::i18n::translate;
use mdesk_ipc::{AuditFilter, AuditView, ExportDone};
use rusqlite::{params, Connection};

use crate::error::{CoreError, CoreResult};
use crate::outbox::Intention;
use crate::store::Store;

/// Entries the filter lets through, newest first, each described in `lang`.
pub fn query(store: &Store, filter: &AuditFilter, lang: &str) -> CoreResult<Vec<AuditView>> {
    store.read(|conn| query_in(conn, filter, lang))
}

fn query_in(conn: &Connection, filter: &AuditFilter, lang: &str) -> CoreResult<Vec<AuditView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.seq, e.at, e.staff_name, a.nickname, a.guangguang_id, x.kind, e.what, e.outcome, x.payload, \
         e.error_code, e.verified \
         FROM audit_entry e \
         LEFT JOIN matrix_account a ON a.id = e.account_id \
         LEFT JOIN action x ON x.id = e.action_id \
         WHERE (?1 IS NULL OR e.staff_name = ?1) \
           AND (?2 IS NULL OR e.outcome = ?2) \
           AND (?3 IS NULL OR substr(e.at, 1, 10) >= ?3) \
           AND (?4 IS NULL OR substr(e.at, 1, 10) <= ?4) \
         ORDER BY e.seq DESC",
    )?;
    let rows = stmt.query_map(params![filter.staff, filter.outcome, filter.from, filter.to], |r| {
        let outcome = r.get(7)?;
        let error_code: Option<String> = r.get(9)?;
        let what: String = r.get(6)?;
        let payload: Option<String> = r.get(8)?;
        // The trail's own English line stays the fallback for entries without an action.
        let what = payload
            .and_then(|p| serde_json::from_str::<Intention>(&p).ok())
            .map_or(what, |i| i.describe(lang));
        Ok(AuditView {
            seq: r.get(0)?,
            at: r.get(1)?,
            staff_name: r.get(2)?,
            account_nickname: r.get(3)?,
            account_gg: r.get(4)?,
            kind: r.get(5)?,
            what,
            outcome,
            error_code,
            verified: r.get(10)?,
        })
    })?;
    let query = filter.query.trim().to_lowercase();
    let matches = |v: &AuditView| {
        query.is_empty()
            || [Some(&v.what), v.account_nickname.as_ref(), v.account_gg.as_ref()]
                .into_iter()
                .flatten()
                .any(|text| text.to_lowercase().contains(&query))
    };
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if matches(&row) {
            out.push(row);
        }
    }
    Ok(out)
}

/// The staff names on the trail, for the filter.
pub fn staff_names(store: &Store) -> CoreResult<Vec<String>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached("SELECT DISTINCT staff_name FROM audit_entry ORDER BY staff_name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

const COLUMNS: [&str; 6] = [
    "col-time",
    "col-staff",
    "col-on-behalf",
    "col-action",
    "col-outcome",
    "col-detail",
];

/// One exported line, in `lang`: time, staff, account, action, outcome, detail.
fn cells(lang: &str, row: &AuditView) -> [String; 6] {
    let account = match (&row.account_nickname, &row.account_gg) {
        (Some(n), Some(g)) => format!("{n} ({g})"),
        _ => String::new(),
    };
    let action = row
        .kind
        .map(|k| translate(lang, &format!("intention-{k}"), &[]))
        .unwrap_or_else(|| row.what.clone());
    let outcome = translate(lang, &format!("outcome-{}", row.outcome.as_str()), &[]);
    let detail = match &row.error_code {
        Some(code) => format!("{} — {}", row.what, translate(lang, &format!("error-{code}"), &[])),
        None => row.what.clone(),
    };
    let staff = if row.verified {
        row.staff_name.clone()
    } else {
        translate(lang, "audit-self-declared", &[("name", row.staff_name.clone().into())])
    };
    [row.at.clone(), staff, account, action, outcome, detail]
}

fn headers(lang: &str) -> Vec<String> {
    COLUMNS.iter().map(|k| translate(lang, k, &[])).collect()
}

/// Writes the rows as CSV (UTF-8 with a byte-order mark, so spreadsheet programs on Windows
/// read the Chinese correctly).
pub fn export_csv(rows: &[AuditView], lang: &str, path: &Path) -> CoreResult<ExportDone> {
    let export = crate::files::csv_error;
    crate::files::place(path, |path| {
        let mut file = std::fs::File::create(path)?;
        std::io::Write::write_all(&mut file, "\u{feff}".as_bytes())?;
        let mut w = csv::Writer::from_writer(file);
        w.write_record(headers(lang)).map_err(export)?;
        for row in rows {
            w.write_record(cells(lang, row)).map_err(export)?;
        }
        w.flush()?;
        w.into_inner().map_err(|e| CoreError::Io(e.into_error()))?.sync_all()?;
        Ok(())
    })?;
    Ok(done(path, rows))
}

/// Writes the rows as an XLSX workbook with one sheet.
pub fn export_xlsx(rows: &[AuditView], lang: &str, path: &Path) -> CoreResult<ExportDone> {
    use rust_xlsxwriter::{Format, Workbook};
    let xlsx = crate::files::xlsx_error;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(translate(lang, "audit-sheet", &[])).map_err(xlsx)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers(lang).iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in cells(lang, row).iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, cell).map_err(xlsx)?;
        }
    }
    for (c, width) in [22.0, 14.0, 28.0, 18.0, 14.0, 48.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *width).map_err(xlsx)?;
    }
    crate::files::place(path, |path| book.save(path).map_err(xlsx))?;
    Ok(done(path, rows))
}

fn done(path: &Path, rows: &[AuditView]) -> ExportDone {
    ExportDone {
        path: path.to_string_lossy().into_owned(),
        rows: rows.len() as u32,
    }
}
