//! The inbox filter bar: one account's works, only comments nobody has answered, only unread
//! ones. Each control edits the screen's query, which starts again with its first page.

use mdesk_ipc::{AccountRow, CommentsQuery};
use sycamore::prelude::*;
use wasm_bindgen::JsValue;

use super::edit;
use crate::components::form::{checked, choice, non_empty};
use crate::state::app_state;

#[component(inline_props)]
pub fn InboxFilters(
    query: Signal<CommentsQuery>,
    accounts: ReadSignal<Vec<AccountRow>>,
    filtering: ReadSignal<bool>,
) -> View {
    let state = app_state();
    let account_options = create_memo(move || {
        let mut o = vec![(String::new(), state.t("comments-all-accounts"))];
        accounts.with(|rows| {
            o.extend(
                rows.iter()
                    .map(|a| (a.id.clone(), format!("{} ({})", a.nickname, a.guangguang_id))),
            )
        });
        o
    });
    let account = choice(
        "inbox-filter-account",
        account_options,
        move || query.with(|q| q.account_id.clone().unwrap_or_default()),
        move |v| edit(query, |q| q.account_id = non_empty(v)),
    );
    let unanswered = create_selector(move || query.with(|q| q.unanswered));
    let unread = create_selector(move || query.with(|q| q.unread));
    // The boxes follow the query through the `checked` property: the attribute only sets their
    // default, which a box once clicked no longer shows ("clear" would leave it ticked).
    let clear = move |_| {
        edit(query, |q| {
            *q = CommentsQuery {
                limit: q.limit,
                ..CommentsQuery::default()
            }
        })
    };

    view! {
        div(class="filters", data-testid="inbox-filters") {
            (account)
            label(class="inline check") {
                input(r#type="checkbox", data-testid="inbox-unanswered", prop:checked=move || JsValue::from_bool(unanswered.get()),
                    on:change=move |ev| { let on = checked(&ev); edit(query, |q| q.unanswered = on) })
                span { (state.t("comments-only-unanswered")) }
            }
            label(class="inline check") {
                input(r#type="checkbox", data-testid="inbox-unread", prop:checked=move || JsValue::from_bool(unread.get()),
                    on:change=move |ev| { let on = checked(&ev); edit(query, |q| q.unread = on) })
                span { (state.t("comments-only-unread")) }
            }
            button(class="link", data-testid="inbox-clear", disabled=move || !filtering.get(), on:click=clear) {
                (state.t("comments-clear"))
            }
        }
    }
}
