//! Editing the work as its account: title (counted against the platform's 30 characters), text
//! (1,000), topic, and products from the account's product pool. Saving queues the edit; the
//! work goes back to review and shows the new words at once, marked as waiting to sync. A
//! refusal shows beside the field it is about, and what was typed stays.

use mdesk_ipc::{cmd, CheckedField, CheckedText, ErrorCode, IpcError, WorkEditForm, WorkProduct, WorkRow};
use mdesk_platform_api::rules::{MAX_PRODUCTS_PER_WORK, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;
use wasm_bindgen::JsValue;

use super::actions::Controls;
use crate::components::content_check::{live_check, AcceptWarnings, ContentMarks};
use crate::components::error_note::ErrorNote;
use crate::components::form::checked;
use crate::format::yuan;
use crate::ipc;
use crate::state::app_state;

/// A product the work may carry: one it has now, or one of its account's pool.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    id: String,
    title: String,
    price_cents: Option<i64>,
    in_pool: bool,
}

/// Which field a refusal is about, to show it beside that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Text,
    Topic,
    Products,
    Other,
}

fn field_of(e: &IpcError) -> Field {
    match e.rule.as_deref() {
        Some("title_empty" | "title_too_long") => Field::Title,
        Some("text_too_long") => Field::Text,
        Some("topic_too_long") => Field::Topic,
        Some("too_many_products") => Field::Products,
        _ if e.code == ErrorCode::NotInProductPool => Field::Products,
        _ => Field::Other,
    }
}

/// What the form starts from: the work as shown (a pending edit already applied).
#[derive(Debug, Clone, PartialEq)]
pub struct EditStart {
    pub work: WorkRow,
    pub text: String,
    pub products: Vec<WorkProduct>,
}

