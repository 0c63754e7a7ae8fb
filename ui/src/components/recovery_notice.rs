//! The report of a repaired database, above every screen until the person dismisses it.

use mdesk_ipc::cmd;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::format::local_time;
use crate::ipc;
use crate::state::app_state;

#[component]
pub fn RecoveryNotice() -> View {
    let state = app_state();
    let report = create_memo(move || state.status.with(|s| s.as_ref().and_then(|s| s.recovery.clone())));
    let dismiss = move |_| {
        spawn_local_scoped(async move {
            if ipc::call(&cmd::DismissRecovery {}).await.is_ok() {
                state.status.update(|s| {
                    if let Some(s) = s {
                        s.recovery = None;
                    }
                });
            }
        });
    };
    view! {
        (report.get_clone().map(|r| {
            let lines = move || {
                let lang = state.lang.get_clone();
                r.lines(&lang, &local_time(&r.at, &lang))
            };
            view! {
                div(class="card notice recovery-notice", role="alert", data-testid="recovery-notice") {
                    h2 { (state.t("recovery-title")) }
                    (View::from(lines().into_iter().map(|line| view! { p { (line) } }).collect::<Vec<_>>()))
                    button(class="primary", data-testid="recovery-dismiss", on:click=dismiss) { (state.t("recovery-dismiss")) }
                }
            }
        }))
    }
}
