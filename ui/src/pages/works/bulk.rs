//! The bar of changes to the works picked in the table: pin, unpin, public, private, delete.
//! Each opens the dry run of that change on every picked work; once confirmed, the pick is
//! cleared and the table shows the works as they will be, marked as waiting to sync.

use mdesk_ipc::{WorkChange, WorkChangePlan};
use sycamore::prelude::*;

use crate::components::work_change::{change_name, WorkChangeDialog};
use crate::state::app_state;

#[component(inline_props)]
pub fn BulkBar(selected: Signal<Vec<String>>) -> View {
    let state = app_state();
    let open = create_signal(None::<WorkChange>);
    let applied = create_signal(None::<WorkChangePlan>);
    // What was queued leaves the pick, once; the dialog keeps the works it was opened with.
    create_effect(move || {
        if applied.with(Option::is_some) {
            applied.set(None);
            selected.set(Vec::new());
        }
    });
    let count = create_selector(move || selected.with(Vec::len));
    let buttons = WorkChange::ALL
        .iter()
        .map(|&change| {
            let class = if change == WorkChange::Delete {
                "secondary danger"
            } else {
                "secondary"
            };
            let start = move |_| {
                applied.set(None);
                open.set(Some(change));
            };
            view! {
                button(class=class, data-testid=format!("works-bulk-{}", change.as_str()),
                    disabled=move || !state.may(mdesk_ipc::Permission::Publish),
                    title=move || state.lacks(mdesk_ipc::Permission::Publish).unwrap_or_default(), on:click=start) {
                    (change_name(state, change))
                }
            }
        })
        .collect::<Vec<_>>();
    view! {
        div(class=move || if count.get() == 0 { "selection-bar hidden" } else { "selection-bar" },
            data-testid="works-bulk-bar", data-count=move || count.get().to_string()) {
            strong(data-testid="works-bulk-count") {
                (state.t_args("works-selected", &[("count", count.get().into())]))
            }
            (buttons)
            span(class="spacer") {}
            button(class="link", data-testid="works-bulk-clear", on:click=move |_| selected.set(Vec::new())) {
                (state.t("works-clear-selection"))
            }
        }
        (open.get().map(|change| {
            let work_ids = selected.get_clone_untracked();
            view! { WorkChangeDialog(change=change, work_ids=work_ids, open=open, applied=applied) }
        }))
    }
}
