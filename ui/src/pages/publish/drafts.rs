//! The saved drafts (草稿箱), latest first: open one to go on writing it, or delete it (after
//! asking). They are kept in the local database, so they survive a restart.

use mdesk_ipc::{cmd, DraftRow, PublishDraft};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::Composer;
use crate::format::local_minute;
use crate::ipc;
use crate::list::by_id;
use crate::state::app_state;

#[component(inline_props)]
pub fn DraftsCard(composer: Composer) -> View {
    let state = app_state();
    let drafts = create_signal(Vec::<DraftRow>::new());
    create_effect(move || {
        composer.drafts_changed.track();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ListDrafts {}).await {
                Ok(list) => {
                    if drafts.with_untracked(|cur| *cur != list) {
                        drafts.set(list);
                    }
                }
                Err(e) => composer.error.set(Some(e)),
            }
        });
    });
    let current = create_selector(move || composer.draft_id.get_clone());

    view! {
        div(class="card wide", data-testid="publish-drafts") {
            div(class="card-title") {
                h2 { (state.t("publish-drafts")) }
                span(class="muted small", data-testid="publish-drafts-count", data-count=move || drafts.with(Vec::len).to_string()) {
                    (state.t_args("publish-drafts-count", &[("count", drafts.with(Vec::len).into())]))
                }
            }
            (if drafts.with(Vec::is_empty) {
                view! { p(class="muted empty-hint", data-testid="publish-drafts-empty") { (state.t("publish-drafts-empty")) } }
            } else { view! {} })
            ul(class="draft-list") {
                Keyed(list=*drafts, key=|d: &DraftRow| by_id(d.id.clone(), d), view=move |d: DraftRow| {
                    view! { DraftItem(composer=composer, row=d, current=current) }
                })
            }
        }
    }
}

#[component(inline_props)]
fn DraftItem(composer: Composer, row: DraftRow, current: ReadSignal<Option<String>>) -> View {
    let state = app_state();
    let confirming = create_signal(false);
    let DraftRow { id, updated_at, draft } = row;
    let is_current = {
        let id = id.clone();
        create_selector(move || current.with(|c| c.as_deref() == Some(id.as_str())))
    };
    let title = draft.title.trim().to_owned();
    let kind = draft.kind.as_str();
    let (files, accounts, products) = (draft.media.len(), draft.account_ids.len(), draft.product_ids.len());
    let open = {
        let id = id.clone();
        move |_| {
            let (id, draft) = (id.clone(), draft.clone());
            composer.spawn(async move {
                composer.flush().await;
                composer.outcome.set(None);
                composer.load(draft, Some(id));
            });
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            composer.spawn(async move {
                // A save on its way would bring the draft back after it is deleted.
                composer.flush().await;
                match ipc::call(&cmd::DeleteDraft { id: id.clone() }).await {
                    Ok(()) => {
                        // The draft being written is discarded: the composer starts afresh.
                        if composer.draft_id.with_untracked(|c| c.as_deref() == Some(id.as_str())) {
                            composer.load(PublishDraft::default(), None);
                        }
                        composer.drafts_changed.bump();
                    }
                    Err(e) => composer.error.set(Some(e)),
                }
            });
        }
    };

    view! {
        li(class=move || if is_current.get() { "draft-item current" } else { "draft-item" }, data-testid="publish-draft",
            data-id=id.clone(), data-current=move || is_current.get().to_string()) {
            div(class="draft-body") {
                div(class="draft-title", data-testid="publish-draft-title") {
                    (if title.is_empty() { state.t("publish-untitled") } else { title.clone() })
                    (if is_current.get() { view! { span(class="badge matrix") { (state.t("publish-draft-current")) } } } else { view! {} })
                }
                div(class="muted small") {
                    (state.t(&format!("kind-{kind}"))) " · "
                    (state.t_args("publish-summary-files", &[("count", files.into())])) " · "
                    (state.t_args("publish-summary-accounts", &[("count", accounts.into())])) " · "
                    (state.t_args("publish-summary-products", &[("count", products.into())])) " · "
                    (state.t_args("publish-draft-updated", &[("time", local_minute(&updated_at, &state.lang.get_clone()).into())]))
                }
            }
            (if confirming.get() {
                let delete = delete.clone();
                view! {
                    span(class="small refused") { (state.t("publish-draft-delete-confirm")) }
                    button(class="secondary danger small-button", data-testid="publish-draft-delete-yes", on:click=delete) {
                        (state.t("publish-draft-delete"))
                    }
                    button(class="link small", on:click=move |_| confirming.set(false)) { (state.t("dialog-cancel")) }
                }
            } else {
                let open = open.clone();
                view! {
                    button(class="secondary small-button", data-testid="publish-draft-open", disabled=move || is_current.get(),
                        on:click=open) { (state.t("publish-draft-open")) }
                    button(class="link small", data-testid="publish-draft-delete", on:click=move |_| confirming.set(true)) {
                        (state.t("publish-draft-delete"))
                    }
                }
            })
        }
    }
}
