//! Times as the staff member enters them (`<input type="datetime-local">`, local wall-clock
//! time) and as the draft keeps them (RFC 3339 with the local offset of that moment, so a
//! time across a daylight-saving change keeps its own offset).

use js_sys::Date;
use wasm_bindgen::JsValue;

fn valid(date: &Date) -> bool {
    !date.get_time().is_nan()
}

/// `YYYY-MM-DDTHH:MM` of a date, in local time.
fn local_value(date: &Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// `+08:00` for a date: the local offset from UTC at that moment.
fn offset_of(date: &Date) -> String {
    // `getTimezoneOffset` is UTC minus local, in minutes: -480 east of Greenwich at +08:00.
    let minutes = -(date.get_timezone_offset() as i64);
    let sign = if minutes < 0 { '-' } else { '+' };
    let minutes = minutes.abs();
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The input's value as RFC 3339 with the local offset; `None` when it is not a time.
pub fn rfc3339_of(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    // A date-time without an offset is read as local time.
    let date = Date::new(&JsValue::from_str(value));
    if !valid(&date) {
        return None;
    }
    Some(format!("{}:00{}", local_value(&date), offset_of(&date)))
}

/// What the input shows for a kept time: its local wall-clock time. Text that is not a time is
/// shown as it is, to be corrected.
pub fn input_value_of(rfc3339: &str) -> String {
    let date = Date::new(&JsValue::from_str(rfc3339));
    if valid(&date) {
        local_value(&date)
    } else {
        rfc3339.to_owned()
    }
}

/// The local offset now, e.g. `UTC+08:00`, to say which clock the input is in.
pub fn local_zone() -> String {
    format!("UTC{}", offset_of(&Date::new_0()))
}

/// A sensible first choice for "publish later": tomorrow, at the next full hour.
pub fn default_later() -> String {
    let date = Date::new_0();
    date.set_date(date.get_date() + 1);
    date.set_hours(date.get_hours() + 1);
    date.set_minutes(0);
    date.set_seconds(0);
    date.set_milliseconds(0);
    rfc3339_of(&local_value(&date)).unwrap_or_default()
}
