//! Uploading (上传中): the files of queued works on their way to the platform, one progress bar
//! each, under the work's title and account. Read every second while anything is on its way.

use mdesk_ipc::{cmd, UploadRow};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::media::size_text;
use super::Composer;
use crate::ipc;
use crate::state::app_state;
use crate::timer::sleep;

/// How often the progress is read while files are on their way.
const POLL_MS: i32 = 1000;

#[component(inline_props)]
pub fn UploadsCard(composer: Composer) -> View {
    let state = app_state();
    let rows = create_signal(Vec::<UploadRow>::new());
    let polling = create_signal(false);
    // The loop belongs to this card: it is not aborted when the effect that started it runs
    // again, and it ends with the card.
    let card = use_current_scope();

    // Started when the screen opens, after a confirmation, and when sync brings data; one
    // loop at a time, ending once nothing is left to send.
    create_effect(move || {
        composer.uploads_kick.track();
        state.data.track();
        if polling.get_untracked() {
            return;
        }
        polling.set(true);
        card.run_in(move || {
            spawn_local_scoped(async move {
                loop {
                    match ipc::call(&cmd::ListUploads {}).await {
                        Ok(list) => {
                            let done = list.is_empty();
                            if rows.with_untracked(|cur| *cur != list) {
                                rows.set(list);
                            }
                            if done {
                                break;
                            }
                        }
                        Err(_) => break,
                    }
                    sleep(POLL_MS).await;
                }
                polling.set(false);
            })
        });
    });

    // Works in the order they were queued, each with its files in order.
    let works = create_memo(move || {
        rows.with(|rows| {
            let mut works: Vec<(String, Option<String>, String, Vec<UploadRow>)> = Vec::new();
            for r in rows {
                match works.iter_mut().find(|w| w.0 == r.action_id) {
                    Some(w) => w.3.push(r.clone()),
                    None => works.push((
                        r.action_id.clone(),
                        r.account_id.clone(),
                        r.title.clone(),
                        vec![r.clone()],
                    )),
                }
            }
            for w in &mut works {
                w.3.sort_by_key(|f| f.slot);
            }
            works
        })
    });
    let nickname = move |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| {
                composer
                    .accounts
                    .with(|a| a.iter().find(|a| a.id == *id).map(|a| a.nickname.clone()))
            })
            .unwrap_or_default()
    };

    view! {
        (if rows.with(Vec::is_empty) {
            view! {}
        } else {
            view! {
                div(class="card wide", data-testid="publish-uploads") {
                    h2 { (state.t("publish-uploads")) }
                    (works.get_clone().into_iter().map(|(action, account, title, files)| {
                        let who = nickname(&account);
                        let file_views = files.into_iter().map(|f| {
                            let percent = (f.sent_bytes.min(f.bytes) * 100).checked_div(f.bytes).unwrap_or(100);
                            let done = f.done;
                            let amount = format!("{} / {}", size_text(f.sent_bytes), size_text(f.bytes));
                            view! {
                                div(class="upload-file", data-testid="publish-upload", data-sent=f.sent_bytes.to_string(),
                                    data-bytes=f.bytes.to_string(), data-done=f.done.to_string()) {
                                    span(class="upload-name") { (f.name.clone()) }
                                    div(class="progress upload-progress") {
                                        div(class="progress-bar", style=format!("width: {percent}%"))
                                    }
                                    span(class="muted small upload-amount") {
                                        (if done { state.t("publish-upload-done") } else { amount.clone() })
                                    }
                                }
                            }
                        }).collect::<Vec<_>>();
                        view! {
                            div(class="upload-work", data-testid="publish-upload-work", data-action=action) {
                                div(class="upload-head") {
                                    strong { (title) }
                                    span(class="muted small") { (who) }
                                }
                                (file_views)
                            }
                        }
                    }).collect::<Vec<_>>())
                }
            }
        })
    }
}
