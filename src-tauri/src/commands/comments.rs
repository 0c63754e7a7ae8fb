//! The comments inbox.

use mdesk_core::comments;
use mdesk_ipc::cmd;

use super::{queued, Reply};
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_comments(state: tauri::State<'_, AppState>, args: cmd::ListComments) -> Reply<cmd::ListComments> {
    Ok(comments::list(&state.core()?.store, &args.query)?)
}

#[tauri::command(async)]
pub fn unread_comments(
    state: tauri::State<'_, AppState>,
    args: cmd::CountUnreadComments,
) -> Reply<cmd::CountUnreadComments> {
    let cmd::CountUnreadComments {} = args;
    Ok(comments::unread(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn mark_comments_read(
    state: tauri::State<'_, AppState>,
    args: cmd::MarkCommentsRead,
) -> Reply<cmd::MarkCommentsRead> {
    Ok(comments::mark_read(&state.core()?.store, &args.ids)?)
}

#[tauri::command(async)]
pub fn reply_to_comment(state: tauri::State<'_, AppState>, args: cmd::ReplyToComment) -> Reply<cmd::ReplyToComment> {
    let core = state.core()?;
    queued(
        core,
        comments::reply(
            &core.store,
            core.secrets.as_ref(),
            &args.comment_id,
            &args.text,
            args.accept_warnings,
        ),
    )
}

#[tauri::command(async)]
pub fn like_work(state: tauri::State<'_, AppState>, args: cmd::LikeWork) -> Reply<cmd::LikeWork> {
    let core = state.core()?;
    queued(
        core,
        comments::like_work(&core.store, core.secrets.as_ref(), &args.work_id),
    )
}

#[tauri::command(async)]
pub fn like_comment(state: tauri::State<'_, AppState>, args: cmd::LikeComment) -> Reply<cmd::LikeComment> {
    let core = state.core()?;
    queued(
        core,
        comments::like_comment(&core.store, core.secrets.as_ref(), &args.comment_id, args.like),
    )
}

#[tauri::command(async)]
pub fn comment_on_work(state: tauri::State<'_, AppState>, args: cmd::CommentOnWork) -> Reply<cmd::CommentOnWork> {
    let core = state.core()?;
    queued(
        core,
        comments::comment_on_work(
            &core.store,
            core.secrets.as_ref(),
            &args.work_id,
            &args.text,
            args.accept_warnings,
        ),
    )
}