#[component(inline_props)]
pub fn EditCard(start: EditStart, controls: Controls) -> View {
    let state = app_state();
    let EditStart { work, text, products } = start;
    let title = create_signal(work.title.clone());
    let body = create_signal(text);
    let topic = create_signal(work.topic.clone().unwrap_or_default());
    // The products the work has keep their order, so leaving them alone is no change.
    let attached: Vec<String> = products.iter().map(|p| p.id.clone()).collect();
    let picked = create_signal(attached.clone());
    let choices = create_signal(
        products
            .into_iter()
            .map(|p| Choice {
                title: p
                    .title
                    .unwrap_or_else(|| state.t_args("work-product-unknown", &[("id", p.id.clone().into())])),
                id: p.id,
                price_cents: p.price_cents,
                in_pool: p.commission_free,
            })
            .collect::<Vec<_>>(),
    );
    let error = create_signal(None::<IpcError>);
    let saving = create_signal(false);
    // A refusal is about what was sent: once the staff member changes something, it goes.
    create_effect(move || {
        title.track();
        body.track();
        topic.track();
        picked.track();
        error.set(None);
    });

    // The account's pool: what else may be attached.
    let account_id = work.account_id.clone();
    spawn_local_scoped(async move {
        match ipc::call(&cmd::GetAccountDetail { account_id }).await {
            Ok(detail) => choices.update(|c| {
                for p in detail.products.into_iter().filter(|p| p.in_pool) {
                    if !c.iter().any(|x| x.id == p.id) {
                        c.push(Choice {
                            id: p.id,
                            title: p.title,
                            price_cents: Some(p.price_cents),
                            in_pool: true,
                        });
                    }
                }
            }),
            Err(e) => error.set(Some(e)),
        }
    });

    // Counted as the platform counts: characters; a title without surrounding blanks.
    let title_used = create_selector(move || title.with(|t| t.trim().chars().count()));
    let text_used = create_selector(move || body.with(|t| t.chars().count()));
    let picked_count = create_selector(move || picked.with(Vec::len));
    let error_at = move |field: Field| create_memo(move || error.get_clone().filter(|e| field_of(e) == field));
    // The content check as it is typed, as the work's account.
    let account_id = work.account_id.clone();
    let content = live_check(
        move || CheckedText::work(&title.get_clone(), &body.get_clone(), &topic.get_clone()),
        move || vec![account_id.clone()],
    );
    let accept_warnings = create_signal(false);

    let work_id = work.id.clone();
    let save = move |_| {
        if saving.get_untracked() {
            return;
        }
        let chosen = picked.get_clone_untracked();
        // The work's own products first, in their order, then the ones added, in the pool's.
        let mut product_ids: Vec<String> = attached.iter().filter(|id| chosen.contains(id)).cloned().collect();
        product_ids.extend(chosen.into_iter().filter(|id| !attached.contains(id)));
        let form = WorkEditForm {
            title: title.get_clone_untracked(),
            text: body.get_clone_untracked(),
            product_ids,
            topic: topic.get_clone_untracked(),
            accept_warnings: accept_warnings.get_untracked(),
        };
        let work_id = work_id.clone();
        error.set(None);
        saving.set(true);
        spawn_local_scoped(async move {
            let result = ipc::call(&cmd::EditWork { work_id, form }).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    controls.reload.bump();
                    // Last: closing the form disposes this card, its signals and this task.
                    controls.editing.set(false);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let cancel = move |_| controls.editing.set(false);

    let counter = move |testid: &'static str, used: ReadSignal<usize>, max: usize| {
        let over = move || used.get() > max;
        view! {
            div(class=move || if over() { "reply-count small over align-end" } else { "reply-count small muted align-end" },
                data-testid=testid, data-count=move || used.get().to_string(), data-max=max.to_string(),
                data-over=move || over().to_string()) {
                (state.t_args("work-edit-count", &[("count", used.get().into()), ("max", max.into())]))
            }
        }
    };
    let product_list = move || {
        choices
            .get_clone()
            .into_iter()
            .map(|c| {
                let (id_is, id_set) = (c.id.clone(), c.id.clone());
                let on = move || picked.with(|s| s.contains(&id_is));
                let full = move || picked_count.get() >= MAX_PRODUCTS_PER_WORK;
                let on_disabled = on.clone();
                let toggle = move |ev: web_sys::Event| {
                    let now = checked(&ev);
                    let id = id_set.clone();
                    picked.update(|s| {
                        s.retain(|x| *x != id);
                        if now {
                            s.push(id);
                        }
                    });
                };
                let price = c.price_cents.map(yuan).unwrap_or_default();
                let badge = if c.in_pool {
                    view! { span(class="badge free") { (state.t("work-commission-free")) } }
                } else {
                    view! { span(class="badge", title=state.t("work-edit-not-in-pool-hint")) { (state.t("work-edit-not-in-pool")) } }
                };
                view! {
                    label(class="product", data-testid="work-edit-product", data-id=c.id.clone(), data-in-pool=c.in_pool.to_string()) {
                        input(r#type="checkbox", prop:checked=move || JsValue::from_bool(on()), disabled=move || full() && !on_disabled(), on:change=toggle)
                        span(class="product-title") { (c.title.clone()) }
                        span(class="muted") { (price.clone()) }
                        (badge)
                    }
                }
            })
            .collect::<Vec<_>>()
    };

    view! {
        div(class="card wide", data-testid="work-edit") {
            h2 { (state.t("work-edit-title")) }
            p(class="muted small") { (state.t("work-edit-intro")) }
            div(class="form narrow") {
                label {
                    span { (state.t("work-edit-field-title")) }
                    input(r#type="text", data-testid="work-edit-title", bind:value=title)
                    (counter("work-edit-title-count", title_used, MAX_TITLE_CHARS))
                }
                ContentMarks(checked=*content, field=CheckedField::Title)
                ErrorNote(error=error_at(Field::Title))
                label {
                    span { (state.t("work-edit-field-text")) }
                    textarea(class="reply-text", data-testid="work-edit-text", bind:value=body, rows="6")
                    (counter("work-edit-text-count", text_used, MAX_TEXT_CHARS))
                }
                ContentMarks(checked=*content, field=CheckedField::Text)
                ErrorNote(error=error_at(Field::Text))
                label {
                    span { (state.t("work-edit-field-topic")) }
                    input(r#type="text", data-testid="work-edit-topic", bind:value=topic, placeholder=state.t("work-edit-topic-hint"))
                }
                ContentMarks(checked=*content, field=CheckedField::Topic)
                ErrorNote(error=error_at(Field::Topic))
                AcceptWarnings(checked=*content, accepted=accept_warnings)
            }
            div(class="narrow") {
                div {
                    strong { (state.t("work-edit-field-products")) }
                    " "
                    span(class="muted small", data-testid="work-edit-products-count") {
                        (state.t_args("work-edit-products-count", &[("count", picked_count.get().into()), ("max", MAX_PRODUCTS_PER_WORK.into())]))
                    }
                }
                (if choices.with(Vec::is_empty) {
                    view! { p(class="muted small", data-testid="work-edit-no-products") { (state.t("work-edit-no-products")) } }
                } else {
                    view! { div(class="product-list", data-testid="work-edit-products") { (product_list()) } }
                })
                ErrorNote(error=error_at(Field::Products))
            }
            ErrorNote(error=error_at(Field::Other))
            div(class="actions") {
                button(class="primary", data-testid="work-edit-save", disabled=move || saving.get(), on:click=save) {
                    (if saving.get() { state.t("work-edit-saving") } else { state.t("work-edit-save") })
                }
                button(class="secondary", data-testid="work-edit-cancel", on:click=cancel) { (state.t("dialog-cancel")) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(rule: &str) -> IpcError {
        IpcError {
            code: ErrorCode::Validation,
            message: String::new(),
            rule: Some(rule.to_owned()),
        }
    }

    #[test]
    fn a_refusal_shows_beside_the_field_it_is_about() {
        // Staff fix what the message sits next to; a title rule under the products would mislead.
        assert_eq!(field_of(&rule("title_too_long")), Field::Title);
        assert_eq!(field_of(&rule("title_empty")), Field::Title);
        assert_eq!(field_of(&rule("text_too_long")), Field::Text);
        assert_eq!(field_of(&rule("too_many_products")), Field::Products);
        assert_eq!(
            field_of(&IpcError::new(ErrorCode::NotInProductPool, "p-9")),
            Field::Products
        );
        // An edit that changes nothing, or no permission, is about the form as a whole.
        assert_eq!(field_of(&rule("edit_unchanged")), Field::Other);
        assert_eq!(
            field_of(&IpcError::new(ErrorCode::PermissionRequired, "no")),
            Field::Other
        );
    }
}
