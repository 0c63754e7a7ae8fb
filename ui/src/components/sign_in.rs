//! Sign-in to a platform endpoint with the merchant main account.

use mdesk_ipc::{cmd, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::state::app_state;

/// Prefilled with the configured endpoint and the last username, from Settings.
#[component]
pub fn SignInForm() -> View {
    let state = app_state();
    let url = create_signal(String::new());
    let username = create_signal(String::new());
    let password = create_signal(String::new());
    let busy = create_signal(false);
    let error = create_signal(None::<IpcError>);
    spawn_local_scoped(async move {
        if let Ok(settings) = ipc::call(&cmd::GetSettings {}).await {
            if url.with(String::is_empty) {
                url.set(settings.platform_url.unwrap_or_default());
            }
            if username.with(String::is_empty) {
                username.set(settings.username.unwrap_or_default());
            }
        }
    });

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if busy.get() {
            return;
        }
        busy.set(true);
        error.set(None);
        let form = mdesk_ipc::SignInForm {
            platform_url: url.get_clone(),
            username: username.get_clone(),
            password: password.get_clone(),
        };
        spawn_local_scoped(async move {
            let result = ipc::call(&cmd::SignIn { form }).await;
            busy.set(false);
            match result {
                Ok(()) => password.set(String::new()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let use_demo = move |_| {
        busy.set(true);
        spawn_local_scoped(async move {
            let result = ipc::call(&cmd::UseDemoPlatform {}).await;
            busy.set(false);
            if let Err(e) = result {
                error.set(Some(e));
            }
        });
    };

    view! {
        form(class="card sign-in", data-testid="sign-in", on:submit=submit) {
            h2 { (state.t("signin-title")) }
            p(class="muted") { (state.t("signin-intro")) }
            label {
                span { (state.t("signin-url")) }
                input(r#type="url", bind:value=url, data-testid="signin-url", required=true, placeholder="https://")
            }
            label {
                span { (state.t("signin-username")) }
                input(r#type="text", bind:value=username, data-testid="signin-username", required=true, autocomplete="username")
                small(class="muted") { (state.t("signin-username-hint")) }
            }
            label {
                span { (state.t("signin-password")) }
                input(r#type="password", bind:value=password, data-testid="signin-password", required=true,
                    autocomplete="current-password")
            }
            ErrorNote(error=*error)
            div(class="actions") {
                button(r#type="submit", class="primary", data-testid="signin-submit", disabled=move || busy.get()) {
                    (if busy.get() { state.t("signin-busy") } else { state.t("signin-submit") })
                }
                button(r#type="button", class="secondary", data-testid="signin-demo", disabled=move || busy.get(),
                    on:click=use_demo) { (state.t("signin-demo")) }
            }
        }
    }
}
