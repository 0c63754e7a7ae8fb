//! Paging through the works: previous, next, and which page of how many.

use mdesk_ipc::WorksQuery;
use sycamore::prelude::*;

use super::PAGE_SIZE;
use crate::state::app_state;

#[component(inline_props)]
pub fn Pager(query: Signal<Option<WorksQuery>>, total: ReadSignal<u64>) -> View {
    let state = app_state();
    let offset = create_selector(move || query.with(|q| q.as_ref().map_or(0, |q| q.offset)));
    let pages = move || total.get().div_ceil(u64::from(PAGE_SIZE)).max(1);
    let current = move || u64::from(offset.get() / PAGE_SIZE) + 1;
    let go = move |to: u32| {
        query.update(|q| {
            if let Some(q) = q {
                q.offset = to;
            }
        })
    };
    view! {
        div(class="pager") {
            button(class="secondary", data-testid="works-prev", disabled=move || offset.get() == 0,
                on:click=move |_| go(offset.get_untracked().saturating_sub(PAGE_SIZE))) { (state.t("page-prev")) }
            span(data-testid="works-page", data-page=move || current().to_string(), data-pages=move || pages().to_string()) {
                (state.t_args("page-of", &[("page", current().into()), ("pages", pages().into())]))
            }
            button(class="secondary", data-testid="works-next", disabled=move || current() >= pages(),
                on:click=move |_| go(offset.get_untracked() + PAGE_SIZE)) { (state.t("page-next")) }
        }
    }
}
