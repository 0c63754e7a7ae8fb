//! The work's comments, newest first, each with its replies indented beneath it; replies
//! from the merchant's own matrix accounts are marked.

use mdesk_ipc::CommentView;
use sycamore::prelude::*;

use crate::format::{count, local_time};
use crate::state::app_state;

#[component(inline_props)]
pub fn CommentsCard(comments: ReadSignal<Vec<CommentView>>) -> View {
    let state = app_state();
    view! {
        div(class="card", data-testid="work-comments") {
            h2 { (state.t("work-comments")) }
            (if comments.with(Vec::is_empty) {
                view! { p(class="muted small", data-testid="work-comments-empty") { (state.t("work-comments-empty")) } }
            } else {
                let items = comments.get_clone().into_iter().map(comment).collect::<Vec<_>>();
                view! { ul(class="comments") { (items) } }
            })
        }
    }
}

fn comment(c: CommentView) -> View {
    let state = app_state();
    let lang = state.lang.get_clone();
    let when = local_time(&c.created_at, &lang);
    let likes = state.t_args(
        "comment-likes",
        &[("count", c.like_count.into()), ("shown", count(c.like_count).into())],
    );
    let replies = c.replies.into_iter().map(comment).collect::<Vec<_>>();
    let replies = if replies.is_empty() {
        view! {}
    } else {
        view! { ul(class="comments replies", data-testid="comment-replies") { (replies) } }
    };
    view! {
        li(class="comment", data-testid="comment", data-id=c.id.clone(), data-matrix=c.from_matrix.to_string()) {
            div(class="comment-head") {
                strong(data-testid="comment-author") { (c.author_name.clone()) }
                (if c.from_matrix {
                    view! { span(class="badge matrix", data-testid="comment-matrix") { (state.t("comment-matrix")) } }
                } else { view! {} })
                span(class="muted small") { (when) }
                span(class="muted small", data-testid="comment-likes") { (likes) }
            }
            p(class="comment-text", data-testid="comment-text") { (c.text.clone()) }
            (replies)
        }
    }
}
