//! Settings → Team (团队): who is signed in, the approval switch, and the staff with their
//! roles: add, change a role, reset a password, disable. The owner manages staff; an admin
//! sees them and switches approval; everyone else sees only who they are.

use mdesk_ipc::{cmd, IpcError, Permission, Role, StaffRow, TeamView};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::role_note::RoleNote;
use crate::ipc;
use crate::list::by_id;
use crate::state::{act, app_state, Reload};

/// The roles staff may be given.
const STAFF_ROLES: [Role; 4] = [Role::Admin, Role::Operator, Role::Reviewer, Role::Analyst];

fn role_name(role: Role) -> String {
    app_state().t(&format!("role-{}", role.as_str()))
}

#[component]
pub fn TeamSettings() -> View {
    let state = app_state();
    let team = create_signal(None::<TeamView>);
    let error = create_signal(None::<IpcError>);
    let reload = Reload::new();
    create_effect(move || {
        state.data.track();
        reload.track();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetTeam {}).await {
                Ok(t) => team.set(Some(t)),
                // Signed out: there is no team to show.
                Err(_) => team.set(None),
            }
        });
    });
    let rows = create_memo(move || team.with(|t| t.as_ref().map(|t| t.staff.clone()).unwrap_or_default()));
    let sees_team = create_selector(move || state.may(Permission::ManageSettings));
    let manages = create_selector(move || state.may(Permission::ManageStaff));
    let approval = create_selector(move || team.with(|t| t.as_ref().is_some_and(|t| t.approval_required)));
    let toggle_approval = move |_| {
        act(
            cmd::SetApproval {
                required: !approval.get_untracked(),
            },
            error,
            reload,
        );
    };

    // The add form.
    let name = create_signal(String::new());
    let display = create_signal(String::new());
    let role = create_signal(Role::Operator);
    let password = create_signal(String::new());
    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let command = cmd::AddStaff {
            name: name.get_clone(),
            display_name: Some(display.get_clone()).filter(|d| !d.trim().is_empty()),
            role: role.get(),
            password: password.get_clone(),
        };
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&command).await {
                Ok(_) => {
                    name.set(String::new());
                    display.set(String::new());
                    password.set(String::new());
                    reload.bump();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let on_role = move |ev: web_sys::Event| {
        if let Some(r) = select_value(&ev).and_then(|v| v.parse().ok()) {
            role.set(r);
        }
    };

    view! {
        (team.get_clone().map(|t| {
            let who = t.whoami.clone();
            let me = state.t_args("team-you", &[("name", who.name.clone().into()), ("login", who.login.clone().into()),
                ("role", role_name(who.role).into())]);
            view! {
                div(class="card", data-testid="team-card") {
                    h2 { (state.t("team-title")) }
                    p(data-testid="team-you") { (me) }
                    (if who.verified { view! {} } else {
                        view! { p(class="muted small", data-testid="team-unverified") { (state.t("team-unverified")) } }
                    })
                    DemoTeam(staff=t.staff.clone())
                    (if sees_team.get() {
                        view! {
                            label(class="check") {
                                input(r#type="checkbox", data-testid="team-approval", checked=move || approval.get(),
                                    on:change=toggle_approval)
                                span { (state.t("team-approval")) }
                            }
                            p(class="muted small") { (state.t("team-approval-hint")) }
                            ErrorNote(error=*error)
                            RoleNote(permission=Permission::ManageStaff)
                            table(class="grid", data-testid="team-table") {
                                thead { tr {
                                    th { (state.t("team-col-login")) }
                                    th { (state.t("team-col-name")) }
                                    th { (state.t("team-col-role")) }
                                    th { (state.t("col-state")) }
                                    th {}
                                } }
                                tbody {
                                    Keyed(list=rows, key=|m: &StaffRow| by_id(m.login.clone(), m),
                                        view=move |m: StaffRow| view! { StaffLine(member=m, error=error, reload=reload) })
                                }
                            }
                            (if manages.get() {
                                view! {
                                    form(class="form inline-form", data-testid="team-add", on:submit=add) {
                                        h3 { (state.t("team-add")) }
                                        input(r#type="text", bind:value=name, data-testid="team-add-name", required=true,
                                            placeholder=state.t("team-add-name"), maxlength="32")
                                        input(r#type="text", bind:value=display, data-testid="team-add-display",
                                            placeholder=state.t("team-add-display"), maxlength="32")
                                        select(data-testid="team-add-role", on:change=on_role) {
                                            (STAFF_ROLES.iter().map(|r| {
                                                let r = *r;
                                                view! { option(value=r.as_str(), selected=move || role.get() == r) { (role_name(r)) } }
                                            }).collect::<Vec<_>>())
                                        }
                                        input(r#type="password", bind:value=password, data-testid="team-add-password", required=true,
                                            placeholder=state.t("team-add-password"), autocomplete="new-password")
                                        button(r#type="submit", class="primary", data-testid="team-add-submit") { (state.t("team-add-submit")) }
                                    }
                                }
                            } else { view! {} })
                        }
                    } else { view! {} })
                }
            }
        }))
    }
}

fn select_value(ev: &web_sys::Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

#[component(inline_props)]
fn StaffLine(member: StaffRow, error: Signal<Option<IpcError>>, reload: Reload) -> View {
    let state = app_state();
    let manages = state.may(Permission::ManageStaff);
    let why = create_signal(state.lacks(Permission::ManageStaff).unwrap_or_default());
    let login = create_signal(member.login.clone());
    let resetting = create_signal(false);
    let new_password = create_signal(String::new());
    let on_role = move |ev: web_sys::Event| {
        if let Some(r) = select_value(&ev).and_then(|v| v.parse::<Role>().ok()) {
            act(
                cmd::SetStaffRole {
                    login: login.get_clone_untracked(),
                    role: r,
                },
                error,
                reload,
            );
        }
    };
    let disabled = member.disabled;
    let toggle = move |_| {
        act(
            cmd::SetStaffDisabled {
                login: login.get_clone_untracked(),
                disabled: !disabled,
            },
            error,
            reload,
        )
    };
    let reset = move |_| {
        let password = new_password.get_clone_untracked();
        act(
            cmd::ResetStaffPassword {
                login: login.get_clone_untracked(),
                password,
            },
            error,
            reload,
        );
        resetting.set(false);
        new_password.set(String::new());
    };
    let current = member.role;
    let (shown_login, shown_name, login_attr) = (member.login.clone(), member.name.clone(), member.login.clone());
    let (pending, role_wire, disabled_text) = (member.pending, member.role.as_str(), member.disabled.to_string());
    let state_key = if disabled { "team-disabled" } else { "team-active" };
    view! {
        tr(data-testid="team-row", data-login=login_attr, data-role=role_wire, data-disabled=disabled_text) {
            td { (shown_login) }
            td { (shown_name) }
            td {
                select(data-testid="team-role", disabled=!manages, title=why.get_clone(), on:change=on_role) {
                    (STAFF_ROLES.iter().map(|r| {
                        let r = *r;
                        view! { option(value=r.as_str(), selected=current == r) { (role_name(r)) } }
                    }).collect::<Vec<_>>())
                }
            }
            td {
                span(class=if disabled { "badge refused" } else { "badge ok" }) { (state.t(state_key)) }
                (if pending > 0 { view! { span(class="muted small") { " " (state.t("reviews-on-its-way")) } } } else { view! {} })
            }
            td { div(class="row-actions") {
                (if resetting.get() {
                    view! {
                        input(r#type="password", bind:value=new_password, data-testid="team-new-password", autocomplete="new-password",
                            placeholder=state.t("team-add-password"))
                        button(class="link", data-testid="team-reset-confirm", on:click=reset) { (state.t("team-reset-confirm")) }
                    }
                } else {
                    view! {
                        button(class="link", data-testid="team-reset", disabled=!manages, title=why.get_clone(),
                            on:click=move |_| resetting.set(true)) { (state.t("team-reset")) }
                    }
                })
                button(class="link", data-testid="team-toggle", disabled=!manages, title=why.get_clone(), on:click=toggle) {
                    (state.t(if disabled { "team-enable" } else { "team-disable" }))
                }
            } }
        }
    }
}

/// The embedded demo platform's team, to try each role: one click signs in as that person
/// (the owner, or a staff member as the platform listed them; the shell knows the demo's
/// passwords).
#[component(inline_props)]
fn DemoTeam(staff: Vec<StaffRow>) -> View {
    let state = app_state();
    let is_demo = state
        .status
        .with(|s| s.as_ref().is_some_and(|s| s.platform == mdesk_ipc::PlatformKind::Demo));
    let Some(me) = state.whoami().filter(|_| is_demo) else {
        return view! {};
    };
    let error = create_signal(None::<IpcError>);
    let owner = me.login.split(':').next().unwrap_or_default().to_owned();
    let people = std::iter::once((owner.clone(), owner, Role::Owner))
        .chain(
            staff
                .iter()
                .filter(|m| !m.disabled)
                .map(|m| (m.login.clone(), m.name.clone(), m.role)),
        )
        .filter(|(login, _, _)| *login != me.login)
        .map(|(login, name, role)| {
            let label = format!("{name} · {}", role_name(role));
            let title = login.clone();
            let testid = format!("demo-as-{}", login.rsplit(':').next().unwrap_or_default());
            let go = move |_| {
                let login = login.clone();
                error.set(None);
                spawn_local_scoped(async move {
                    if let Err(e) = ipc::call(&cmd::UseDemoPlatformAs { login }).await {
                        error.set(Some(e));
                    }
                });
            };
            view! { button(class="secondary small", data-testid=testid, title=title, on:click=go) { (label) } }
        })
        .collect::<Vec<_>>();
    view! {
        div(class="demo-team", data-testid="demo-team") {
            p(class="muted small") { (state.t("team-demo")) }
            div(class="row-actions") { (people) }
            ErrorNote(error=*error)
        }
    }
}
