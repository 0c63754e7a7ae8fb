//! Classifying an account: its tag (on the platform) and its group (local to this computer).

use mdesk_ipc::{cmd, AccountDetail, Tag};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::Actions;
use crate::components::form::select_parsed;
use crate::ipc;
use crate::state::app_state;

/// What redraws the card. The tag is not in it: the select follows `tag`, so a tag change
/// (or a sync) keeps a group being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassifyPart {
    pub account_id: String,
    pub manageable: bool,
}

impl ClassifyPart {
    pub fn of(d: &AccountDetail) -> Self {
        Self {
            account_id: d.account.id.clone(),
            manageable: d.manageable,
        }
    }
}

#[component(inline_props)]
pub fn ClassifyCard(part: ClassifyPart, group: String, tag: ReadSignal<Option<Tag>>, actions: Actions) -> View {
    let state = app_state();
    let ClassifyPart { account_id, manageable } = part;
    let group = create_signal(group);
    let saved = create_signal(false);
    let id_tag = account_id.clone();
    let on_tag = move |ev: web_sys::Event| {
        if let Some(tag) = select_parsed::<Tag>(&ev) {
            actions.run(cmd::SetAccountTag {
                account_id: id_tag.clone(),
                tag,
            });
        }
    };
    let save_group = move |_| {
        let command = cmd::SetAccountGroup {
            account_id: account_id.clone(),
            group: group.get_clone(),
        };
        saved.set(false);
        actions.error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&command).await {
                Ok(()) => {
                    saved.set(true);
                    actions.reload.bump();
                }
                Err(e) => actions.error.set(Some(e)),
            }
        });
    };
    view! {
        div(class="card", data-testid="classify-card") {
            h2 { (state.t("detail-classify")) }
            div(class="form-row") {
                label {
                    span { (state.t("col-tag")) }
                    select(data-testid="detail-tag", disabled=!manageable, on:change=on_tag) {
                        (Tag::ALL.iter().map(|t| {
                            let t = *t;
                            view! { option(value=t.as_str(), selected=move || tag.get() == Some(t)) { (state.t(&format!("tag-{}", t.as_str()))) } }
                        }).collect::<Vec<_>>())
                    }
                }
                label {
                    span { (state.t("col-group")) }
                    input(r#type="text", bind:value=group, data-testid="detail-group", maxlength="20",
                        placeholder=move || state.t("detail-group-hint"))
                }
                button(class="secondary", data-testid="detail-group-save", on:click=save_group) { (state.t("settings-save")) }
                (if saved.get() { view! { span(class="ok", data-testid="detail-group-saved") { (state.t("settings-saved")) } } } else { view! {} })
            }
            p(class="muted small") { (state.t("detail-group-local")) }
        }
    }
}
