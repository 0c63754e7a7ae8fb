//! The material library (素材库): every file this desk has published, newest first, with each
//! use — which account, which work, when — searchable by file name, account or work title. A
//! file goes into a new work from here without being picked again.

use mdesk_ipc::{cmd, IpcError, Material, MaterialUse, MediaKind, PublishDraft, WorkKind};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::format::local_minute;
use crate::ipc;
use crate::list::by_id;
use crate::pages::publish::size_text;
use crate::state::app_state;
use crate::timer::sleep;

/// How long typing in the search pauses before it runs.
const SEARCH_DELAY_MS: i32 = 250;

fn use_view(u: MaterialUse) -> View {
    let state = app_state();
    let lang = state.lang.get_clone_untracked();
    let when = local_minute(&u.at, &lang);
    let work = match u.work_id.clone() {
        Some(id) => view! {
            button(class="link", data-testid="material-use-work", on:click=move |_| state.open_work(id.clone())) { (u.title.clone()) }
        },
        None => view! { span { (u.title.clone()) " " span(class="muted small") { (state.t("materials-not-yet")) } } },
    };
    view! {
        li(class="small", data-testid="material-use", data-account=u.account_id.clone()) {
            strong { (u.nickname.clone()) } " · " (work) " · " span(class="muted") { (when) }
        }
    }
}

#[component]
pub fn MaterialsPage() -> View {
    let state = app_state();
    let query = create_signal(String::new());
    let rows = create_signal(None::<Vec<Material>>);
    let error = create_signal(None::<IpcError>);
    create_effect(move || {
        state.data.track();
        let q = query.get_clone();
        spawn_local_scoped(async move {
            sleep(SEARCH_DELAY_MS).await;
            match ipc::call(&cmd::ListMaterials { query: q }).await {
                Ok(r) => rows.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let list = create_memo(move || rows.get_clone().unwrap_or_default());

    view! {
        section(class="page", data-testid="materials-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("materials-title")) }
                    div(class="muted") { (state.t("materials-intro")) }
                }
            }
            div(class="toolbar") {
                input(r#type="search", class="search", bind:value=query, data-testid="materials-search",
                    placeholder=move || state.t("materials-search"))
            }
            ErrorNote(error=*error)
            div(class="materials", data-testid="materials-list") {
                Keyed(list=list, key=|m: &Material| by_id(m.hash.clone(), m), view=move |m: Material| {
                    let kind = m.kind;
                    let thumb = match m.thumbnail.clone() {
                        Some(src) => view! { img(class="material-thumb", src=src, alt="") },
                        None => view! { div(class="material-thumb video") { (if kind == MediaKind::Video { "▶" } else { "▣" }) } },
                    };
                    let mut facts = vec![state.t(&format!("media-kind-{}", kind.as_str())), size_text(m.bytes)];
                    if let (Some(w), Some(h)) = (m.width, m.height) {
                        facts.push(format!("{w}×{h}"));
                    }
                    if let Some(ms) = m.duration_ms {
                        let s = ms.div_ceil(1000);
                        facts.push(format!("{}:{:02}", s / 60, s % 60));
                    }
                    let facts = facts.join(" · ");
                    let uses_count = m.uses.len();
                    let uses: View = m.uses.clone().into_iter().map(use_view).collect::<Vec<_>>().into();
                    let path = m.path.clone();
                    let reuse = move |_| {
                        if let Some(p) = path.clone() {
                            state.compose(PublishDraft {
                                kind: if kind == MediaKind::Video { WorkKind::Video } else { WorkKind::ImageText },
                                media: vec![p],
                                ..PublishDraft::default()
                            });
                        }
                    };
                    let has_copy = m.path.is_some();
                    let (name, shown) = (m.name.clone(), m.name.clone());
                    view! {
                        div(class="card material", data-testid="material", data-name=name, data-uses=uses_count.to_string()) {
                            (thumb)
                            div(class="material-body") {
                                div { strong { (shown) } }
                                div(class="muted small") { (facts) }
                                div(class="small") { (state.t_args("materials-uses", &[("count", uses_count.into())])) }
                                ul(class="material-uses") { (uses) }
                                button(class="secondary", data-testid="material-reuse", disabled=!has_copy, on:click=reuse,
                                    title=if has_copy { String::new() } else { state.t("materials-no-copy") }) {
                                    (state.t("materials-reuse"))
                                }
                            }
                        }
                    }
                })
            }
            (if rows.with(|r| r.as_ref().is_some_and(Vec::is_empty)) {
                view! { p(class="empty muted", data-testid="materials-empty") {
                    (if query.with(String::is_empty) { state.t("materials-empty") } else { state.t("materials-none-found") })
                } }
            } else { view! {} })
        }
    }
}
