//! Presenting times for people: local time, in the UI language.

use wasm_bindgen::JsValue;

/// An RFC 3339 timestamp as local date and time, e.g. `2026/11/28 14:03:05`.
pub fn local_time(rfc3339: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    date.to_locale_string(lang, &JsValue::UNDEFINED).into()
}

/// A price in yuan from cents: `¥128.00`.
pub fn price(cents: i64) -> String {
    format!("¥{}.{:02}", cents / 100, (cents % 100).abs())
}
