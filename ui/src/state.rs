//! App-wide state, provided as context: language, current page, the account or work being
//! looked at, the sync status (and what it says about the local data), the unread notices and
//! comments, and what the Works, Comments and Dashboard screens were showing (kept when a work
//! is opened).

use fluent_bundle::FluentValue;
use mdesk_ipc::cmd::{self, Command};
use mdesk_ipc::{
    CommentsQuery, DashboardQuery, ExportProgress, IpcError, KeychainState, PlatformKind, PublishDraft, SyncProgress,
    SyncStatus, UpdateProgress, WorksQuery,
};
use sycamore::futures::{spawn_local, spawn_local_scoped};
use sycamore::prelude::*;

use crate::{i18n, ipc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Accounts,
    /// The account in [`AppState::account`].
    AccountDetail,
    Invitations,
    Activity,
    Notices,
    Settings,
    Works,
    /// The work in [`AppState::work`], opened from [`AppState::work_from`].
    WorkDetail,
    Dashboard,
    /// The comments inbox.
    Comments,
    /// The composer (发布作品).
    Publish,
    /// The product, its version and third-party licences, opened from Settings.
    About,
    /// Submissions for four-eyes approval (审核).
    Reviews,
    /// The material library (素材库).
    Materials,
    /// The accounts that need attention (账号健康).
    Health,
}

/// The parts of the sync status that change when the local database may have: a sync round
/// (each landed page moves the progress), a sign-in or sign-out, the outbox counts. Screens
/// read again when it changes, and not for what only the status line shows (online, errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataVersion {
    pub platform: PlatformKind,
    pub platform_url: Option<String>,
    pub signed_in: bool,
    pub syncing: bool,
    pub progress: Option<SyncProgress>,
    pub last_sync_at: Option<String>,
    pub queued: u32,
    pub failed: u32,
}

impl DataVersion {
    fn of(s: &SyncStatus) -> Self {
        Self {
            platform: s.platform,
            platform_url: s.platform_url.clone(),
            signed_in: s.signed_in,
            syncing: s.syncing,
            progress: s.progress,
            last_sync_at: s.last_sync_at.clone(),
            queued: s.queued,
            failed: s.failed,
        }
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: Signal<String>,
    pub page: Signal<Page>,
    pub account: Signal<Option<String>>,
    pub status: Signal<Option<SyncStatus>>,
    /// Derived from `status`: a screen's loading effect tracks it.
    pub data: ReadSignal<Option<DataVersion>>,
    /// Notices not read yet; new ones arriving add to it.
    pub unread: Signal<u32>,
    pub work: Signal<Option<String>>,
    /// Where Work detail goes back to.
    pub work_from: Signal<Page>,
    /// The Works screen's query (page included); `None` until the saved view is read.
    pub works: Signal<Option<WorksQuery>>,
    pub dashboard: Signal<DashboardQuery>,
    /// The running export's progress, from the shell's events.
    pub export_progress: Signal<Option<ExportProgress>>,
    /// The update being downloaded: its progress, from the shell's events.
    pub update_progress: Signal<Option<UpdateProgress>>,
    /// The Comments screen's filters, and how many comments it shows (`limit`).
    pub comments: Signal<CommentsQuery>,
    /// Comments not read on this computer yet, for the nav badge.
    pub comments_unread: Signal<u32>,
    /// The latest count asked for: an older answer arriving late is dropped.
    comments_counted: Signal<u32>,
    /// What the Publish screen is composing, kept while other screens are open.
    pub publish_draft: Signal<PublishDraft>,
    /// The saved draft it is, once autosaved.
    pub publish_draft_id: Signal<Option<String>>,
    /// Whether the keychain answered at start-up (or on Retry); `None` until asked.
    pub keychain: Signal<Option<KeychainState>>,
    /// Accounts that need attention, for the nav badge.
    pub health_count: Signal<u32>,
}

impl AppState {
    pub fn new() -> Self {
        let status = create_signal(None::<SyncStatus>);
        Self {
            lang: create_signal(i18n::DEFAULT_LANGUAGE.to_owned()),
            page: create_signal(Page::Accounts),
            account: create_signal(None),
            status,
            data: create_selector(move || status.with(|s| s.as_ref().map(DataVersion::of))),
            unread: create_signal(0),
            work: create_signal(None),
            work_from: create_signal(Page::Works),
            works: create_signal(None),
            dashboard: create_signal(DashboardQuery::default()),
            export_progress: create_signal(None),
            update_progress: create_signal(None),
            comments: create_signal(CommentsQuery::default()),
            comments_unread: create_signal(0),
            comments_counted: create_signal(0),
            publish_draft: create_signal(PublishDraft::default()),
            publish_draft_id: create_signal(None),
            keychain: create_signal(None),
            health_count: create_signal(0),
        }
    }

