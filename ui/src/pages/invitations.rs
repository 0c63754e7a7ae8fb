//! Invitations (新增矩阵账号): invite by Guangguang ID and the account's registered mobile,
//! and follow each invitation to accepted, declined, expired or cancelled — or see the
//! platform's verdict on one it refused.

use mdesk_ipc::{cmd, InvitationRow, IpcError, Tag};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::form::select_parsed;
use crate::format::local_time;
use crate::ipc;
use crate::list::by_id;
use crate::state::{act, app_state, Reload};

#[component]
pub fn InvitationsPage() -> View {
    let state = app_state();
    let rows = create_signal(None::<Vec<InvitationRow>>);
    let error = create_signal(None::<IpcError>);
    let form_error = create_signal(None::<IpcError>);
    let gg = create_signal(String::new());
    let phone = create_signal(String::new());
    let tag = create_signal(Tag::Staff);
    let sent = create_signal(false);
    let reload = Reload::new();

    create_effect(move || {
        state.data.track();
        reload.track();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ListInvitations {}).await {
                Ok(r) => rows.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        sent.set(false);
        let command = cmd::Invite {
            guangguang_id: gg.get_clone(),
            phone: phone.get_clone(),
            tag: tag.get(),
        };
        spawn_local_scoped(async move {
            match ipc::call(&command).await {
                Ok(_) => {
                    gg.set(String::new());
                    phone.set(String::new());
                    sent.set(true);
                    reload.bump();
                }
                // What was typed stays, so it can be corrected.
                Err(e) => form_error.set(Some(e)),
            }
        });
    };
    let cancel = move |id: String| act(cmd::CancelInvitation { id }, error, reload);
    let list = create_memo(move || rows.get_clone().unwrap_or_default());

    view! {
        section(class="page", data-testid="invitations-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("invitations-title")) }
                    div(class="muted") { (state.t("invitations-intro")) }
                }
            }
            form(class="card form", data-testid="invite-form", on:submit=submit) {
                h2 { (state.t("invite-open")) }
                ErrorNote(error=*form_error)
                div(class="form-row") {
                    label {
                        span { (state.t("col-gg")) }
                        input(r#type="text", bind:value=gg, data-testid="invite-gg", maxlength="20",
                            placeholder=move || state.t("invite-gg-hint"))
                    }
                    label {
                        span { (state.t("invite-phone")) }
                        input(r#type="tel", bind:value=phone, data-testid="invite-phone", maxlength="11",
                            placeholder=move || state.t("invite-phone-hint"))
                    }
                    label {
                        span { (state.t("col-tag")) }
                        select(data-testid="invite-tag", on:change=move |ev| tag.set(select_parsed(&ev).unwrap_or(Tag::Staff))) {
                            (Tag::ALL.iter().map(|t| view! { option(value=t.as_str()) { (state.t(&format!("tag-{}", t.as_str()))) } }).collect::<Vec<_>>())
                        }
                    }
                }
                p(class="muted small") { (state.t("invite-phone-note")) }
                div(class="actions") {
                    button(class="primary", r#type="submit", data-testid="invite-submit",
                        disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix),
                        title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default()) { (state.t("invite-submit")) }
                    (if sent.get() { view! { span(class="ok", data-testid="invite-sent") { (state.t("invite-sent")) } } } else { view! {} })
                }
            }
            div(class="card notice faq", data-testid="invite-faq") {
                h2 { (state.t("invite-faq-title")) }
                p { (state.t("invite-faq-who")) }
                p(class="muted") { (state.t("invite-faq-paid")) }
            }
            ErrorNote(error=*error)
            crate::components::role_note::RoleNote(permission=mdesk_ipc::Permission::ManageMatrix)
            table(class="grid", data-testid="invitations-table") {
                thead { tr {
                    th { (state.t("col-gg")) }
                    th { (state.t("invite-phone")) }
                    th { (state.t("col-tag")) }
                    th { (state.t("col-state")) }
                    th { (state.t("col-time")) }
                    th { (state.t("invitation-expires")) }
                    th { (state.t("col-staff")) }
                    th {}
                } }
                tbody {
                    Keyed(list=list, key=|r: &InvitationRow| by_id(r.id.clone(), r), view=move |r: InvitationRow| {
                        let lang = state.lang.get_clone();
                        let badge = format!("badge invitation-{}", r.state.as_str());
                        let state_key = format!("invitation-{}", r.state.as_str());
                        let verdict = r.error_code.as_deref().map(|c| state.t(&format!("error-{c}"))).unwrap_or_default();
                        let expires = r.expires_at.as_deref().map(|t| local_time(t, &lang)).unwrap_or_default();
                        let id = r.id.clone();
                        let gg = r.guangguang_id.clone();
                        let tag = state.t(&format!("tag-{}", r.tag.as_str()));
                        let verdict_view = if verdict.is_empty() {
                            view! {}
                        } else {
                            view! { div(class="verdict", data-testid="invitation-verdict") { (verdict) } }
                        };
                        let created = local_time(&r.created_at, &lang);
                        let staff = r.staff_name.clone().unwrap_or_default();
                        view! {
                            tr(data-testid="invitation-row", data-gg=gg, data-state=r.state.as_str()) {
                                td(class="mono") { (r.guangguang_id) }
                                td(class="mono", data-testid="invitation-phone") { (r.phone_masked) }
                                td { (tag) }
                                td {
                                    span(class=badge, data-testid="invitation-state") { (state.t(&state_key)) }
                                    (verdict_view)
                                }
                                td { (created) }
                                td { (expires) }
                                td { (staff) }
                                td {
                                    (if r.can_cancel {
                                        let id = id.clone();
                                        view! { button(class="link", data-testid="invitation-cancel", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), on:click=move |_| cancel(id.clone())) {
                                            (state.t("invitation-cancel"))
                                        } }
                                    } else { view! {} })
                                }
                            }
                        }
                    })
                }
            }
            (if rows.with(|r| r.as_ref().is_some_and(Vec::is_empty)) {
                view! { p(class="empty muted", data-testid="invitations-empty") { (state.t("invitations-empty")) } }
            } else { view! {} })
        }
    }
}
