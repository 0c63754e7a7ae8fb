//! Work detail: what the work is (cover, title, account, states, text, products), how its
//! states changed, its daily numbers as a chart, and its comments. One file per card.

mod comments;
mod data;
mod header;
mod history;

use mdesk_ipc::{cmd, IpcError, Period, WorkDetail};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use self::comments::CommentsCard;
use self::data::DataCard;
use self::header::Header;
use self::history::HistoryCard;
use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::state::{app_state, Page};

#[component]
pub fn WorkDetailPage() -> View {
    let state = app_state();
    let detail = create_signal(None::<WorkDetail>);
    let error = create_signal(None::<IpcError>);
    let period = create_signal(Period::Last { days: 30 });

    create_effect(move || {
        state.data.track();
        let Some(work_id) = state.work.get_clone() else { return };
        let period = period.get_clone();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetWorkDetail { work_id, period }).await {
                Ok(d) => {
                    if detail.with_untracked(|cur| cur.as_ref() != Some(&d)) {
                        detail.set(Some(d));
                    }
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let back_key = move || match state.work_from.get() {
        Page::Dashboard => "work-detail-back-dashboard",
        Page::Comments => "work-detail-back-comments",
        _ => "work-detail-back",
    };
    let loaded = create_selector(move || detail.with(Option::is_some));
    view! {
        section(class="page", data-testid="work-detail") {
            button(class="link back", data-testid="work-detail-back", on:click=move |_| state.page.set(state.work_from.get_untracked())) {
                (state.t(back_key()))
            }
            ErrorNote(error=*error)
            (if loaded.get() {
                view! { DetailBody(detail=*detail, period=period) }
            } else {
                view! { p(class="muted") { (state.t("accounts-loading")) } }
            })
        }
    }
}

/// Each card follows its own part of the detail, so a sync that changes only the numbers
/// leaves the comments (and a scrolled thread) alone.
#[component(inline_props)]
fn DetailBody(detail: ReadSignal<Option<WorkDetail>>, period: Signal<Period>) -> View {
    let header = create_selector(move || {
        detail.with(|d| d.as_ref().map(|d| (d.work.clone(), d.text.clone(), d.products.clone())))
    });
    let history = create_selector(move || detail.with(|d| d.as_ref().map(|d| d.history.clone()).unwrap_or_default()));
    let daily = create_selector(move || detail.with(|d| d.as_ref().map(|d| d.daily.clone()).unwrap_or_default()));
    // The work's numbers are over the detail's period.
    let totals = create_selector(move || detail.with(|d| d.as_ref().map(|d| d.work.metrics).unwrap_or_default()));
    let resolved = create_selector(move || detail.with(|d| d.as_ref().map(|d| d.period.clone())));
    let comments = create_selector(move || detail.with(|d| d.as_ref().map(|d| d.comments.clone()).unwrap_or_default()));
    view! {
        (header.get_clone().map(|(work, text, products)| view! { Header(work=work, text=text, products=products) }))
        DataCard(period=period, resolved=resolved, totals=totals, daily=daily)
        div(class="cards") {
            HistoryCard(history=history)
            CommentsCard(comments=comments)
        }
    }
}
