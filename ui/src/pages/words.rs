//! Settings → 内容检查 (content check): the shipped list in numbers, and the merchant's own
//! words — for every account or for one (a brand persona's) — added, removed, imported and
//! exported as CSV. The owner and admins change them; everyone sees them.

use mdesk_ipc::{cmd, IpcError, NewWord, OwnWord, Permission, Severity, WordCategory, WordImport, WordListSummary};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::form::{select_parsed, select_value};
use crate::components::role_note::RoleNote;
use crate::ipc;
use crate::list::by_id;
use crate::state::{act, app_state, Reload};

fn category_name(c: WordCategory) -> String {
    app_state().t(&format!("word-category-{}", c.as_str()))
}

fn severity_name(s: Severity) -> String {
    app_state().t(&format!("severity-{}", s.as_str()))
}

#[component]
pub fn WordsSettings() -> View {
    let state = app_state();
    let summary = create_signal(None::<WordListSummary>);
    let accounts = create_signal(Vec::<(String, String)>::new());
    let error = create_signal(None::<IpcError>);
    let imported = create_signal(None::<WordImport>);
    let exported = create_signal(None::<String>);
    let reload = Reload::new();
    create_effect(move || {
        state.data.track();
        reload.track();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetWordList {}).await {
                Ok(s) => summary.set(Some(s)),
                Err(e) => error.set(Some(e)),
            }
            let filter = mdesk_ipc::AccountFilter::default();
            if let Ok(rows) = ipc::call(&cmd::ListAccounts { filter }).await {
                accounts.set(rows.into_iter().map(|a| (a.id, a.nickname)).collect());
            }
        });
    });
    let manages = create_selector(move || state.may(Permission::ManageSettings));
    let own = create_memo(move || summary.with(|s| s.as_ref().map(|s| s.own.clone()).unwrap_or_default()));
    let shipped = move || {
        summary.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.shipped
                        .iter()
                        .map(|(c, n, blocks)| {
                            state.t_args(
                                "words-shipped-category",
                                &[
                                    ("category", category_name(*c).into()),
                                    ("count", (*n).into()),
                                    ("blocks", (*blocks).into()),
                                ],
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .unwrap_or_default()
        })
    };

    // The add form.
    let word = create_signal(String::new());
    let reason = create_signal(String::new());
    let severity = create_signal(Severity::Block);
    let category = create_signal(WordCategory::Custom);
    let account = create_signal(None::<String>);
    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let command = cmd::AddWord {
            word: NewWord {
                word: word.get_clone_untracked(),
                category: category.get_untracked(),
                severity: severity.get_untracked(),
                reason: reason.get_clone_untracked(),
                account_id: account.get_clone_untracked(),
            },
        };
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&command).await {
                Ok(_) => {
                    word.set(String::new());
                    reason.set(String::new());
                    reload.bump();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let import = move |_| {
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ImportWords {}).await {
                Ok(Some(done)) => {
                    imported.set(Some(done));
                    reload.bump();
                }
                Ok(None) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let export = move |_| {
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ExportWords {}).await {
                Ok(Some(done)) => exported.set(Some(state.t_args(
                    "words-exported",
                    &[("rows", done.rows.into()), ("path", done.path.into())],
                ))),
                Ok(None) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let import_note = move || {
        imported.get_clone().map(|d| {
            let lines: Vec<View> = d
                .refused
                .iter()
                .map(|(line, why)| {
                    let text = state.t_args(
                        "words-import-refused",
                        &[("line", (*line).into()), ("why", why.clone().into())],
                    );
                    view! { li { (text) } }
                })
                .collect();
            let head = state.t_args(
                "words-imported",
                &[("added", d.added.into()), ("updated", d.updated.into())],
            );
            view! {
                div(class="small", data-testid="words-imported", data-added=d.added.to_string(),
                    data-refused=d.refused.len().to_string()) {
                    (head)
                    ul(class="refused-list") { (lines) }
                }
            }
        })
    };

    view! {
        div(class="card wide", data-testid="words-settings") {
            h2 { (state.t("words-title")) }
            p(class="muted small") { (state.t("words-intro")) }
            p(class="small", data-testid="words-shipped") { (shipped()) }
            (if manages.get() { view! {} } else { view! { RoleNote(permission=Permission::ManageSettings) } })
            ErrorNote(error=*error)
            table(class="grid compact", data-testid="words-own") {
                thead {
                    tr {
                        th { (state.t("words-column-word")) }
                        th { (state.t("words-column-severity")) }
                        th { (state.t("words-column-category")) }
                        th { (state.t("words-column-account")) }
                        th { (state.t("words-column-reason")) }
                        th {}
                    }
                }
                tbody {
                    Keyed(list=own, key=|w: &OwnWord| by_id(w.id, w), view=move |w: OwnWord| {
                        let id = w.id;
                        let sev = w.severity.as_str();
                        // Names in the desk's language, again when it changes (Settings is where it does).
                        let nickname = w.account_nickname.clone();
                        let scope = move || nickname.clone().unwrap_or_else(|| state.t("words-every-account"));
                        let (word, shown, reason) = (w.word.clone(), w.word.clone(), w.reason.clone());
                        let (severity, category) = (w.severity, w.category);
                        let sev_name = move || severity_name(severity);
                        let cat_name = move || category_name(category);
                        view! {
                            tr(data-testid="words-own-row", data-word=word, data-severity=sev) {
                                td { strong { (shown) } }
                                td { span(class=format!("badge sev-{sev}")) { (sev_name) } }
                                td { (cat_name) }
                                td { (scope) }
                                td(class="wrap small") { (reason) }
                                td {
                                    button(class="link", data-testid="words-remove", disabled=move || !manages.get(),
                                        on:click=move |_| act(cmd::RemoveWord { id }, error, reload)) { (state.t("words-remove")) }
                                }
                            }
                        }
                    })
                }
            }
            (if own.with(Vec::is_empty) {
                view! { p(class="muted small", data-testid="words-own-empty") { (state.t("words-own-empty")) } }
            } else { view! {} })
            (if manages.get() {
                view! {
                    form(class="form inline-form", data-testid="words-add", on:submit=add) {
                        input(r#type="text", bind:value=word, data-testid="words-add-word", required=true, maxlength="30",
                            placeholder=state.t("words-add-word"))
                        select(data-testid="words-add-severity", on:change=move |ev| {
                            if let Some(s) = select_parsed::<Severity>(&ev) { severity.set(s) }
                        }) {
                            (Severity::ALL.iter().map(|s| {
                                let s = *s;
                                view! { option(value=s.as_str(), selected=move || severity.get() == s) { (severity_name(s)) } }
                            }).collect::<Vec<_>>())
                        }
                        select(data-testid="words-add-category", on:change=move |ev| {
                            if let Some(c) = select_parsed::<WordCategory>(&ev) { category.set(c) }
                        }) {
                            (WordCategory::ALL.iter().map(|c| {
                                let c = *c;
                                view! { option(value=c.as_str(), selected=move || category.get() == c) { (category_name(c)) } }
                            }).collect::<Vec<_>>())
                        }
                        select(data-testid="words-add-account", on:change=move |ev| {
                            account.set(select_value(&ev).filter(|v| !v.is_empty()));
                        }) {
                            option(value="") { (state.t("words-every-account")) }
                            (accounts.get_clone().into_iter().map(|(id, name)| view! { option(value=id) { (name) } }).collect::<Vec<_>>())
                        }
                        input(r#type="text", bind:value=reason, data-testid="words-add-reason", maxlength="200",
                            placeholder=state.t("words-add-reason"))
                        button(r#type="submit", class="primary", data-testid="words-add-submit") { (state.t("words-add-submit")) }
                    }
                }
            } else { view! {} })
            div(class="actions") {
                button(class="secondary", data-testid="words-import", disabled=move || !manages.get(), on:click=import) { (state.t("words-import")) }
                button(class="secondary", data-testid="words-export", on:click=export) { (state.t("words-export")) }
                span(class="muted small") { (state.t("words-csv-hint")) }
            }
            (import_note())
            (exported.get_clone().map(|t| view! { div(class="small ok", data-testid="words-exported") { (t) } }))
        }
    }
}
