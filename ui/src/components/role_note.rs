//! Why the controls of a section are off: the signed-in person's role lacks what they need.
//! Shown beside them; nothing when the role allows it.

use mdesk_ipc::Permission;
use sycamore::prelude::*;

use crate::state::app_state;

#[component(inline_props)]
pub fn RoleNote(permission: Permission) -> View {
    let state = app_state();
    view! {
        (match state.lacks(permission) {
            Some(why) => view! {
                p(class="role-note", data-testid="role-note", data-permission=permission.as_str()) { (why) }
            },
            None => view! {},
        })
    }
}
