//! An error in plain words (translated by code), with the technical detail in small print.

use mdesk_ipc::IpcError;
use sycamore::prelude::*;

use crate::state::app_state;

#[component(inline_props)]
pub fn ErrorNote(error: ReadSignal<Option<IpcError>>) -> View {
    let state = app_state();
    view! {
        (error.get_clone().map(|e| {
            let key = e.message_key();
            let detail = e.message.clone();
            let code = key.clone();
            view! {
                div(class="error-note", role="alert", data-testid="error-note", data-code=code) {
                    div(class="error-text") { (state.t(&key)) }
                    div(class="error-detail") { (state.t_args("error-detail", &[("detail", detail.clone().into())])) }
                }
            }
        }))
    }
}
