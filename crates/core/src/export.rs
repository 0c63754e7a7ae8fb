//! Writing tables to CSV and XLSX: numbers as numbers, money as yuan with two decimals, days
//! as dates and times as local date-times, headers in the staff member's language.
//!
//! CSV is UTF-8 with a byte-order mark, so spreadsheet programs on Windows read the Chinese.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime, Timelike};
use mdesk_ipc::{ExportDone, ExportFormat, ExportProgress};

use crate::error::{CoreError, CoreResult};

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Cents, written as yuan.
    Money(i64),
    /// A ratio written as a percentage (0.125 → 12.5%).
    Percent(f64),
    /// `YYYY-MM-DD`.
    Day(String),
    /// RFC 3339, written in local time.
    Time(String),
    Empty,
}

impl Cell {
    pub fn opt_text(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }

    pub fn opt_time(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Time)
    }

    fn local_time(rfc3339: &str) -> Option<NaiveDateTime> {
        DateTime::parse_from_rfc3339(rfc3339)
            .ok()
            .map(|t| t.with_timezone(&Local).naive_local())
    }

    /// The cell as CSV text.
    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Money(c) => format!("{:.2}", *c as f64 / 100.0),
            Cell::Percent(p) => format!("{:.1}%", p * 100.0),
            Cell::Day(d) => d.clone(),
            Cell::Time(t) => Self::local_time(t).map_or_else(|| t.clone(), |l| l.format("%Y-%m-%d %H:%M").to_string()),
            Cell::Empty => String::new(),
        }
    }
}

/// A table: a sheet of a workbook, or the whole of a CSV file.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Reports progress every this many rows.
const PROGRESS_EVERY: usize = 1_000;

fn err<E: std::fmt::Display>(e: E) -> CoreError {
    CoreError::Io(std::io::Error::other(e.to_string()))
}

/// Writes the first sheet as CSV, or every sheet into one workbook.
pub fn write(
    format: ExportFormat,
    sheets: &[Sheet],
    path: &Path,
    progress: &mut dyn FnMut(ExportProgress),
) -> CoreResult<ExportDone> {
    let total: u64 = match format {
        ExportFormat::Csv => sheets.first().map_or(0, |s| s.rows.len() as u64),
        ExportFormat::Xlsx => sheets.iter().map(|s| s.rows.len() as u64).sum(),
    };
    let mut done = 0u64;
    progress(ExportProgress { done: 0, total });
    let mut tick = |n: &mut u64| {
        *n += 1;
        if n.is_multiple_of(PROGRESS_EVERY as u64) {
            progress(ExportProgress { done: *n, total });
        }
    };
    // Written beside its name and renamed into place: a full disk leaves no half export.
    let rows = crate::files::place(path, |path| match format {
        ExportFormat::Csv => {
            let sheet = sheets.first().ok_or_else(|| err("nothing to export"))?;
            let mut file = std::fs::File::create(path)?;
            std::io::Write::write_all(&mut file, "\u{feff}".as_bytes())?;
            let mut w = csv::Writer::from_writer(file);
            w.write_record(&sheet.headers).map_err(crate::files::csv_error)?;
            for row in &sheet.rows {
                w.write_record(row.iter().map(Cell::csv))
                    .map_err(crate::files::csv_error)?;
                tick(&mut done);
            }
            w.flush()?;
            w.into_inner().map_err(|e| CoreError::Io(e.into_error()))?.sync_all()?;
            Ok(sheet.rows.len())
        }
        ExportFormat::Xlsx => {
            write_xlsx(sheets, path, &mut || tick(&mut done))?;
            Ok(sheets.iter().map(|s| s.rows.len()).sum())
        }
    })?;
    progress(ExportProgress { done: total, total });
    Ok(ExportDone {
        path: path.to_string_lossy().into_owned(),
        rows: rows as u32,
    })
}

fn excel_day(d: NaiveDate) -> Result<rust_xlsxwriter::ExcelDateTime, rust_xlsxwriter::XlsxError> {
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn write_xlsx(sheets: &[Sheet], path: &Path, tick: &mut dyn FnMut()) -> CoreResult<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let int = Format::new().set_num_format("#,##0");
    let pct = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for sheet in sheets {
        let ws = book.add_worksheet();
        // Sheet names are at most 31 characters and cannot hold some symbols.
        let name: String = sheet
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        ws.set_name(name).map_err(err)?;
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold).map_err(err)?;
            let width = (h.chars().count() as f64 * 2.2).max(12.0);
            ws.set_column_width(c as u16, width).map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    Cell::Int(n) => ws.write_number_with_format(r, c, *n as f64, &int).map(|_| ()),
                    Cell::Money(cents) => ws
                        .write_number_with_format(r, c, *cents as f64 / 100.0, &money)
                        .map(|_| ()),
                    Cell::Percent(p) => ws.write_number_with_format(r, c, *p, &pct).map(|_| ()),
                    Cell::Day(d) => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                        Ok(day) => {
                            excel_day(day).and_then(|dt| ws.write_datetime_with_format(r, c, &dt, &date).map(|_| ()))
                        }
                        Err(_) => ws.write_string(r, c, d).map(|_| ()),
                    },
                    Cell::Time(t) => match Cell::local_time(t) {
                        Some(local) => excel_day(local.date())
                            .and_then(|dt| dt.and_hms(local.hour() as u16, local.minute() as u8, local.second()))
                            .and_then(|dt| ws.write_datetime_with_format(r, c, &dt, &time).map(|_| ())),
                        None => ws.write_string(r, c, t).map(|_| ()),
                    },
                    Cell::Empty => Ok(()),
                }
                .map_err(err)?;
            }
            tick();
        }
    }
    book.save(path).map_err(crate::files::xlsx_error)?;
    Ok(())
}

/// A file in `dir` named `{stem}-{local time}.{ext}` that does not overwrite an earlier one.
pub fn path(dir: &Path, stem: &str, format: ExportFormat) -> PathBuf {
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    crate::files::free_name(dir, &format!("{stem}-{stamp}"), format.as_str())
}

/// `path` ending in `format`'s extension: a name typed in a save dialog without it gets it.
pub fn with_extension(path: &Path, format: ExportFormat) -> PathBuf {
    let ext = format.as_str();
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        return path.to_owned();
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(ext);
    path.with_file_name(name)
}

/// The change from `before` to `now` as a ratio; `None` when there was nothing before.
pub fn change(now: i64, before: i64) -> Option<f64> {
    (before != 0).then(|| (now - before) as f64 / before as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_people_expect_in_csv() {
        assert_eq!(Cell::Money(123_456).csv(), "1234.56");
        assert_eq!(Cell::Int(-7).csv(), "-7");
        assert_eq!(Cell::Percent(0.125).csv(), "12.5%");
        assert_eq!(Cell::Day("2026-11-29".into()).csv(), "2026-11-29");
        assert_eq!(Cell::Empty.csv(), "");
        assert_eq!(change(150, 100), Some(0.5));
        assert_eq!(change(1, 0), None);
    }

    #[test]
    fn a_name_typed_without_its_extension_gets_it() {
        let csv = ExportFormat::Csv;
        assert_eq!(with_extension(Path::new("/tmp/周报"), csv), Path::new("/tmp/周报.csv"));
        assert_eq!(with_extension(Path::new("/tmp/a.CSV"), csv), Path::new("/tmp/a.CSV"));
        assert_eq!(
            with_extension(Path::new("/tmp/a.v2"), ExportFormat::Xlsx),
            Path::new("/tmp/a.v2.xlsx")
        );
    }
}
