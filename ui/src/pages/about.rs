//! About: the product, its version, and the licences of the third-party components it is
//! built from. The list is `licenses.json`, generated with the UI (xtask/src/licenses.rs) and
//! read from the app's own files, not from the platform.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Deserialize;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::state::{app_state, Page};

/// The app's version: the workspace's, which every crate of it shares.
const VERSION: &str = env!("CARGO_PKG_VERSION");
const LICENSES_URL: &str = "/licenses.json";

/// `licenses.json`, as xtask/src/licenses.rs writes it.
#[derive(Debug, Deserialize)]
struct Licenses {
    components: Vec<Component>,
    /// Each text once; components point into it.
    texts: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Component {
    name: String,
    version: String,
    origin: String,
    license: Option<String>,
    repository: Option<String>,
    files: Vec<TextRef>,
}

#[derive(Debug, Clone, Deserialize)]
struct TextRef {
    file: String,
    text: usize,
}

impl Component {
    /// Matches a lowercased search in its name, licence or repository.
    fn matches(&self, needle: &str) -> bool {
        needle.is_empty()
            || [Some(&self.name), self.license.as_ref(), self.repository.as_ref()]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains(needle))
    }
}

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    Ready(Rc<Licenses>),
}

async fn fetch_licenses() -> Result<Licenses, String> {
    let js = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(LICENSES_URL))
        .await
        .map_err(js)?
        .dyn_into()
        .map_err(js)?;
    if !response.ok() {
        return Err(format!("{LICENSES_URL}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(js)?).await.map_err(js)?;
    let text = text.as_string().ok_or("licenses.json is not text")?;
    serde_json::from_str(&text).map_err(|e| format!("{LICENSES_URL}: {e}"))
}

#[component]
pub fn AboutPage() -> View {
    let state = app_state();
    let load = create_signal(Load::Loading);
    spawn_local_scoped(async move {
        load.set(match fetch_licenses().await {
            Ok(l) => Load::Ready(Rc::new(l)),
            Err(e) => Load::Failed(e),
        });
    });

    view! {
        section(class="page about", data-testid="about-page") {
            header(class="page-header") {
                h1(data-testid="page-title") { (state.t("about-title")) }
                button(class="link", data-testid="about-back", on:click=move |_| state.page.set(Page::Settings)) {
                    (state.t("about-back"))
                }
            }
            div(class="card about-product") {
                img(class="about-mark", src="icon.svg", alt="")
                div {
                    div(class="about-name", data-testid="about-product") { (state.t("about-product")) }
                    div(class="muted", data-testid="about-version", data-version=VERSION) {
                        (state.t_args("about-version", &[("version", VERSION.into())]))
                    }
                }
            }
            h2 { (state.t("about-licenses")) }
            p(class="muted") { (state.t("about-licenses-intro")) }
            (match load.get_clone() {
                Load::Loading => view! {
                    p(class="muted", data-testid="about-loading") { (state.t("about-loading")) }
                },
                Load::Failed(detail) => view! {
                    div(class="error-note", role="alert", data-testid="about-error") {
                        div(class="error-text") { (state.t("about-load-failed")) }
                        div(class="error-detail") { (state.t_args("error-detail", &[("detail", detail.clone().into())])) }
                    }
                },
                Load::Ready(licenses) => view! { LicenseList(licenses=licenses) },
            })
        }
    }
}

/// The components grouped by licence, most used first, narrowed by the search.
#[component(inline_props)]
fn LicenseList(licenses: Rc<Licenses>) -> View {
    let state = app_state();
    let query = create_signal(String::new());
    let all = Rc::clone(&licenses);
    // (licence, indices of the matching components), most components first.
    let groups = create_memo(move || {
        let needle = query.with(|q| q.trim().to_lowercase());
        let mut by_license: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, c) in all.components.iter().enumerate() {
            if c.matches(&needle) {
                by_license
                    .entry(c.license.clone().unwrap_or_default())
                    .or_default()
                    .push(i);
            }
        }
        let mut groups: Vec<(String, Vec<usize>)> = by_license.into_iter().collect();
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        groups
    });
    let total = licenses.components.len() as u32;
    let shown = create_memo(move || groups.with(|g| g.iter().map(|(_, m)| m.len()).sum::<usize>()) as u32);
    let count = move || {
        if shown.get() == total {
            state.t_args("about-count", &[("count", total.into())])
        } else {
            state.t_args(
                "about-count-filtered",
                &[("shown", shown.get().into()), ("count", total.into())],
            )
        }
    };
    let names = create_memo(move || groups.with(|g| g.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>()));

    view! {
        div(class="filters") {
            input(class="search", r#type="search", bind:value=query, data-testid="about-search",
                placeholder=move || state.t("about-search"))
            span(class="muted", data-testid="about-count", data-count=total.to_string(),
                data-shown=move || shown.get().to_string()) { (count()) }
        }
        (if shown.get() == 0 {
            view! { p(class="empty muted", data-testid="about-no-match") { (state.t("about-no-match")) } }
        } else { view! {} })
        Keyed(list=names, key=|l: &String| l.clone(), view=move |license: String| {
            let licenses = Rc::clone(&licenses);
            let key = license.clone();
            let members = create_memo(move || groups.with(|g| {
                g.iter().find(|(l, _)| *l == key).map(|(_, m)| m.clone()).unwrap_or_default()
            }));
            let named = license.clone();
            let title = move || if named.is_empty() { state.t("about-license-none") } else { named.clone() };
            let size = move || members.with(Vec::len).to_string();
            view! {
                section(class="about-group", data-testid="about-group", data-license=license) {
                    h3 {
                        (title)
                        " "
                        span(class="badge") { (size) }
                    }
                    ul(class="about-list") {
                        Keyed(list=members, key=|i: &usize| *i, view=move |i: usize| {
                            let licenses = Rc::clone(&licenses);
                            view! { ComponentRow(licenses=licenses, index=i) }
                        })
                    }
                }
            }
        })
    }
}

/// One component: name, version, licence, where its source lives, and its licence files,
/// each shown on demand (hundreds of texts would make the screen slow to draw).
#[component(inline_props)]
fn ComponentRow(licenses: Rc<Licenses>, index: usize) -> View {
    let state = app_state();
    let c = &licenses.components[index];
    let open = create_signal(None::<usize>);
    let (name, version, origin) = (c.name.clone(), c.version.clone(), c.origin.clone());
    let (name_attr, version_attr) = (name.clone(), version.clone());
    let license_attr = c.license.clone().unwrap_or_default();
    let declared = c.license.clone();
    let license = move || declared.clone().unwrap_or_else(|| state.t("about-license-none"));
    let repository = c
        .repository
        .clone()
        .map(|r| view! { span(class="about-repo small", data-testid="about-repository") { (r) } });
    let files = c.files.clone();
    let file_buttons: View = if files.is_empty() {
        view! { span(class="muted small") { (state.t("about-no-text")) } }
    } else {
        files
            .iter()
            .enumerate()
            .map(|(n, f)| {
                let file = f.file.clone();
                let label = file.clone();
                let class = move || {
                    if open.get() == Some(n) {
                        "link about-file open"
                    } else {
                        "link about-file"
                    }
                };
                let toggle = move |_| open.set(if open.get_untracked() == Some(n) { None } else { Some(n) });
                view! {
                    button(class=class, data-testid="about-text-toggle", data-file=file, on:click=toggle) { (label) }
                }
            })
            .collect::<Vec<_>>()
            .into()
    };
    let texts = Rc::clone(&licenses);
    let text = move || {
        open.get().and_then(|n| files.get(n)).map(|f| {
            let text = texts.texts.get(f.text).cloned().unwrap_or_default();
            view! { pre(class="about-text", data-testid="about-text") { (text) } }
        })
    };
    view! {
        li(class="about-item", data-testid="about-component", data-name=name_attr,
            data-version=version_attr, data-license=license_attr) {
            div(class="about-row") {
                strong(class="about-crate") { (name) }
                span(class="muted") { (version) }
                span(class="badge", data-testid="about-component-license") { (license) }
                span(class="muted small") { (origin) }
                (repository)
            }
            div(class="about-files") { (file_buttons) }
            (text)
        }
    }
}
