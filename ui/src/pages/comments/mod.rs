//! Comments (评论): every comment on every matrix account's works, newest first, read from the
//! local database 50 at a time; filter them, mark them read, and reply or like as the account
//! whose work it is. The filter bar, one comment and its reply box each have their own file.

mod filters;
mod reply;
mod row;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use mdesk_ipc::{cmd, AccountFilter, AccountRow, CommentsQuery, GrantState, InboxComment, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use self::filters::InboxFilters;
use self::row::InboxRow;
use crate::components::error_note::ErrorNote;
use crate::components::sign_in::SignInForm;
use crate::format::count;
use crate::ipc;
use crate::state::{app_state, Reload};

/// Comments added by "load more": the screen never reads the whole inbox.
pub const PAGE_SIZE: u32 = 50;
/// Reading again what is shown goes in reads of at most this many, well under the core's cap
/// on one page.
const READ_CHUNK: u32 = 200;

/// Changes the filters; the list starts again with its first 50.
fn edit(query: Signal<CommentsQuery>, f: impl FnOnce(&mut CommentsQuery)) {
    query.update(|q| {
        f(q);
        q.offset = 0;
        q.limit = PAGE_SIZE;
    });
}

/// Whether any filter narrows the list.
fn filtering(q: &CommentsQuery) -> bool {
    q.account_id.is_some() || q.work_id.is_some() || q.unanswered || q.unread
}

/// The first `q.limit` comments the filters let through, and whether there are more. A comment
/// arriving between two reads would push one already read into the next: it is shown once.
async fn read(q: CommentsQuery) -> Result<(Vec<InboxComment>, bool), IpcError> {
    let wanted = q.limit.max(PAGE_SIZE);
    // One more than shown says whether "load more" has anything to add.
    let target = wanted + 1;
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    let mut offset = 0;
    while offset < target {
        let limit = (target - offset).min(READ_CHUNK);
        let page = ipc::call(&cmd::ListComments {
            query: CommentsQuery {
                offset,
                limit,
                ..q.clone()
            },
        })
        .await?;
        let full = page.len() as u32 == limit;
        rows.extend(page.into_iter().filter(|c| seen.insert(c.id.clone())));
        if !full {
            break;
        }
        offset += limit;
    }
    let more = rows.len() > wanted as usize;
    rows.truncate(wanted as usize);
    Ok((rows, more))
}

/// What a comment row needs from the screen: the comments shown (each row follows its own),
/// the accounts' interact permission, and the screen's "read again".
#[derive(Clone, Copy)]
pub struct Inbox {
    rows: Signal<Option<Vec<InboxComment>>>,
    index: ReadSignal<HashMap<String, InboxComment>>,
    interact: ReadSignal<HashMap<String, GrantState>>,
    pub reload: Reload,
}

impl Inbox {
    /// The comment `id` as shown now; `None` once it has left the list.
    pub fn comment(self, id: &str) -> Option<InboxComment> {
        self.index.with(|m| m.get(id).cloned())
    }

    /// An account's interact permission, as the Accounts screen shows it.
    pub fn interact(self, account_id: &str) -> Option<GrantState> {
        self.interact.with(|m| m.get(account_id).copied())
    }

    /// Shows these comments (every one, for none) read where they are. With "only unread" on
    /// they stay in the list until it is read again, so nothing moves under the pointer.
    pub fn show_read(self, ids: &[String]) {
        self.rows.update(|rows| {
            for c in rows.iter_mut().flatten() {
                if ids.is_empty() || ids.contains(&c.id) {
                    c.read = true;
                }
            }
        });
    }

