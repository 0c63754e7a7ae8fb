//! What staff can do to the work as its account: pin or unpin, make it public or private,
//! edit it, delete it. Each button is checked with the same dry run as a bulk change, so one
//! the core would refuse (no publish permission, three works pinned already) is disabled and
//! says why before anyone clicks; a delete goes through the dry run's dialog and its explicit
//! confirmation.

use mdesk_ipc::{cmd, IpcError, Privacy, WorkChange, WorkChangePlan, WorkRow};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::work_change::{change_name, error_text};
use crate::ipc;
use crate::state::{app_state, Reload};

/// What the detail's cards share to act on the work: the delete dialog, the edit form, where
/// an action's refusal shows, and the detail's "read again".
#[derive(Clone, Copy)]
pub struct Controls {
    pub dialog: Signal<Option<WorkChange>>,
    pub applied: Signal<Option<WorkChangePlan>>,
    pub editing: Signal<bool>,
    pub error: Signal<Option<IpcError>>,
    pub reload: Reload,
}

/// The dry run's answer for one change of this work.
#[derive(Debug, Clone, PartialEq)]
struct Check {
    change: WorkChange,
    refusal: Option<IpcError>,
    /// Already so (a delete on its way, for the delete button).
    unchanged: bool,
}

/// The changes this work offers now: the pin it does not have, the privacy it does not have,
/// and a delete.
fn offered(work: &WorkRow) -> [WorkChange; 3] {
    let pin = if work.pinned {
        WorkChange::Unpin
    } else {
        WorkChange::Pin
    };
    let privacy = match work.privacy {
        Privacy::Private => WorkChange::MakePublic,
        Privacy::Public => WorkChange::MakePrivate,
    };
    [pin, privacy, WorkChange::Delete]
}

#[component(inline_props)]
pub fn WorkActions(work: WorkRow, controls: Controls) -> View {
    let state = app_state();
    let changes = offered(&work);
    let checks = create_signal(None::<Vec<Check>>);
    let busy = create_signal(false);
    let work_id = work.id.clone();

    // Asked again whenever the work is drawn again (a sync, a change made here).
    let id = work_id.clone();
    spawn_local_scoped(async move {
        let mut out = Vec::new();
        for change in changes {
            let answer = ipc::call(&cmd::PlanWorkChange {
                change,
                work_ids: vec![id.clone()],
            })
            .await;
            out.push(match answer {
                Ok(plan) => {
                    let row = plan.rows.into_iter().next();
                    Check {
                        change,
                        refusal: row.as_ref().and_then(|r| r.refusal.clone()),
                        unchanged: row.is_some_and(|r| r.unchanged),
                    }
                }
                // The dry run itself failed (no staff name yet): that is the reason for all.
                Err(e) => Check {
                    change,
                    refusal: Some(e),
                    unchanged: false,
                },
            });
        }
        checks.set(Some(out));
    });
    let check = move |change: WorkChange| {
        checks.with(|c| c.as_ref().and_then(|c| c.iter().find(|x| x.change == change).cloned()))
    };
    let blocked = move |change: WorkChange| check(change).is_some_and(|c| c.refusal.is_some() || c.unchanged);

    let run = move |change: WorkChange| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        controls.error.set(None);
        let work_ids = vec![work_id.clone()];
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ApplyWorkChange { change, work_ids }).await {
                Ok(plan) => match plan.rows.into_iter().next().and_then(|r| r.refusal) {
                    Some(e) => controls.error.set(Some(e)),
                    None => controls.reload.bump(),
                },
                Err(e) => controls.error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    let button = move |change: WorkChange| {
        let run = run.clone();
        let click = move |_| {
            if change == WorkChange::Delete {
                controls.applied.set(None);
                controls.dialog.set(Some(change));
            } else {
                run(change);
            }
        };
        let class = if change == WorkChange::Delete {
            "secondary danger"
        } else {
            "secondary"
        };
        let reason = move || {
            check(change)
                .and_then(|c| c.refusal)
                .map(|e| error_text(state, &e))
                .unwrap_or_default()
        };
        view! {
            button(class=class, data-testid=format!("work-action-{}", change.as_str()),
                data-checked=move || checks.with(Option::is_some).to_string(),
                title=reason, disabled=move || busy.get() || blocked(change), on:click=click) {
                (change_name(state, change))
            }
        }
    };
    let buttons = changes.iter().map(|c| button(*c)).collect::<Vec<_>>();
    // An edit needs what a delete needs (the work here, the publish permission), and a work
    // on its way out is not edited.
    // An operator while approval is on edits by submission: the platform's grant is checked
    // once it is approved.
    let by_submission = move || state.whoami().is_some_and(|w| w.publishes_by_submission);
    let edit_blocked = move || blocked(WorkChange::Delete) && !by_submission();

    // Why buttons are disabled: one line per reason, naming the changes it stops.
    let reasons = move || {
        let mut lines: Vec<(String, String, Vec<String>)> = Vec::new();
        for c in checks.get_clone().unwrap_or_default() {
            let Some(e) = c.refusal else { continue };
            let (key, text) = (e.message_key(), error_text(state, &e));
            match lines.iter_mut().find(|(_, t, _)| *t == text) {
                Some((_, _, names)) => names.push(change_name(state, c.change)),
                None => lines.push((key, text, vec![change_name(state, c.change)])),
            }
        }
        lines
            .into_iter()
            .map(|(key, text, names)| {
                let line = state.t_args(
                    "work-action-refused",
                    &[
                        ("changes", names.join(&state.t("work-pending-separator")).into()),
                        ("reason", text.into()),
                    ],
                );
                view! { p(class="refused", data-testid="work-action-refusal", data-code=key) { (line) } }
            })
            .collect::<Vec<_>>()
    };

    view! {
        div(class="actions work-actions", data-testid="work-actions") {
            button(class="primary", data-testid="work-action-edit", disabled=move || controls.editing.get() || edit_blocked(),
                on:click=move |_| { controls.error.set(None); controls.editing.set(true) }) {
                (if by_submission() { state.t("work-edit-submit") } else { state.t("work-edit") })
            }
            (buttons)
        }
        (reasons)
    }
}
