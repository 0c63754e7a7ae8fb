//! App-wide state, provided as context: language, current page, the account being looked
//! at, the sync status, and a counter bumped after every local change so screens re-read.

use fluent_bundle::FluentValue;
use mdesk_ipc::SyncStatus;
use sycamore::prelude::*;

use crate::i18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Accounts,
    /// The account in [`AppState::account`].
    AccountDetail,
    Invitations,
    Activity,
    Notices,
    Settings,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: Signal<String>,
    pub page: Signal<Page>,
    pub account: Signal<Option<String>>,
    pub status: Signal<Option<SyncStatus>>,
    /// Bumped after a local change (an action queued, a group set) and on new notices.
    pub changes: Signal<u32>,
    pub unread: Signal<u32>,
}

impl AppState {
    pub fn new() -> Self {
        Self {
            lang: create_signal(i18n::DEFAULT_LANGUAGE.to_owned()),
            page: create_signal(Page::Accounts),
            account: create_signal(None),
            status: create_signal(None),
            changes: create_signal(0),
            unread: create_signal(0),
        }
    }

    /// Translated text; reading the language signal makes callers re-render on a switch.
    pub fn t(self, key: &str) -> String {
        self.lang.with(|lang| i18n::translate(lang, key, &[]))
    }

    pub fn t_args(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.lang.with(|lang| i18n::translate(lang, key, args))
    }

    /// Something changed locally: screens read the database again.
    pub fn changed(self) {
        self.changes.update(|n| *n = n.wrapping_add(1));
    }

    pub fn open_account(self, id: String) {
        self.account.set(Some(id));
        self.page.set(Page::AccountDetail);
    }

    /// Tracks what should make a screen re-read: a finished sync, a local change.
    pub fn track_reloads(self) {
        self.status.with(|s| {
            let _ = s
                .as_ref()
                .map(|s| (s.last_sync_at.clone(), s.syncing, s.signed_in, s.queued, s.failed));
        });
        self.changes.track();
    }
}

pub fn app_state() -> AppState {
    use_context::<AppState>()
}
