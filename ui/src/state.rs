//! App-wide state, provided as context: language, current page, and the sync status.

use fluent_bundle::FluentValue;
use mdesk_ipc::SyncStatus;
use sycamore::prelude::*;

use crate::i18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Accounts,
    Activity,
    Settings,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: Signal<String>,
    pub page: Signal<Page>,
    pub status: Signal<Option<SyncStatus>>,
}

impl AppState {
    pub fn new() -> Self {
        Self {
            lang: create_signal(i18n::DEFAULT_LANGUAGE.to_owned()),
            page: create_signal(Page::Accounts),
            status: create_signal(None),
        }
    }

    /// Translated text; reading the language signal makes callers re-render on a switch.
    pub fn t(self, key: &str) -> String {
        self.lang.with(|lang| i18n::translate(lang, key, &[]))
    }

    pub fn t_args(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.lang.with(|lang| i18n::translate(lang, key, args))
    }
}

pub fn app_state() -> AppState {
    use_context::<AppState>()
}
