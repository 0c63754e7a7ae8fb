//! One comment in the inbox: who wrote it and when, what it answers, the work and account it is
//! on, and the states the core computed (unread, answered, reply pending, liked, may act); then
//! what staff can do with it: mark it read, like or unlike it, like the work, reply, or comment
//! on the work — each as the work's account.

use mdesk_ipc::{cmd, InboxComment, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::reply::{Compose, Draft, NoPermission, ReplyBox};
use super::Inbox;
use crate::components::error_note::ErrorNote;
use crate::format::{count, local_minute, local_time};
use crate::ipc;
use crate::state::app_state;
use crate::timer::sleep;

/// How long the like button says the like is queued before it can be pressed again.
const LIKE_QUEUED_MS: i32 = 2500;

/// The row is known by the comment's id and follows that comment in the list: what the comment
/// says is drawn again when it changes, while the reply being typed and the buttons stay.
#[component(inline_props)]
pub fn InboxRow(id: String, inbox: Inbox) -> View {
    let state = app_state();
    let comment = create_selector({
        let id = id.clone();
        move || inbox.comment(&id)
    });
    let flag = move |f: fn(&InboxComment) -> bool| create_selector(move || comment.with(|c| c.as_ref().is_some_and(f)));
    let read = flag(|c| c.read);
    let answered = flag(|c| c.answered);
    let pending = flag(|c| c.reply_pending);
    let from_matrix = flag(|c| c.from_matrix);
    let can_reply = flag(|c| c.can_reply);
    let liked = flag(|c| c.liked);
    let like_pending = flag(|c| c.like_pending);
    let error = create_signal(None::<IpcError>);
    let draft = Draft::new(Compose::Reply);
    let on_work = Draft::new(Compose::OnWork);
    // One box at a time: opening one closes the other (its text stays for later).
    let open = move |which: Draft, other: Draft| {
        other.open.set(false);
        which.queued.set(false);
        on_work.queued.set(false);
        which.open.set(true);
    };

    let id_mark = id.clone();
    let mark_read = move |_| inbox.mark_read(vec![id_mark.clone()], error);
    let id_attr = id;

    view! {
        li(class=move || if read.get() { "inbox-item" } else { "inbox-item unread" },
            data-testid="inbox-comment", data-id=id_attr,
            data-read=move || read.get().to_string(),
            data-answered=move || answered.get().to_string(),
            data-pending=move || pending.get().to_string(),
            data-matrix=move || from_matrix.get().to_string(),
            data-can-reply=move || can_reply.get().to_string(),
            data-liked=move || liked.get().to_string(),
            data-like-pending=move || like_pending.get().to_string()) {
            (comment.get_clone().map(body))
            div(class="inbox-actions") {
                (if read.get() { view! {} } else {
                    let mark_read = mark_read.clone();
                    view! {
                        button(class="secondary", data-testid="inbox-mark-read", on:click=mark_read) { (state.t("comments-mark-read")) }
                    }
                })
                LikeCommentButton(comment=comment, allowed=can_reply, error=error, inbox=inbox)
                LikeButton(comment=comment, allowed=can_reply, error=error)
                (if can_reply.get() && !from_matrix.get() && !draft.open.get() {
                    // The merchant's own answers are not answered again.
                    view! {
                        button(class="secondary", data-testid="inbox-reply", disabled=move || !state.may(mdesk_ipc::Permission::Interact), title=move || state.lacks(mdesk_ipc::Permission::Interact).unwrap_or_default(), on:click=move |_| open(draft, on_work)) {
                            (state.t("comments-reply"))
                        }
                    }
                } else { view! {} })
                (if can_reply.get() && !on_work.open.get() {
                    view! {
                        button(class="secondary", data-testid="inbox-comment-work", disabled=move || !state.may(mdesk_ipc::Permission::Interact), title=move || state.lacks(mdesk_ipc::Permission::Interact).unwrap_or_default(), title=state.t("comments-work-comment-hint"),
                            on:click=move |_| open(on_work, draft)) {
                            (state.t("comments-work-comment"))
                        }
                    }
                } else { view! {} })
                (if on_work.queued.get() {
                    view! {
                        span(class="badge reply-pending", data-testid="inbox-work-comment-queued", title=state.t("comments-reply-pending-hint")) {
                            (state.t("comments-work-comment-queued"))
                        }
                    }
                } else { view! {} })
                (if can_reply.get() { view! {} } else {
                    view! { NoPermission(comment=comment, inbox=inbox) }
                })
            }
            ErrorNote(error=*error)
            (if draft.open.get() && can_reply.get() && !from_matrix.get() {
                view! { ReplyBox(comment=comment, draft=draft, error=error, inbox=inbox) }
            } else { view! {} })
            (if on_work.open.get() && can_reply.get() {
                view! { ReplyBox(comment=comment, draft=on_work, error=error, inbox=inbox) }
            } else { view! {} })
        }
    }
}

/// What the comment says: author, time, likes, states, the comment it answers, its text, and
/// the work and account it is on.
fn body(c: InboxComment) -> View {
    let state = app_state();
    let lang = state.lang.get_clone();
    let when = local_minute(&c.created_at, &lang);
    let when_full = local_time(&c.created_at, &lang);
    let author = c.author_name;
    let text = c.text;
    let matrix = if c.from_matrix {
        view! { span(class="badge matrix", data-testid="inbox-matrix") { (state.t("comment-matrix")) } }
    } else {
        view! {}
    };
    let parent = if c.parent_id.is_some() {
        let quoted = c.parent_text.unwrap_or_else(|| state.t("comments-parent-missing"));
        view! {
            blockquote(class="inbox-parent", data-testid="inbox-parent") {
                span(class="muted") { (state.t("comments-in-reply-to")) } " " (quoted)
            }
        }
    } else {
        view! {}
    };
    let mut badges = Vec::new();
    if !c.read {
        badges.push(
            view! { span(class="badge unread", data-testid="inbox-unread-badge") { (state.t("comments-unread")) } },
        );
    }
    if c.answered {
        badges.push(
            view! { span(class="badge answered", data-testid="inbox-answered") { (state.t("comments-answered")) } },
        );
    }
    if c.reply_pending {
        badges.push(view! {
            span(class="badge reply-pending", data-testid="inbox-pending", title=state.t("comments-reply-pending-hint")) {
                (state.t("comments-reply-pending"))
            }
        });
    }
    let work_id = c.work_id;
    let work_title = c.work_title;
    let open_work = move |_| state.open_work(work_id.clone());
    let nickname = c.nickname;
    let tag = state.t(&format!("tag-{}", c.tag.as_str()));
    view! {
        div(class="inbox-head") {
            strong(class="inbox-author", data-testid="inbox-author") { (author) }
            (matrix)
            span(class="muted small", data-testid="inbox-time", title=when_full) { (when) }
            span(class="inbox-badges") { (badges) }
        }
        (parent)
        p(class="comment-text", data-testid="inbox-text") { (text) }
        div(class="inbox-meta small") {
            span(class="muted") { (state.t("comments-work")) }
            button(class="link", data-testid="inbox-work", on:click=open_work) { (work_title) }
            span(class="muted") { "·" }
            span(data-testid="inbox-account") { (nickname) }
            span(class="badge", data-testid="inbox-account-tag") { (tag) }
        }
    }
}

/// Likes the comment as the work's account, or takes the like back: a heart that is full when
/// that account likes it (or will, once a queued like arrives), with the count; a mark says
/// while the change is on its way. It needs the interact permission, as a reply does.
#[component(inline_props)]
fn LikeCommentButton(
    comment: ReadSignal<Option<InboxComment>>,
    allowed: ReadSignal<bool>,
    error: Signal<Option<IpcError>>,
    inbox: Inbox,
) -> View {
    let state = app_state();
    let liked = create_selector(move || comment.with(|c| c.as_ref().is_some_and(|c| c.liked)));
    let pending = create_selector(move || comment.with(|c| c.as_ref().is_some_and(|c| c.like_pending)));
    let likes = create_selector(move || comment.with(|c| c.as_ref().map_or(0, |c| c.like_count)));
    let sending = create_signal(false);
    let toggle = move |_| {
        let Some(comment_id) = comment.with_untracked(|c| c.as_ref().map(|c| c.id.clone())) else {
            return;
        };
        let like = !liked.get_untracked();
        error.set(None);
        sending.set(true);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::LikeComment { comment_id, like }).await {
                Ok(_) => inbox.reload.bump(),
                Err(e) => error.set(Some(e)),
            }
            sending.set(false);
        });
    };
    let hint = move || {
        if !allowed.get() {
            state.t("comments-like-needs-permission")
        } else if liked.get() {
            state.t("comments-unlike-comment")
        } else {
            state.t("comments-like-comment")
        }
    };
    view! {
        button(class=move || if liked.get() { "secondary liked" } else { "secondary" },
            data-testid="inbox-like-comment", data-liked=move || liked.get().to_string(),
            data-pending=move || pending.get().to_string(), aria-pressed=move || liked.get().to_string(),
            title=hint, aria-label=hint, disabled=move || !allowed.get() || sending.get() || !state.may(mdesk_ipc::Permission::Interact), on:click=toggle) {
            span(aria-hidden="true", style=move || if liked.get() { "color: #e11d48;" } else { "" }) {
                (if liked.get() { "♥" } else { "♡" })
            }
            " "
            span(data-testid="inbox-likes", data-count=move || likes.get().to_string()) { (count(likes.get())) }
        }
        (if pending.get() {
            let key = if liked.get() { "comments-like-pending" } else { "comments-unlike-pending" };
            view! {
                span(class="badge reply-pending", data-testid="inbox-like-pending", title=state.t("comments-like-pending-hint")) {
                    (state.t(key))
                }
            }
        } else { view! {} })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Like {
    Ready,
    Sending,
    /// Queued a moment ago: the button says so, then is ready again.
    Queued,
}

impl Like {
    fn as_str(self) -> &'static str {
        match self {
            Like::Ready => "ready",
            Like::Sending => "sending",
            Like::Queued => "queued",
        }
    }
}

