//! Log files for support: one a day in the OS log folder (`<data dir>/logs` when
//! `MDESK_DATA_DIR` is set), the last week kept. Every line, on stderr and in the files, is
//! passed through the core's redaction first, so tokens, passwords and phone numbers never
//! reach a disk or a terminal.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::writer::OptionalWriter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::prelude::*;

/// Days of logs kept.
const KEEP_FILES: usize = 7;

/// The log files, once the folder is known (Tauri's paths come after start-up).
static FILE: OnceLock<(PathBuf, RollingFileAppender)> = OnceLock::new();

/// Starts logging to stderr; [`open_folder`] adds the files once the folder is known.
pub fn init() {
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("MDESK_LOG").unwrap_or_else(|_| "info,tao=warn,wry=warn".into());
    let stderr = tracing_subscriber::fmt::layer().with_writer(Redacting(io::stderr));
    let file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(Redacting(LogFile));
    tracing_subscriber::registry()
        .with(filter)
        .with(stderr)
        .with(file)
        .init();
}

/// Writes log files into `dir` from now on.
pub fn open_folder(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("matrix-desk")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(dir)
        .map_err(io::Error::other)?;
    if FILE.set((dir.to_owned(), appender)).is_err() {
        return Err(io::Error::other("the log folder is already open"));
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), folder = %dir.display(), "Matrix Desk started");
    Ok(())
}

/// Where the log files are, once open.
pub fn folder() -> Option<&'static Path> {
    FILE.get().map(|(dir, _)| dir.as_path())
}

/// The day's log file, or nothing before the folder is known.
struct LogFile;

impl<'a> MakeWriter<'a> for LogFile {
    type Writer = OptionalWriter<<RollingFileAppender as MakeWriter<'a>>::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        match FILE.get() {
            Some((_, appender)) => OptionalWriter::some(appender.make_writer()),
            None => OptionalWriter::none(),
        }
    }
}

/// Redacts each formatted line before it is written (the formatter writes a line at once).
struct Redacting<M>(M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter(self.0.make_writer())
    }
}

struct RedactingWriter<W>(W);

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(mdesk_core::redact::redact(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_redacted_on_its_way_to_the_writer() {
        let mut out = RedactingWriter(Vec::new());
        mdesk_core::redact::remember("tok_5a4b3c2d1e");
        write!(out, "sign-in answered tok_5a4b3c2d1e for 13812345678 password=pw123456").expect("write");
        let line = String::from_utf8(out.0).expect("utf-8");
        assert!(
            !line.contains("tok_5a4b3c2d1e") && !line.contains("13812345678") && !line.contains("pw123456"),
            "{line}"
        );
        assert!(line.contains("138****5678"), "{line}");
    }
}
