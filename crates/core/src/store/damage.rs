//! Which errors mean what for the store: damage (repair it) and a full disk (wait for space).
//! Nothing else is damage: a busy or locked database, a lack of memory or a full disk pass by
//! themselves, and repairing on them would move a healthy database aside.

pub use crate::error::{is_damage, is_disk_full, is_io_disk_full};

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn failure(code: std::os::raw::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)
    }

    #[test]
    fn only_corruption_codes_are_damage() {
        // Repairing moves the database aside: a busy, locked or full database must never
        // trigger it, however often it happens.
        assert!(is_damage(&failure(ffi::SQLITE_CORRUPT)));
        assert!(is_damage(&failure(ffi::SQLITE_NOTADB)));
        for code in [
            ffi::SQLITE_FULL,
            ffi::SQLITE_BUSY,
            ffi::SQLITE_LOCKED,
            ffi::SQLITE_NOMEM,
            ffi::SQLITE_IOERR,
        ] {
            assert!(!is_damage(&failure(code)), "code {code} is not damage");
        }
        assert!(is_disk_full(&failure(ffi::SQLITE_FULL)));
        assert!(!is_disk_full(&failure(ffi::SQLITE_CORRUPT)));
        if cfg!(target_os = "linux") {
            assert!(is_io_disk_full(&std::io::Error::from_raw_os_error(28)), "ENOSPC");
        }
        assert!(!is_io_disk_full(&std::io::Error::from(
            std::io::ErrorKind::PermissionDenied
        )));
    }
}

/// Damage for tests: random noise over pages of a table, as a failing disk leaves them.
#[cfg(any(test, feature = "fault-injection"))]
pub mod inject {
    use std::io::{Seek, SeekFrom, Write};
    use std::path::Path;

    use rand::{Rng, SeedableRng};

    /// Overwrites up to `pages` leaf pages of `table` in the (closed) database at `db` with
    /// random bytes; the page numbers it hit. The WAL is checkpointed first, so the pages hit
    /// are the ones SQLite will read.
    pub fn noise_over(db: &Path, table: &str, pages: usize, seed: u64) -> rusqlite::Result<Vec<u32>> {
        let conn = rusqlite::Connection::open(db)?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let page_size: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0))? as u64;
        let mut leaves: Vec<u32> = conn
            .prepare("SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = 'leaf' ORDER BY pageno")?
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(conn);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut hit = Vec::new();
        while hit.len() < pages && !leaves.is_empty() {
            hit.push(leaves.swap_remove(rng.gen_range(0..leaves.len())));
        }
        hit.sort_unstable();
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(db)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        for page in &hit {
            let mut noise = vec![0u8; page_size as usize];
            rng.fill(noise.as_mut_slice());
            let at = (u64::from(*page) - 1) * page_size;
            file.seek(SeekFrom::Start(at))
                .and_then(|_| file.write_all(&noise))
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        }
        Ok(hit)
    }
}
