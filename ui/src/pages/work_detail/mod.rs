//! Work detail: what the work is (cover, title, account, states, text, products) and what
//! staff can do to it (pin, privacy, edit, delete), how its states changed, its daily numbers
//! as a chart, and its comments. One file per card.

mod actions;
mod comments;
mod data;
mod edit;
mod header;
mod history;

use mdesk_ipc::{cmd, IpcError, Period, WorkChange, WorkDetail};
use sycamore::futures::{spawn_local, spawn_local_scoped};
use sycamore::prelude::*;

use self::actions::Controls;
use self::comments::CommentsCard;
use self::data::DataCard;
use self::edit::{EditCard, EditStart};
use self::header::Header;
use self::history::HistoryCard;
use crate::components::error_note::ErrorNote;
use crate::components::work_change::WorkChangeDialog;
use crate::ipc;
use crate::state::{app_state, Page, Reload};

#[component]
pub fn WorkDetailPage() -> View {
    let state = app_state();
    let detail = create_signal(None::<WorkDetail>);
    let error = create_signal(None::<IpcError>);
    let period = create_signal(Period::Last { days: 30 });
    let reload = Reload::new();

    create_effect(move || {
        state.data.track();
        reload.track();
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
                view! { DetailBody(detail=*detail, period=period, reload=reload) }
            } else {
                view! { p(class="muted") { (state.t("accounts-loading")) } }
            })
        }
    }
}

/// Each card follows its own part of the detail, so a sync that changes only the numbers
/// leaves the comments (and a scrolled thread) alone.
#[component(inline_props)]
fn DetailBody(detail: ReadSignal<Option<WorkDetail>>, period: Signal<Period>, reload: Reload) -> View {
    let state = app_state();
    let controls = Controls {
        dialog: create_signal(None),
        applied: create_signal(None),
        editing: create_signal(false),
        error: create_signal(None),
        reload,
    };
    // Once a delete is queued and its dialog closed, the work is on its way out: back to the
    // list, which shows it waiting to sync until the platform has deleted it.
    create_effect(move || {
        let closed = controls.dialog.with(Option::is_none);
        let deleted = controls.applied.with(|a| {
            a.as_ref()
                .is_some_and(|p| p.change == WorkChange::Delete && p.rows.iter().any(|r| r.action_id.is_some()))
        });
        if closed && deleted {
            controls.applied.set(None);
            // Leaving the page disposes this effect: not from inside it, but once it is done.
            let back = state.work_from.get_untracked();
            spawn_local(async move { state.page.set(back) });
        }
    });
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
        (header.get_clone().map(|(work, text, products)| view! { Header(work=work, text=text, products=products, controls=controls) }))
        // The form starts from the work as shown when it opens; a sync meanwhile leaves what is typed alone.
        (if controls.editing.get() {
            let start = detail.with_untracked(|d| d.as_ref().map(|d| EditStart {
                work: d.work.clone(),
                text: d.text.clone(),
                products: d.products.clone(),
            }));
            start.map(|start| view! { EditCard(start=start, controls=controls) })
        } else { None })
        (controls.dialog.get().map(|change| {
            let work_ids = detail.with_untracked(|d| d.as_ref().map(|d| vec![d.work.id.clone()]).unwrap_or_default());
            view! { WorkChangeDialog(change=change, work_ids=work_ids, open=controls.dialog, applied=controls.applied) }
        }))
        DataCard(period=period, resolved=resolved, totals=totals, daily=daily)
        div(class="cards") {
            HistoryCard(history=history)
            CommentsCard(comments=comments)
        }
    }
}
