//! Files the desk writes beside its database (exports, cached covers, staged media, backups):
//! each is written under a temporary name and renamed into place, so a full disk or a crash
//! leaves either the whole file or none, never half of one.

use std::path::{Path, PathBuf};

use crate::error::{CoreError, CoreResult};

/// Where `path` is written before it is complete: `<name>.part` beside it.
pub fn part_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// `dir/<base>.<ext>`, or `dir/<base>-2.<ext>`, `-3` … : the first name no file has yet.
pub fn free_name(dir: &Path, base: &str, ext: &str) -> PathBuf {
    let mut candidate = dir.join(format!("{base}.{ext}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{base}-{n}.{ext}"));
        n += 1;
    }
    candidate
}

/// Runs `write` on a temporary file beside `path`, then renames it to `path`. When `write`
/// fails (a full disk, say), the temporary file is removed and `path` is untouched.
pub fn place<T>(path: &Path, write: impl FnOnce(&Path) -> CoreResult<T>) -> CoreResult<T> {
    let part = part_of(path);
    let result = write(&part).and_then(|out| {
        std::fs::rename(&part, path)?;
        Ok(out)
    });
    if result.is_err() {
        if let Err(e) = std::fs::remove_file(&part) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(file = %part.display(), error = %e, "unfinished file not removed");
            }
        }
    }
    result
}

/// Writes `bytes` to `path` whole or not at all.
pub fn write_whole(path: &Path, bytes: &[u8]) -> CoreResult<()> {
    place(path, |part| Ok(std::fs::write(part, bytes)?))
}

/// An error of a writer library as the core's: its I/O cause kept (so a full disk is still
/// a full disk), anything else as an I/O error in words.
pub fn io_error(cause: Option<std::io::Error>, words: impl std::fmt::Display) -> CoreError {
    CoreError::Io(cause.unwrap_or_else(|| std::io::Error::other(words.to_string())))
}

/// A CSV writer's error, its I/O cause kept.
pub fn csv_error(e: csv::Error) -> CoreError {
    let words = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => CoreError::Io(io),
        _ => io_error(None, words),
    }
}

/// An XLSX writer's error, its I/O cause kept.
pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> CoreError {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => CoreError::Io(io),
        other => io_error(None, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_neither_a_half_file_nor_a_changed_one() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("导出.csv");
        std::fs::write(&path, b"the export from before").expect("old");
        let r: CoreResult<()> = place(&path, |part| {
            std::fs::write(part, b"half of a new ex")?;
            Err(CoreError::Io(std::io::Error::from(std::io::ErrorKind::StorageFull)))
        });
        assert!(r.expect_err("fails").is_disk_full());
        assert_eq!(std::fs::read(&path).expect("read"), b"the export from before");
        assert!(!part_of(&path).exists(), "the unfinished file is gone");
        write_whole(&path, b"new").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
    }
}
