//! Small form helpers: reading a select's (typed) or checkbox's value from its change event,
//! and selects that show a value kept elsewhere.

use std::str::FromStr;

use sycamore::prelude::*;
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

/// Keeps a `<select>` showing `value()`: after its options are drawn, and whenever the value
/// changes from elsewhere (a cleared filter, a restored view). `selected` attributes cannot do
/// this once the user has picked an option. `value` may read the options' signal too, so the
/// choice is shown again after they are redrawn.
pub fn keep_selected(node: NodeRef, value: impl Fn() -> String + 'static) {
    on_mount(move || {
        create_effect(move || {
            let value = value();
            let Some(select) = node
                .try_get()
                .and_then(|n| n.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                return;
            };
            // After this round of effects, which may still be drawing the options.
            sycamore::web::queue_microtask(move || select.set_value(&value));
        });
    });
}

/// `(value, label)` pairs for a `<select>`: an "all" choice (`""`) first, then each state.
pub fn state_options<T: Copy>(
    all_label: String,
    states: &[T],
    label: impl Fn(T) -> (String, String),
) -> Vec<(String, String)> {
    std::iter::once((String::new(), all_label))
        .chain(states.iter().map(|s| label(*s)))
        .collect()
}

/// A `<select>` over `options` (`(value, label)` pairs) that shows `current()` and hands what
/// the user picks to `pick`.
pub fn choice(
    testid: &'static str,
    options: ReadSignal<Vec<(String, String)>>,
    current: impl Fn() -> String + 'static,
    pick: impl Fn(String) + 'static,
) -> View {
    let node = create_node_ref();
    keep_selected(node, move || {
        options.track();
        current()
    });
    view! {
        select(r#ref=node, data-testid=testid, on:change=move |ev| pick(select_value(&ev).unwrap_or_default())) {
            (options.get_clone().into_iter().map(|(value, label)| view! { option(value=value) { (label) } }).collect::<Vec<_>>())
        }
    }
}
