//! The window: navigation, the current page, and the status line that is always visible.

use mdesk_ipc::{Settings, SyncStatus};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::status_line::StatusLine;
use crate::ipc::{self, NoArgs};
use crate::pages::accounts::AccountsPage;
use crate::pages::activity::ActivityPage;
use crate::pages::settings::SettingsPage;
use crate::state::{AppState, Page};

#[component]
pub fn App() -> View {
    let state = AppState::new();
    provide_context(state);

    spawn_local_scoped(async move {
        if let Ok(settings) = ipc::call::<_, Settings>("get_settings", &NoArgs {}).await {
            state.lang.set(settings.language);
        }
        let status = state.status;
        let _ = ipc::on_sync_status(move |s| status.set(Some(s))).await;
        if let Ok(s) = ipc::call::<_, SyncStatus>("sync_status", &NoArgs {}).await {
            state.status.set(Some(s));
        }
    });

    let nav_class = move |page: Page| {
        if state.page.get() == page {
            "nav-item active"
        } else {
            "nav-item"
        }
    };
    view! {
        div(class="shell", lang=move || state.lang.get_clone()) {
            nav(class="sidebar") {
                div(class="brand") {
                    img(class="brand-mark", src="icon.svg", alt="")
                    div {
                        div(class="brand-name", data-testid="app-title") { (state.t("app-title")) }
                        div(class="brand-sub") { (state.t("app-subtitle")) }
                    }
                }
                button(class=move || nav_class(Page::Accounts), data-testid="nav-accounts",
                    on:click=move |_| state.page.set(Page::Accounts)) { (state.t("nav-accounts")) }
                button(class=move || nav_class(Page::Activity), data-testid="nav-activity",
                    on:click=move |_| state.page.set(Page::Activity)) { (state.t("nav-activity")) }
                button(class=move || nav_class(Page::Settings), data-testid="nav-settings",
                    on:click=move |_| state.page.set(Page::Settings)) { (state.t("nav-settings")) }
            }
            main(class="content") {
                (match state.page.get() {
                    Page::Accounts => view! { AccountsPage {} },
                    Page::Activity => view! { ActivityPage {} },
                    Page::Settings => view! { SettingsPage {} },
                })
            }
            StatusLine {}
        }
    }
}
