//! User preferences with their rules: language, staff name, sync interval, platform endpoint.

use mdesk_ipc::Settings;

use crate::error::{CoreError, CoreResult};
use crate::platform::normalize_url;
use crate::session::{self, lock};
use crate::store::{get_setting, set_setting, Store};

pub const LANGUAGES: &[&str] = &["zh-CN", "en"];
pub const DEFAULT_LANGUAGE: &str = "zh-CN";
pub const DEFAULT_SYNC_INTERVAL_SECS: u32 = 60;
pub const MIN_SYNC_INTERVAL_SECS: u32 = 10;
pub const MAX_SYNC_INTERVAL_SECS: u32 = 3600;
const MAX_STAFF_NAME_CHARS: usize = 32;

const KEY_LANGUAGE: &str = "language";
const KEY_STAFF_NAME: &str = "staff_name";
const KEY_SYNC_INTERVAL: &str = "sync_interval_secs";
pub(crate) const KEY_PLATFORM_URL: &str = "platform_url";

pub fn load(store: &std::sync::Mutex<Store>) -> CoreResult<Settings> {
    let store = lock(store);
    let conn = store.conn();
    let sync_interval_secs = match get_setting(conn, KEY_SYNC_INTERVAL)? {
        Some(v) => v
            .parse()
            .map_err(|_| CoreError::Corrupt(format!("sync interval {v:?}")))?,
        None => DEFAULT_SYNC_INTERVAL_SECS,
    };
    Ok(Settings {
        language: get_setting(conn, KEY_LANGUAGE)?.unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()),
        staff_name: get_setting(conn, KEY_STAFF_NAME)?.unwrap_or_default(),
        sync_interval_secs,
        platform_url: get_setting(conn, KEY_PLATFORM_URL)?,
        username: session::current(&store)?.map(|s| s.username),
    })
}

pub fn set_language(store: &std::sync::Mutex<Store>, language: &str) -> CoreResult<()> {
    if !LANGUAGES.contains(&language) {
        return Err(CoreError::InvalidInput(format!(
            "language {language:?} is not one of {LANGUAGES:?}"
        )));
    }
    lock(store).write(|tx| set_setting(tx, KEY_LANGUAGE, Some(language)))
}

/// The staff member's name goes on every audit entry, so it must be a real, short name.
pub fn set_staff_name(store: &std::sync::Mutex<Store>, name: &str) -> CoreResult<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::InvalidInput("staff name is empty".to_owned()));
    }
    if name.chars().count() > MAX_STAFF_NAME_CHARS {
        return Err(CoreError::InvalidInput(format!(
            "staff name is longer than {MAX_STAFF_NAME_CHARS} characters"
        )));
    }
    lock(store).write(|tx| set_setting(tx, KEY_STAFF_NAME, Some(name)))
}

pub fn set_sync_interval(store: &std::sync::Mutex<Store>, secs: u32) -> CoreResult<()> {
    if !(MIN_SYNC_INTERVAL_SECS..=MAX_SYNC_INTERVAL_SECS).contains(&secs) {
        return Err(CoreError::InvalidInput(format!(
            "sync interval must be between {MIN_SYNC_INTERVAL_SECS} and {MAX_SYNC_INTERVAL_SECS} seconds"
        )));
    }
    lock(store).write(|tx| set_setting(tx, KEY_SYNC_INTERVAL, Some(&secs.to_string())))
}

/// `None` selects the embedded demo platform.
pub fn set_platform_url(store: &std::sync::Mutex<Store>, url: Option<&str>) -> CoreResult<()> {
    let url = url.map(normalize_url).transpose()?;
    lock(store).write(|tx| set_setting(tx, KEY_PLATFORM_URL, url.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn store() -> Mutex<Store> {
        Mutex::new(Store::open_in_memory().unwrap())
    }

    #[test]
    fn defaults_are_chinese_and_demo() {
        // A first start must come up in Chinese against the demo platform.
        let s = load(&store()).unwrap();
        assert_eq!(s.language, "zh-CN");
        assert_eq!(s.platform_url, None);
        assert_eq!(s.sync_interval_secs, DEFAULT_SYNC_INTERVAL_SECS);
    }

    #[test]
    fn bad_values_are_refused_and_nothing_changes() {
        // Bad input gets a specific error and loses nothing already saved.
        let st = store();
        set_language(&st, "en").unwrap();
        assert!(matches!(set_language(&st, "fr"), Err(CoreError::InvalidInput(_))));
        assert!(matches!(set_staff_name(&st, "   "), Err(CoreError::InvalidInput(_))));
        assert!(matches!(set_sync_interval(&st, 1), Err(CoreError::InvalidInput(_))));
        assert!(matches!(
            set_platform_url(&st, Some("not a url")),
            Err(CoreError::InvalidInput(_))
        ));
        let s = load(&st).unwrap();
        assert_eq!(s.language, "en", "the earlier valid choice must survive a refused one");
    }
}