/// Likes the work the comment is on, as that work's account. It needs the same permission as a
/// reply, which the core has already judged.
#[component(inline_props)]
fn LikeButton(
    comment: ReadSignal<Option<InboxComment>>,
    allowed: ReadSignal<bool>,
    error: Signal<Option<IpcError>>,
) -> View {
    let state = app_state();
    let phase = create_signal(Like::Ready);
    let like = move |_| {
        let Some(work_id) = comment.with_untracked(|c| c.as_ref().map(|c| c.work_id.clone())) else {
            return;
        };
        error.set(None);
        phase.set(Like::Sending);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::LikeWork { work_id }).await {
                Ok(_) => {
                    phase.set(Like::Queued);
                    sleep(LIKE_QUEUED_MS).await;
                    phase.set(Like::Ready);
                }
                Err(e) => {
                    phase.set(Like::Ready);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        button(class=move || if phase.get() == Like::Queued { "secondary liked" } else { "secondary" },
            data-testid="inbox-like-work", data-state=move || phase.get().as_str(),
            title=move || if allowed.get() { String::new() } else { state.t("comments-like-needs-permission") },
            disabled=move || !allowed.get() || phase.get() != Like::Ready || !state.may(mdesk_ipc::Permission::Interact), on:click=like) {
            (match phase.get() {
                Like::Queued => state.t("comments-like-queued"),
                _ => state.t("comments-like-work"),
            })
        }
    }
}
