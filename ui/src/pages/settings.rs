//! Settings: language, staff name, sync interval, and which platform the app is signed in to.

use mdesk_ipc::{cmd, IpcError, PlatformKind};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::desktop_settings::DesktopSettings;
use crate::components::error_note::ErrorNote;
use crate::components::sign_in::SignInForm;
use crate::i18n::LANGUAGES;
use crate::ipc;
use crate::pages::team::TeamSettings;
use crate::pages::words::WordsSettings;
use crate::state::app_state;

#[component]
pub fn SettingsPage() -> View {
    let state = app_state();
    let error = create_signal(None::<IpcError>);
    let saved = create_signal(false);
    let staff_name = create_signal(String::new());
    let interval = create_signal(String::new());
    let username = create_signal(None::<String>);
    let show_sign_in = create_signal(false);

    spawn_local_scoped(async move {
        match ipc::call(&cmd::GetSettings {}).await {
            Ok(s) => {
                staff_name.set(s.staff_name);
                interval.set(s.sync_interval_secs.to_string());
                username.set(s.username);
            }
            Err(e) => error.set(Some(e)),
        }
    });

    let on_language = move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let language = select.value();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::SetLanguage {
                language: language.clone(),
            })
            .await
            {
                Ok(()) => state.lang.set(language),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        error.set(None);
        let name = staff_name.get_clone();
        let secs = interval.get_clone();
        spawn_local_scoped(async move {
            let secs: u32 = match secs.trim().parse() {
                Ok(v) => v,
                Err(_) => {
                    error.set(Some(IpcError::new(
                        mdesk_ipc::ErrorCode::InvalidInput,
                        format!("{secs:?} is not a whole number of seconds"),
                    )));
                    return;
                }
            };
            let result = async {
                ipc::call(&cmd::SetStaffName { name }).await?;
                ipc::call(&cmd::SetSyncInterval { secs }).await
            }
            .await;
            match result {
                Ok(()) => saved.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let sign_out = move |_| {
        spawn_local_scoped(async move {
            if let Err(e) = ipc::call(&cmd::SignOut {}).await {
                error.set(Some(e));
            }
        });
    };

    let is_demo = create_selector(move || {
        state
            .status
            .with(|s| s.as_ref().is_some_and(|s| s.platform == PlatformKind::Demo))
    });
    let platform_text = move || {
        state.status.with(|s| match s {
            Some(s) if s.platform == PlatformKind::Demo => state.t("settings-platform-demo"),
            Some(s) => state.t_args(
                "settings-platform-remote",
                &[("url", s.platform_url.clone().unwrap_or_default().into())],
            ),
            None => String::new(),
        })
    };

    view! {
        section(class="page", data-testid="settings-page") {
            header(class="page-header") {
                h1(data-testid="page-title") { (state.t("settings-title")) }
                button(class="link", data-testid="settings-about", on:click=move |_| state.page.set(crate::state::Page::About)) { (state.t("settings-about")) }
            }
            ErrorNote(error=*error)
            form(class="card form", on:submit=save) {
                label {
                    span { (state.t("settings-language")) }
                    select(data-testid="settings-language", on:change=on_language) {
                        Keyed(list=LANGUAGES.to_vec(), view=move |(code, name)| view! {
                            option(value=code, selected=move || state.lang.with(|l| l == code)) { (name) }
                        }, key=|(code, _)| *code)
                    }
                }
                // Signed in as themselves, the platform names them: the typed name retires.
                (if state.whoami().is_some_and(|w| w.verified) {
                    view! {}
                } else {
                    view! {
                        label {
                            span { (state.t("settings-staff-name")) }
                            input(r#type="text", bind:value=staff_name, data-testid="settings-staff-name", maxlength="32")
                            small(class="muted") { (state.t("settings-staff-name-hint")) }
                        }
                    }
                })
                label {
                    span { (state.t("settings-sync-interval")) }
                    input(r#type="number", min="10", max="3600", bind:value=interval, data-testid="settings-sync-interval")
                }
                div(class="actions") {
                    button(r#type="submit", class="primary", data-testid="settings-save") { (state.t("settings-save")) }
                    (if saved.get() { view! { span(class="ok", data-testid="settings-saved") { (state.t("settings-saved")) } } } else { view! {} })
                }
            }
            div(class="card") {
                h2 { (state.t("settings-platform")) }
                p(data-testid="settings-platform") { (platform_text()) }
                (match username.get_clone() {
                    Some(user) => view! {
                        p { (state.t("settings-account")) ": " strong { (user) } }
                    },
                    None => view! {},
                })
                div(class="actions") {
                    button(class="secondary", data-testid="settings-sign-out", on:click=sign_out) { (state.t("settings-sign-out")) }
                    (if is_demo.get() {
                        view! { button(class="secondary", data-testid="settings-switch-remote",
                            on:click=move |_| show_sign_in.set(true)) { (state.t("settings-switch-remote")) } }
                    } else { view! {} })
                }
            }
            (if show_sign_in.get() {
                view! { SignInForm {} }
            } else { view! {} })
            TeamSettings {}
            WordsSettings {}
            DesktopSettings {}
        }
    }
}
