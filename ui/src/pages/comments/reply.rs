//! Answering a fan's comment, or commenting on the work it is on, as the account whose work it
//! is: an inline box counting against the platform's limit, or, when that account may not be
//! acted for (no interact permission), a sentence saying so and the way to its detail page,
//! where the permission is requested.

use mdesk_ipc::{cmd, CheckedField, CheckedText, InboxComment, IpcError};
use mdesk_platform_api::rules::MAX_COMMENT_CHARS;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;
use wasm_bindgen::JsCast;

use super::Inbox;
use crate::components::content_check::{live_check, AcceptWarnings, ContentMarks};
use crate::ipc;
use crate::state::app_state;

/// What a box writes: a reply to the comment, or a comment of its own on the comment's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compose {
    Reply,
    OnWork,
}

impl Compose {
    /// The prefix of the box's test ids (`inbox-reply-text`, `inbox-work-comment-send`, …).
    fn testid(self, part: &str) -> String {
        match self {
            Compose::Reply => format!("inbox-reply-{part}"),
            Compose::OnWork => format!("inbox-work-comment-{part}"),
        }
    }
}

/// A reply (or a comment on the work) being written from one comment's row. It belongs to the
/// row, so the text outlives the box being drawn again; and it is sent from the row's scope,
/// so closing the box after a send does not cancel what the send does next.
#[derive(Clone, Copy)]
pub struct Draft {
    pub mode: Compose,
    pub text: Signal<String>,
    pub open: Signal<bool>,
    /// A comment on the work was queued a moment ago (the row says so until it is read again).
    pub queued: Signal<bool>,
    /// The content check's warnings were accepted (the tick under the box).
    pub accept_warnings: Signal<bool>,
    sending: Signal<bool>,
    scope: NodeHandle,
}

impl Draft {
    pub fn new(mode: Compose) -> Self {
        Self {
            mode,
            text: create_signal(String::new()),
            open: create_signal(false),
            queued: create_signal(false),
            accept_warnings: create_signal(false),
            sending: create_signal(false),
            scope: use_current_scope(),
        }
    }

    /// Queues the reply, or the comment on the work. Then the box closes and the list is read
    /// again; a reply also counts the comment as read (it was answered) and shows pending
    /// until sync applies it. If the core refuses, `error` says why and the text stays for
    /// another try.
    fn send(self, comment: InboxComment, error: Signal<Option<IpcError>>, inbox: Inbox) {
        if self.sending.get_untracked() {
            return;
        }
        let state = app_state();
        let text = self.text.get_clone_untracked();
        let accept_warnings = self.accept_warnings.get_untracked();
        error.set(None);
        self.sending.set(true);
        self.scope.run_in(move || {
            spawn_local_scoped(async move {
                let sent = match self.mode {
                    Compose::Reply => ipc::call(&cmd::ReplyToComment {
                        comment_id: comment.id.clone(),
                        text,
                        accept_warnings,
                    })
                    .await
                    .map(|_| ()),
                    Compose::OnWork => ipc::call(&cmd::CommentOnWork {
                        work_id: comment.work_id.clone(),
                        text,
                        accept_warnings,
                    })
                    .await
                    .map(|_| ()),
                };
                match sent {
                    Ok(()) => {
                        let ids = vec![comment.id];
                        let read = self.mode == Compose::Reply
                            && ipc::call(&cmd::MarkCommentsRead { ids: ids.clone() }).await.is_ok();
                        self.sending.set(false);
                        self.text.set(String::new());
                        self.accept_warnings.set(false);
                        self.open.set(false);
                        self.queued.set(self.mode == Compose::OnWork);
                        if read {
                            inbox.show_read(&ids);
                            state.count_unread_comments();
                        }
                        inbox.reload.bump();
                    }
                    Err(e) => {
                        self.sending.set(false);
                        error.set(Some(e));
                    }
                }
            });
        });
    }
}

