//! A work's cover from the local cache (a `data:` URL), or a neutral box until it is fetched.

use sycamore::prelude::*;

/// The image is `work-cover`, the box `work-cover-empty`; `class` sizes either.
pub fn cover(src: Option<String>, class: &'static str) -> View {
    match src {
        Some(src) => view! { img(class=class, data-testid="work-cover", src=src, alt="", loading="lazy") },
        None => view! { div(class=format!("{class} placeholder"), data-testid="work-cover-empty") },
    }
}
