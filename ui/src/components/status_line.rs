//! The status line: platform, online/offline, last sync, queued and failed actions.

use fluent_bundle::FluentValue;
use mdesk_ipc::cmd;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::format::local_time;
use crate::ipc;
use crate::state::app_state;

#[component]
pub fn StatusLine() -> View {
    let state = app_state();
    let status = state.status;

    let online_key = move || match status.with(|s| s.as_ref().and_then(|s| s.online)) {
        Some(true) => "status-online",
        Some(false) => "status-offline",
        None => "status-connecting",
    };
    let online_class = move || match status.with(|s| s.as_ref().and_then(|s| s.online)) {
        Some(true) => "dot online",
        Some(false) => "dot offline",
        None => "dot",
    };
    let platform = move || {
        status.with(|s| match s {
            Some(s) if s.platform == mdesk_ipc::PlatformKind::Demo => state.t("status-demo"),
            Some(s) => format!(
                "{} · {}",
                state.t("status-remote"),
                s.platform_url.clone().unwrap_or_default()
            ),
            None => String::new(),
        })
    };
    let last_sync = move || {
        let lang = state.lang.get_clone();
        match status.with(|s| s.as_ref().and_then(|s| s.last_sync_at.clone())) {
            Some(at) => state.t_args("status-last-sync", &[("time", local_time(&at, &lang).into())]),
            None => state.t("status-never-synced"),
        }
    };
    let activity = move || {
        status.with(|s| {
            let Some(s) = s else { return String::new() };
            if let Some(p) = s.progress.filter(|_| s.syncing) {
                let percent = (p.done * 100).checked_div(p.total).unwrap_or(100);
                let args: [(&str, FluentValue<'_>); 3] = [
                    ("done", p.done.into()),
                    ("total", p.total.into()),
                    ("percent", percent.into()),
                ];
                return state.t_args("status-progress", &args);
            }
            if s.syncing {
                return state.t("status-syncing");
            }
            let mut parts = vec![state.t_args("status-queued", &[("count", s.queued.into())])];
            if s.failed > 0 {
                parts.push(state.t_args("status-failed", &[("count", s.failed.into())]));
            }
            if !s.signed_in {
                parts.push(state.t("status-signed-out"));
            }
            parts.join(" · ")
        })
    };
    let progress_width = move || {
        status.with(|s| match s.as_ref().and_then(|s| s.progress) {
            Some(p) if p.total > 0 => format!("width: {}%", p.done * 100 / p.total),
            _ => "width: 0%".to_owned(),
        })
    };
    // Who is signed in and in which role; the approval switch when it is on.
    let whoami = move || {
        state.whoami().map(|w| {
            let mut text = format!("{} · {}", w.name, state.t(&format!("role-{}", w.role.as_str())));
            if w.approval_required {
                text.push_str(" · ");
                text.push_str(&state.t("status-approval-on"));
            }
            (text, w.role.as_str())
        })
    };
    let sync_now = move |_| {
        spawn_local_scoped(async move {
            let _ = ipc::call(&cmd::SyncNow {}).await;
        })
    };

    view! {
        footer(class="status-line", data-testid="status-line") {
            span(class=online_class, data-testid="status-online", data-state=online_key) { (state.t(online_key())) }
            span(class="status-platform", data-testid="status-platform") { (platform()) }
            (match whoami() {
                Some((text, role)) => view! { span(class="status-whoami", data-testid="status-whoami", data-role=role) { (text) } },
                None => view! {},
            })
            span(class="status-last-sync", data-testid="status-last-sync") { (last_sync()) }
            span(class="status-activity", data-testid="status-activity") { (activity()) }
            div(class="progress") { div(class="progress-bar", style=progress_width) }
            button(class="link", data-testid="sync-now", on:click=sync_now) { (state.t("status-sync-now")) }
        }
    }
}