    /// Translated text; reading the language signal makes callers re-render on a switch.
    pub fn t(self, key: &str) -> String {
        self.lang.with(|lang| i18n::translate(lang, key, &[]))
    }

    pub fn t_args(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.lang.with(|lang| i18n::translate(lang, key, args))
    }

    pub fn open_account(self, id: String) {
        self.account.set(Some(id));
        self.page.set(Page::AccountDetail);
    }

    /// The Works screen, showing one account's works.
    pub fn open_works_of(self, account_id: String) {
        self.works.update(|q| {
            let mut next = q.clone().unwrap_or_default();
            next.account_id = Some(account_id);
            next.offset = 0;
            *q = Some(next);
        });
        self.page.set(Page::Works);
    }

    /// The composer with a fresh draft: these files, or this account chosen.
    pub fn compose(self, draft: PublishDraft) {
        self.publish_draft_id.set(None);
        self.publish_draft.set(draft);
        self.page.set(Page::Publish);
    }

    pub fn open_work(self, id: String) {
        let from = self.page.get_untracked();
        if from != Page::WorkDetail {
            self.work_from.set(from);
        }
        self.work.set(Some(id));
        self.page.set(Page::WorkDetail);
    }

    /// Asks again how many comments are unread. Not tied to the screen that asks: the answer
    /// lands in app-wide state even when that screen (or the row) is gone by then.
    pub fn count_unread_comments(self) {
        let ticket = self.comments_counted.get_untracked().wrapping_add(1);
        self.comments_counted.set_silent(ticket);
        let (unread, counted) = (self.comments_unread, self.comments_counted);
        spawn_local(async move {
            if let Ok(n) = ipc::call(&cmd::CountUnreadComments {}).await {
                if counted.get_untracked() == ticket {
                    unread.set(n);
                }
            }
        });
    }

    /// Who is signed in, as the core last said (none before a sign-in).
    pub fn whoami(self) -> Option<mdesk_ipc::Whoami> {
        self.status.with(|s| s.as_ref().and_then(|s| s.whoami.clone()))
    }

    /// Whether the signed-in person's role allows `p`. Before anyone signs in there is no
    /// role to go by: the controls stay on and the queue waits for a sign-in.
    pub fn may(self, p: mdesk_ipc::Permission) -> bool {
        self.status
            .with(|s| s.as_ref().and_then(|s| s.whoami.as_ref()).is_none_or(|w| w.may(p)))
    }

    /// Why a control is off for this person's role (translated), or none when it is on.
    pub fn lacks(self, p: mdesk_ipc::Permission) -> Option<String> {
        if self.may(p) {
            return None;
        }
        let role = self.whoami().map(|w| w.role.as_str()).unwrap_or_default();
        let role = self.t(&format!("role-{role}"));
        let permission = self.t(&format!("permission-{}", p.as_str()));
        Some(self.t_args(
            "role-lacks",
            &[("role", role.into()), ("permission", permission.into())],
        ))
    }

    /// The nav item a page belongs to (a detail belongs to the list it was opened from).
    pub fn section(self) -> Page {
        match self.page.get() {
            Page::AccountDetail => Page::Accounts,
            Page::WorkDetail => self.work_from.get(),
            Page::About => Page::Settings,
            p => p,
        }
    }
}

pub fn app_state() -> AppState {
    use_context::<AppState>()
}

/// A screen's own "read again": bumped after one of its commands succeeds, tracked by the
/// screen's loading effect beside [`AppState::data`].
#[derive(Clone, Copy)]
pub struct Reload(Signal<u32>);

impl Reload {
    pub fn new() -> Self {
        Self(create_signal(0))
    }

    pub fn bump(self) {
        self.0.update(|n| *n = n.wrapping_add(1));
    }

    pub fn track(self) {
        self.0.track();
    }
}

/// Runs a command that changes something: then the screen reads again, or `error` says why not.
pub fn act<C: Command + 'static>(command: C, error: Signal<Option<IpcError>>, reload: Reload) {
    error.set(None);
    spawn_local_scoped(async move {
        match ipc::call(&command).await {
            Ok(_) => reload.bump(),
            Err(e) => error.set(Some(e)),
        }
    });
}
