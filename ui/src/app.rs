//! The window: navigation, the current page, and the status line that is always visible.

use mdesk_ipc::{cmd, ExportProgress, Notice, UpdateProgress};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::keychain_screen::KeychainScreen;
use crate::components::recovery_notice::RecoveryNotice;
use crate::components::status_line::StatusLine;
use crate::ipc;
use crate::pages::about::AboutPage;
use crate::pages::account_detail::AccountDetailPage;
use crate::pages::accounts::AccountsPage;
use crate::pages::activity::ActivityPage;
use crate::pages::comments::CommentsPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::health::HealthPage;
use crate::pages::invitations::InvitationsPage;
use crate::pages::materials::MaterialsPage;
use crate::pages::notices::NoticesPage;
use crate::pages::publish::PublishPage;
use crate::pages::reviews::ReviewsPage;
use crate::pages::settings::SettingsPage;
use crate::pages::work_detail::WorkDetailPage;
use crate::pages::works::WorksPage;
use crate::state::{AppState, Page};

#[component]
pub fn App() -> View {
    let state = AppState::new();
    provide_context(state);

    spawn_local_scoped(async move {
        if let Ok(settings) = ipc::call(&cmd::GetSettings {}).await {
            state.lang.set(settings.language);
        }
        let status = state.status;
        let _ = ipc::on_sync_status(move |s| status.set(Some(s))).await;
        // New notices count as unread; the Notices screen tracks the count to show them.
        let _ = ipc::listen::<Vec<Notice>>(mdesk_ipc::NOTICES_EVENT, move |n| {
            state.unread.update(|u| *u += n.len() as u32);
        })
        .await;
        let progress = state.export_progress;
        let _ = ipc::listen::<ExportProgress>(mdesk_ipc::EXPORT_PROGRESS_EVENT, move |p| progress.set(Some(p))).await;
        let update = state.update_progress;
        let _ = ipc::listen::<UpdateProgress>(mdesk_ipc::UPDATE_PROGRESS_EVENT, move |p| update.set(Some(p))).await;
        if let Ok(s) = ipc::call(&cmd::GetSyncStatus {}).await {
            state.status.set(Some(s));
        }
        if let Ok(n) = ipc::call(&cmd::CountUnreadNotices {}).await {
            state.unread.set(n);
        }
        // Asked after the first screen's data: it may wait on the OS to unlock the keychain.
        if let Ok(k) = ipc::call(&cmd::GetKeychainState { retry: false }).await {
            state.keychain.set(Some(k));
        }
    });
    // Without a keychain every screen but Settings (the language, the platform) and About
    // says so and asks; the data stays readable once the person has chosen.
    let must_ask = create_selector(move || {
        state.keychain.with(|k| k.as_ref().is_some_and(|k| k.must_ask()))
            && !matches!(state.page.get(), Page::Settings | Page::About)
    });

    // Unread comments: counted again whenever sync may have brought some (the Comments screen
    // also asks after marking some read).
    create_effect(move || {
        state.data.track();
        state.count_unread_comments();
    });
    // Accounts that need attention: counted again whenever sync may have changed them.
    create_effect(move || {
        state.data.track();
        spawn_local_scoped(async move {
            if let Ok(n) = ipc::call(&cmd::CountAccountsNeedingAttention {}).await {
                state.health_count.set(n);
            }
        });
    });

    let nav = move |page: Page, key: &'static str, testid: &'static str| {
        let class = move || {
            if state.section() == page {
                "nav-item active"
            } else {
                "nav-item"
            }
        };
        // What is waiting there, as a count beside the name.
        let waiting = move || match page {
            Page::Notices => Some((state.unread.get(), "notices-unread")),
            Page::Comments => Some((state.comments_unread.get(), "comments-unread")),
            Page::Health => Some((state.health_count.get(), "health-count")),
            Page::Reviews => Some((
                state.status.with(|s| s.as_ref().map_or(0, |s| s.reviews_waiting)),
                "reviews-waiting",
            )),
            _ => None,
        };
        view! {
            button(class=class, data-testid=testid, on:click=move |_| state.page.set(page)) {
                (state.t(key))
                (match waiting() {
                    Some((n, testid)) if n > 0 => view! {
                        span(class="nav-count", data-testid=testid, data-count=n.to_string()) { (n.to_string()) }
                    },
                    _ => view! {},
                })
            }
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
                (nav(Page::Accounts, "nav-accounts", "nav-accounts"))
                (nav(Page::Works, "nav-works", "nav-works"))
                (nav(Page::Publish, "nav-publish", "nav-publish"))
                (nav(Page::Materials, "nav-materials", "nav-materials"))
                (nav(Page::Reviews, "nav-reviews", "nav-reviews"))
                (nav(Page::Dashboard, "nav-dashboard", "nav-dashboard"))
                (nav(Page::Health, "nav-health", "nav-health"))
                (nav(Page::Comments, "nav-comments", "nav-comments"))
                (nav(Page::Invitations, "nav-invitations", "nav-invitations"))
                (nav(Page::Activity, "nav-activity", "nav-activity"))
                (nav(Page::Notices, "nav-notices", "nav-notices"))
                (nav(Page::Settings, "nav-settings", "nav-settings"))
            }
            main(class="content") {
                RecoveryNotice {}
                (if must_ask.get() { view! { KeychainScreen {} } } else { view! {} })
                (if must_ask.get() { view! {} } else { match state.page.get() {
                    Page::Accounts => view! { AccountsPage {} },
                    Page::AccountDetail => view! { AccountDetailPage {} },
                    Page::Invitations => view! { InvitationsPage {} },
                    Page::Activity => view! { ActivityPage {} },
                    Page::Notices => view! { NoticesPage {} },
                    Page::Settings => view! { SettingsPage {} },
                    Page::Works => view! { WorksPage {} },
                    Page::WorkDetail => view! { WorkDetailPage {} },
                    Page::Dashboard => view! { DashboardPage {} },
                    Page::Comments => view! { CommentsPage {} },
                    Page::Publish => view! { PublishPage {} },
                    Page::About => view! { AboutPage {} },
                    Page::Reviews => view! { ReviewsPage {} },
                    Page::Materials => view! { MaterialsPage {} },
                    Page::Health => view! { HealthPage {} },
                } })
            }
            StatusLine {}
        }
    }
}
