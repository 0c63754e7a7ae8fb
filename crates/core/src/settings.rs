//! User preferences with their rules: language, staff name, sync interval, platform endpoint,
//! where exports go, and whether closing the window keeps syncing.

use std::path::{Path, PathBuf};

use mdesk_ipc::Settings;

use crate::error::{CoreError, CoreResult};
use crate::platform::normalize_url;
use crate::store::kv::{self, Setting};
use crate::store::Store;

pub const LANGUAGES: &[&str] = &["zh-CN", "en"];
pub const DEFAULT_LANGUAGE: &str = "zh-CN";
pub const DEFAULT_SYNC_INTERVAL_SECS: u32 = 60;
pub const MIN_SYNC_INTERVAL_SECS: u32 = 10;
pub const MAX_SYNC_INTERVAL_SECS: u32 = 3600;
const MAX_STAFF_NAME_CHARS: usize = 32;

pub fn load(store: &Store) -> CoreResult<Settings> {
    store.read(|conn| {
        let sync_interval_secs = match kv::setting(conn, Setting::SyncIntervalSecs)? {
            Some(v) => v
                .parse()
                .map_err(|_| CoreError::Corrupt(format!("sync interval {v:?}")))?,
            None => DEFAULT_SYNC_INTERVAL_SECS,
        };
        Ok(Settings {
            language: kv::setting(conn, Setting::Language)?.unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()),
            staff_name: kv::setting(conn, Setting::StaffName)?.unwrap_or_default(),
            sync_interval_secs,
            platform_url: kv::setting(conn, Setting::PlatformUrl)?,
            username: kv::session(conn)?.map(|s| s.username),
            keep_syncing_on_close: kv::setting(conn, Setting::KeepSyncingOnClose)?.as_deref() == Some("1"),
        })
    })
}

/// The UI language.
pub fn language(store: &Store) -> CoreResult<String> {
    Ok(store
        .read(|conn| kv::setting(conn, Setting::Language))?
        .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()))
}

/// The configured platform endpoint; `None` is the embedded demo platform.
pub fn platform_url(store: &Store) -> CoreResult<Option<String>> {
    store.read(|conn| kv::setting(conn, Setting::PlatformUrl))
}

/// The staff name typed into Settings, which every delegated action is recorded under against a
/// platform without teams; refused when not set yet. Signed in as themselves (teams), the
/// platform's identity names them instead and no typed name is needed.
pub fn staff_name(store: &Store) -> CoreResult<String> {
    let (staff, verified) = store.read(|conn| {
        Ok((
            kv::setting(conn, Setting::StaffName)?.unwrap_or_default(),
            crate::identity::whoami(conn)?.is_some_and(|w| w.verified),
        ))
    })?;
    // Signed in as themselves: the platform's identity names them, no typed name needed.
    if verified {
        return Ok(staff);
    }
    if staff.trim().is_empty() {
        return Err(CoreError::StaffNameMissing);
    }
    Ok(staff)
}

pub fn set_language(store: &Store, language: &str) -> CoreResult<()> {
    if !LANGUAGES.contains(&language) {
        return Err(CoreError::InvalidInput(format!(
            "language {language:?} is not one of {LANGUAGES:?}"
        )));
    }
    store.write(|tx| kv::set_setting(tx, Setting::Language, Some(language)))
}

/// The staff member's name goes on every audit entry, so it must be a real, short name.
pub fn set_staff_name(store: &Store, name: &str) -> CoreResult<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::InvalidInput("staff name is empty".to_owned()));
    }
    if name.chars().count() > MAX_STAFF_NAME_CHARS {
        return Err(CoreError::InvalidInput(format!(
            "staff name is longer than {MAX_STAFF_NAME_CHARS} characters"
        )));
    }
    store.write(|tx| kv::set_setting(tx, Setting::StaffName, Some(name)))
}

pub fn set_sync_interval(store: &Store, secs: u32) -> CoreResult<()> {
    if !(MIN_SYNC_INTERVAL_SECS..=MAX_SYNC_INTERVAL_SECS).contains(&secs) {
        return Err(CoreError::InvalidInput(format!(
            "sync interval must be between {MIN_SYNC_INTERVAL_SECS} and {MAX_SYNC_INTERVAL_SECS} seconds"
        )));
    }
    store.write(|tx| kv::set_setting(tx, Setting::SyncIntervalSecs, Some(&secs.to_string())))
}

/// `None` selects the embedded demo platform.
pub fn set_platform_url(store: &Store, url: Option<&str>) -> CoreResult<()> {
    let url = url.map(normalize_url).transpose()?;
    store.write(|tx| kv::set_setting(tx, Setting::PlatformUrl, url.as_deref()))
}