#[component(inline_props)]
pub fn ReplyBox(
    comment: ReadSignal<Option<InboxComment>>,
    draft: Draft,
    error: Signal<Option<IpcError>>,
    inbox: Inbox,
) -> View {
    let state = app_state();
    let mode = draft.mode;
    let text = draft.text;
    let sending = draft.sending;
    // Counted as the platform counts: characters, not bytes, without surrounding blanks.
    let used = create_selector(move || text.with(|t| t.trim().chars().count()));
    let over = create_selector(move || used.get() > MAX_COMMENT_CHARS);
    let account = create_selector(move || comment.with(|c| c.as_ref().map(|c| c.nickname.clone()).unwrap_or_default()));
    let work = create_selector(move || comment.with(|c| c.as_ref().map(|c| c.work_title.clone()).unwrap_or_default()));
    // The content check as it is typed, as the account that will speak.
    let checked = live_check(
        move || CheckedText::comment(&text.get_clone()),
        move || comment.with(|c| c.as_ref().map(|c| vec![c.account_id.clone()]).unwrap_or_default()),
    );
    let (placeholder_key, as_key, label_key) = match mode {
        Compose::Reply => ("comments-reply-placeholder", "comments-reply-as", "comments-reply"),
        Compose::OnWork => (
            "comments-work-comment-placeholder",
            "comments-work-comment-as",
            "comments-work-comment",
        ),
    };

    let node = create_node_ref();
    on_mount(move || {
        if let Some(field) = node.try_get().and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = field.focus();
        }
    });
    let send = move |_| {
        if let Some(c) = comment.get_clone_untracked() {
            draft.send(c, error, inbox);
        }
    };
    let cancel = move |_| {
        error.set(None);
        text.set(String::new());
        draft.open.set(false);
    };

    let args = move || {
        [
            ("account", account.get_clone().into()),
            ("work", work.get_clone().into()),
        ]
    };
    view! {
        div(class="reply-box", data-testid=mode.testid("box")) {
            textarea(r#ref=node, class="reply-text", data-testid=mode.testid("text"), bind:value=text,
                disabled=move || sending.get(),
                placeholder=move || state.t_args(placeholder_key, &args()),
                aria-label=move || state.t(label_key))
            ContentMarks(checked=*checked, field=CheckedField::Comment)
            AcceptWarnings(checked=*checked, accepted=draft.accept_warnings)
            div(class="reply-bar") {
                span(class=move || if over.get() { "reply-count small over" } else { "reply-count small muted" },
                    data-testid=mode.testid("count"), data-count=move || used.get().to_string(),
                    data-max=MAX_COMMENT_CHARS.to_string(), data-over=move || over.get().to_string()) {
                    (state.t_args("comments-reply-count", &[("count", used.get().into()), ("max", MAX_COMMENT_CHARS.into())]))
                }
                span(class="muted small") {
                    (state.t_args(as_key, &args()))
                }
                span(class="spacer")
                button(class="secondary", data-testid=mode.testid("cancel"), on:click=cancel) { (state.t("comments-cancel")) }
                button(class="primary", data-testid=mode.testid("send"),
                    disabled=move || sending.get() || !state.may(mdesk_ipc::Permission::Interact), on:click=send) {
                    (if sending.get() { state.t("comments-sending") } else { state.t("comments-send") })
                }
            }
        }
    }
}

/// In place of the reply box when the work's account may not be acted for: says so, shows
/// where its interact permission stands, and opens the account, where it is requested.
#[component(inline_props)]
pub fn NoPermission(comment: ReadSignal<Option<InboxComment>>, inbox: Inbox) -> View {
    let state = app_state();
    let account = create_selector(move || {
        comment.with(|c| {
            c.as_ref()
                .map(|c| (c.account_id.clone(), c.nickname.clone()))
                .unwrap_or_default()
        })
    });
    let grant = create_selector(move || account.with(|(id, _)| inbox.interact(id)));
    let open = move |_| {
        let id = account.with_untracked(|(id, _)| id.clone());
        if !id.is_empty() {
            state.open_account(id);
        }
    };
    view! {
        div(class="no-permission small", data-testid="inbox-no-permission") {
            span { (state.t_args("comments-no-permission", &[("account", account.with(|(_, name)| name.clone()).into())])) }
            (grant.get().map(|g| view! {
                span(class=format!("badge grant-{}", g.as_str()), data-testid="inbox-interact-state", data-state=g.as_str()) {
                    (state.t_args("comments-interact-state", &[("state", state.t(&format!("grant-{}", g.as_str())).into())]))
                }
            }))
            button(class="link", data-testid="inbox-request-permission", on:click=open) { (state.t("comments-request-permission")) }
        }
    }
}
