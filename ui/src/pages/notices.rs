//! Notices: answers from matrix accounts, actions the platform refused, review results and
//! fans' comments, newest first. Opening the screen marks them read; a notice about a work
//! opens it.

use mdesk_ipc::{cmd, IpcError, Notice};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::format::local_time;
use crate::i18n::notice_text;
use crate::ipc;
use crate::list::by_id;
use crate::state::app_state;

#[component]
pub fn NoticesPage() -> View {
    let state = app_state();
    let rows = create_signal(None::<Vec<Notice>>);
    let error = create_signal(None::<IpcError>);

    // New notices raise the unread count: read again then. Reading them here brings the
    // count back to 0, which must not read again (that would show them as read at once).
    let arrived = create_selector_with(move || state.unread.get(), |now, _| *now == 0);
    create_effect(move || {
        state.data.track();
        arrived.track();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ListNotices {}).await {
                Ok(r) => rows.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
            if ipc::call(&cmd::MarkNoticesRead {}).await.is_ok() {
                state.unread.set(0);
            }
        });
    });
    let list = create_memo(move || rows.get_clone().unwrap_or_default());

    view! {
        section(class="page", data-testid="notices-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("notices-title")) }
                    div(class="muted") { (state.t("notices-intro")) }
                }
            }
            ErrorNote(error=*error)
            ul(class="notices", data-testid="notices-list") {
                Keyed(list=list, key=|n: &Notice| by_id(n.seq, n), view=move |n: Notice| {
                    let lang = state.lang.get_clone();
                    let (title, body) = notice_text(&lang, &n);
                    let class = match n.kind {
                        k if k.is_bad() => "notice-item bad",
                        mdesk_ipc::NoticeKind::NewComment => "notice-item",
                        _ => "notice-item good",
                    };
                    let open = n.work_id.clone().map(|id| view! {
                        button(class="link", data-testid="notice-open-work", on:click=move |_| state.open_work(id.clone())) {
                            (state.t("notices-open-work"))
                        }
                    });
                    view! {
                        li(class=class, data-testid="notice", data-kind=n.kind.as_str(), data-read=n.read.to_string()) {
                            div(class="notice-title") { (title) }
                            div { (body) }
                            div(class="muted small") { (local_time(&n.at, &lang)) " " (open) }
                        }
                    }
                })
            }
            (if rows.with(|r| r.as_ref().is_some_and(Vec::is_empty)) {
                view! { p(class="empty muted", data-testid="notices-empty") { (state.t("notices-empty")) } }
            } else { view! {} })
        }
    }
}