/// Whether closing the window leaves the app syncing in the tray. Off by default: a closed
/// window should mean a stopped app unless the user chose otherwise.
pub fn keep_syncing_on_close(store: &Store) -> CoreResult<bool> {
    Ok(store
        .read(|conn| kv::setting(conn, Setting::KeepSyncingOnClose))?
        .as_deref()
        == Some("1"))
}

pub fn set_keep_syncing_on_close(store: &Store, on: bool) -> CoreResult<()> {
    store.write(|tx| kv::set_setting(tx, Setting::KeepSyncingOnClose, Some(if on { "1" } else { "0" })))
}

/// The person chose, for this data folder, to keep the sign-in in a file (the keychain was
/// unavailable). Never set without that choice.
pub fn secret_store_is_file(store: &Store) -> CoreResult<bool> {
    Ok(store.read(|conn| kv::setting(conn, Setting::SecretStore))?.as_deref() == Some("file"))
}

pub fn set_secret_store_file(store: &Store, file: bool) -> CoreResult<()> {
    store.write(|tx| kv::set_setting(tx, Setting::SecretStore, file.then_some("file")))
}

/// The folder the save dialog opens in: where the last export went, while it still exists.
pub fn export_folder(store: &Store) -> CoreResult<Option<PathBuf>> {
    let saved = store.read(|conn| kv::setting(conn, Setting::ExportFolder))?;
    Ok(saved.map(PathBuf::from).filter(|dir| dir.is_dir()))
}

/// Remembers the folder of a file just exported.
pub fn remember_export_folder(store: &Store, file: &Path) -> CoreResult<()> {
    let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    let dir = dir.to_string_lossy();
    store.write(|tx| kv::set_setting(tx, Setting::ExportFolder, Some(&dir)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::open_in_memory().expect("in-memory store")
    }

    #[test]
    fn defaults_are_chinese_and_demo() {
        // A first start must come up in Chinese against the demo platform.
        let s = load(&store()).expect("settings");
        assert_eq!(s.language, "zh-CN");
        assert_eq!(s.platform_url, None);
        assert_eq!(s.sync_interval_secs, DEFAULT_SYNC_INTERVAL_SECS);
    }

    #[test]
    fn bad_values_are_refused_and_nothing_changes() {
        // Bad input gets a specific error and loses nothing already saved.
        let st = store();
        set_language(&st, "en").expect("en is offered");
        assert!(matches!(set_language(&st, "fr"), Err(CoreError::InvalidInput(_))));
        assert!(matches!(set_staff_name(&st, "   "), Err(CoreError::InvalidInput(_))));
        assert!(matches!(set_sync_interval(&st, 1), Err(CoreError::InvalidInput(_))));
        assert!(matches!(
            set_platform_url(&st, Some("not a url")),
            Err(CoreError::InvalidInput(_))
        ));
        let s = load(&st).expect("settings");
        assert_eq!(s.language, "en", "the earlier valid choice must survive a refused one");
    }

    #[test]
    fn the_save_dialog_opens_where_the_last_export_went_while_it_exists() {
        let st = store();
        assert_eq!(
            export_folder(&st).expect("read"),
            None,
            "first export: the system's default"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let reports = dir.path().join("reports");
        std::fs::create_dir(&reports).expect("mkdir");
        remember_export_folder(&st, &reports.join("works-20261130.xlsx")).expect("remember");
        assert_eq!(export_folder(&st).expect("read"), Some(reports.clone()));
        std::fs::remove_dir(&reports).expect("rmdir");
        assert_eq!(
            export_folder(&st).expect("read"),
            None,
            "a deleted folder is not offered"
        );
    }

    #[test]
    fn keeping_sync_on_close_is_off_until_chosen() {
        let st = store();
        assert!(!load(&st).expect("settings").keep_syncing_on_close);
        set_keep_syncing_on_close(&st, true).expect("on");
        assert!(keep_syncing_on_close(&st).expect("read"));
        assert!(load(&st).expect("settings").keep_syncing_on_close);
        set_keep_syncing_on_close(&st, false).expect("off");
        assert!(!keep_syncing_on_close(&st).expect("read"));
    }

    #[test]
    fn delegated_work_needs_a_staff_name() {
        // Every audit entry names a person; without one nothing may be queued.
        let st = store();
        assert!(matches!(staff_name(&st), Err(CoreError::StaffNameMissing)));
        set_staff_name(&st, " 小王 ").expect("a real name");
        assert_eq!(staff_name(&st).expect("set"), "小王", "trimmed");
    }
}