    /// Marks these comments read (every one, for none), then shows them so and counts the
    /// unread again; `error` says why not.
    pub fn mark_read(self, ids: Vec<String>, error: Signal<Option<IpcError>>) {
        let state = app_state();
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::MarkCommentsRead { ids: ids.clone() }).await {
                Ok(()) => {
                    self.show_read(&ids);
                    state.count_unread_comments();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    }
}

/// `fresh` as read, keeping what this screen already shows read: a read that started before a
/// comment was marked must not show it unread again (reading state only ever goes one way).
fn keep_read(mut fresh: Vec<InboxComment>, shown: Option<&Vec<InboxComment>>) -> Vec<InboxComment> {
    let read: HashSet<&str> = shown
        .into_iter()
        .flatten()
        .filter(|c| c.read)
        .map(|c| c.id.as_str())
        .collect();
    for c in &mut fresh {
        c.read |= read.contains(c.id.as_str());
    }
    fresh
}

#[component]
pub fn CommentsPage() -> View {
    let state = app_state();
    let query = state.comments;
    let rows = create_signal(None::<Vec<InboxComment>>);
    let more = create_signal(false);
    let error = create_signal(None::<IpcError>);
    let accounts = create_signal(Vec::<AccountRow>::new());
    let reload = Reload::new();

    // The comments shown, read again when the filters change, more are asked for, sync brings
    // data or a reply was queued here; an answer to an older question is dropped.
    let asked = Rc::new(Cell::new(0u32));
    create_effect(move || {
        state.data.track();
        reload.track();
        let q = query.get_clone();
        let ticket = asked.get().wrapping_add(1);
        asked.set(ticket);
        let asked = asked.clone();
        spawn_local_scoped(async move {
            let result = read(q).await;
            if asked.get() != ticket {
                return;
            }
            match result {
                Ok((fresh, has_more)) => {
                    let fresh = rows.with_untracked(|shown| keep_read(fresh, shown.as_ref()));
                    if rows.with_untracked(|shown| shown.as_ref() != Some(&fresh)) {
                        rows.set(Some(fresh));
                    }
                    more.set(has_more);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    // The account filter's choices, and each account's interact permission (for a comment
    // that cannot be answered yet).
    create_effect(move || {
        state.data.track();
        spawn_local_scoped(async move {
            if let Ok(list) = ipc::call(&cmd::ListAccounts {
                filter: AccountFilter::default(),
            })
            .await
            {
                if accounts.with_untracked(|cur| *cur != list) {
                    accounts.set(list);
                }
            }
        });
    });

    let index = create_memo(move || {
        rows.with(|r| {
            r.iter()
                .flatten()
                .map(|c| (c.id.clone(), c.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    let interact =
        create_memo(move || accounts.with(|a| a.iter().map(|a| (a.id.clone(), a.interact)).collect::<HashMap<_, _>>()));
    let inbox = Inbox {
        rows,
        index,
        interact,
        reload,
    };

    let needs_sign_in = create_selector(move || {
        state.status.with(|s| {
            s.as_ref()
                .is_some_and(|s| !s.signed_in && s.platform == mdesk_ipc::PlatformKind::Remote)
        })
    });
    let offline = create_selector(move || state.status.with(|s| s.as_ref().and_then(|s| s.online) == Some(false)));
    let unread = state.comments_unread;
    let marking = create_signal(false);
    let mark_all = move |_| {
        marking.set(true);
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::MarkCommentsRead { ids: Vec::new() }).await {
                Ok(()) => {
                    inbox.show_read(&[]);
                    state.count_unread_comments();
                }
                Err(e) => error.set(Some(e)),
            }
            marking.set(false);
        });
    };

    view! {
        section(class="page", data-testid="comments-screen") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("comments-title")) }
                    div(class="muted", data-testid="inbox-unread-total", data-count=move || unread.get().to_string()) {
                        (match unread.get() {
                            0 => state.t("comments-none-unread"),
                            n => state.t_args("comments-unread-total", &[("count", n.into()), ("shown", count(i64::from(n)).into())]),
                        })
                    }
                }
                button(class="secondary", data-testid="inbox-mark-all-read", title=move || state.t("comments-mark-all-read-hint"),
                    disabled=move || marking.get() || unread.get() == 0, on:click=mark_all) {
                    (state.t("comments-mark-all-read"))
                }
            }
            p(class="muted intro") { (state.t("comments-intro")) }
            ErrorNote(error=*error)
            crate::components::role_note::RoleNote(permission=mdesk_ipc::Permission::Interact)
            (if offline.get() {
                view! { p(class="offline-note", data-testid="inbox-offline") { (state.t("comments-offline")) } }
            } else { view! {} })
            (if needs_sign_in.get() {
                view! { SignInForm {} }
            } else {
                view! { InboxBody(query=query, inbox=inbox, more=*more, accounts=*accounts) }
            })
        }
    }
}

#[component(inline_props)]
fn InboxBody(
    query: Signal<CommentsQuery>,
    inbox: Inbox,
    more: ReadSignal<bool>,
    accounts: ReadSignal<Vec<AccountRow>>,
) -> View {
    let state = app_state();
    let rows = inbox.rows;
    // Rows are known by id alone and each follows its own comment, so a reply being typed
    // (and its focus) survives the comment changing under it.
    let ids = create_selector(move || rows.with(|r| r.iter().flatten().map(|c| c.id.clone()).collect::<Vec<_>>()));
    let loaded = create_selector(move || rows.with(Option::is_some));
    let shown = create_selector(move || ids.with(Vec::len));
    let filtered = create_selector(move || query.with(filtering));
    let load_more = move |_| {
        query.update(|q| q.limit = q.limit.max(PAGE_SIZE) + PAGE_SIZE);
    };

    view! {
        InboxFilters(query=query, accounts=accounts, filtering=filtered)
        ul(class="inbox", data-testid="inbox-list") {
            Keyed(list=ids, key=|id: &String| id.clone(), view=move |id: String| view! { InboxRow(id=id, inbox=inbox) })
        }
        (if !loaded.get() {
            view! { p(class="empty muted") { (state.t("accounts-loading")) } }
        } else if shown.get() == 0 {
            let key = if filtered.get() { "comments-empty-filtered" } else { "comments-empty" };
            view! { p(class="empty muted", data-testid="inbox-empty", data-filtered=filtered.get().to_string()) { (state.t(key)) } }
        } else {
            view! {}
        })
        (if shown.get() > 0 {
            view! {
                div(class="inbox-more") {
                    span(class="muted small", data-testid="inbox-shown", data-count=move || shown.get().to_string()) {
                        (state.t_args("comments-shown", &[("count", shown.get().into()), ("shown", count(shown.get() as i64).into())]))
                    }
                    (if more.get() {
                        view! {
                            button(class="secondary", data-testid="inbox-more", on:click=load_more) {
                                (state.t("comments-more"))
                            }
                        }
                    } else { view! {} })
                }
            }
        } else { view! {} })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, read: bool) -> InboxComment {
        InboxComment {
            id: id.into(),
            work_id: "w1".into(),
            work_title: "春季新品".into(),
            account_id: "a1".into(),
            nickname: "门店甲".into(),
            tag: mdesk_ipc::Tag::Store,
            parent_id: None,
            parent_text: None,
            author_name: "粉丝".into(),
            from_matrix: false,
            text: "好看".into(),
            like_count: 0,
            liked: false,
            like_pending: false,
            created_at: "2026-11-28T10:00:00Z".into(),
            read,
            answered: false,
            reply_pending: false,
            can_reply: true,
        }
    }

    #[test]
    fn a_comment_marked_read_here_stays_read_when_an_older_read_lands() {
        // The read that was under way when staff marked it carries the old flag; showing the
        // comment unread again would undo their click.
        let shown = vec![comment("c1", true), comment("c2", false)];
        let fresh = keep_read(
            vec![comment("c1", false), comment("c2", false), comment("c3", false)],
            Some(&shown),
        );
        let flags: Vec<bool> = fresh.iter().map(|c| c.read).collect();
        assert_eq!(flags, vec![true, false, false]);
        assert!(
            keep_read(vec![comment("c1", true)], None)[0].read,
            "read from the core stays read"
        );
    }

    #[test]
    fn any_filter_counts_as_filtering() {
        // The empty state tells "no comments at all" from "none match": only filters decide.
        assert!(!filtering(&CommentsQuery::default()));
        assert!(!filtering(&CommentsQuery {
            limit: 150,
            ..CommentsQuery::default()
        }));
        assert!(filtering(&CommentsQuery {
            unread: true,
            ..CommentsQuery::default()
        }));
        assert!(filtering(&CommentsQuery {
            account_id: Some("a1".into()),
            ..CommentsQuery::default()
        }));
    }
}
