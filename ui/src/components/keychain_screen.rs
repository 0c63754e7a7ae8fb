//! No keychain: said plainly, with Retry, and the file store only as an explicit choice with
//! its warning. Shown in place of the screens until the keychain answers or the choice is made.

use mdesk_ipc::{cmd, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::state::app_state;

#[component]
pub fn KeychainScreen() -> View {
    let state = app_state();
    let keychain = state.keychain;
    let error = create_signal(None::<IpcError>);
    let asking = create_signal(false);
    let still = create_signal(false);
    let understood = create_signal(false);

    let retry = move |_| {
        asking.set(true);
        spawn_local_scoped(async move {
            // The keychain's answer goes last: when it answers, this screen (and its signals)
            // goes with it.
            match ipc::call(&cmd::GetKeychainState { retry: true }).await {
                Ok(k) => {
                    asking.set(false);
                    still.set(k.must_ask());
                    keychain.set(Some(k));
                }
                Err(e) => {
                    asking.set(false);
                    error.set(Some(e));
                }
            }
        });
    };
    let use_file = move |_| {
        spawn_local_scoped(async move {
            match ipc::call(&cmd::UseFileSecretStore {}).await {
                Ok(k) => keychain.set(Some(k)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let detail = move || keychain.with(|k| k.as_ref().and_then(|k| k.detail.clone()));
    let path = move || keychain.with(|k| k.as_ref().map(|k| k.file_path.clone()).unwrap_or_default());

    view! {
        div(class="page keychain-screen", data-testid="keychain-screen") {
            h1(data-testid="page-title") { (state.t("keychain-title")) }
            div(class="card notice") {
                p { (state.t("keychain-body")) }
                p { strong { (state.t("keychain-how")) } }
                (detail().map(|d| view! {
                    p(class="muted small", data-testid="keychain-detail") { (state.t_args("keychain-detail", &[("detail", d.clone().into())])) }
                }))
                (if still.get() {
                    view! { p(class="error-text", data-testid="keychain-still") { (state.t("keychain-still")) } }
                } else {
                    view! {}
                })
                ErrorNote(error=*error)
                div(class="actions") {
                    button(class="primary", data-testid="keychain-retry", disabled=move || asking.get(), on:click=retry) {
                        (state.t("keychain-retry"))
                    }
                }
            }
            div(class="card") {
                h2 { (state.t("keychain-file-title")) }
                p(class="muted", data-testid="keychain-file-warning") {
                    (state.t_args("keychain-file-warning", &[("path", path().into())]))
                }
                label(class="check") {
                    input(r#type="checkbox", data-testid="keychain-file-understood", bind:checked=understood)
                    span { (state.t("keychain-file-confirm")) }
                }
                div(class="actions") {
                    button(class="secondary", data-testid="keychain-use-file", disabled=move || !understood.get(), on:click=use_file) {
                        (state.t("keychain-file-title"))
                    }
                }
            }
        }
    }
}
