//! Small form helpers: reading a select's (typed) or checkbox's value from its change event.

use std::str::FromStr;

use wasm_bindgen::JsCast;

/// The value a `<select>` changed to.
pub fn select_value(ev: &web_sys::Event) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

/// Whether a checkbox is now ticked.
pub fn checked(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The value a `<select>` of states changed to; `None` for its "all" option (`""`).
pub fn select_parsed<T: FromStr>(ev: &web_sys::Event) -> Option<T> {
    select_value(ev).and_then(|v| v.parse().ok())
}

/// `Some(value)` unless empty (an "all" option).
pub fn non_empty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}
