//! Account health (账号健康): the matrix accounts that need attention and why, each reason with
//! the way to its fix — the account (permissions, pool, shop card, unbind), its works
//! (rejections, works without views), or the composer (an idle account).

use mdesk_ipc::{cmd, HealthFinding, HealthReason, HealthRow, IpcError, PublishDraft};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::list::by_id;
use crate::state::app_state;

/// Where a reason is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix {
    Account,
    Works,
    Compose,
}

fn fix_of(reason: HealthReason) -> Fix {
    match reason {
        HealthReason::Rejections | HealthReason::ZeroViews => Fix::Works,
        HealthReason::Idle => Fix::Compose,
        HealthReason::GrantDeclined
        | HealthReason::GrantRevoked
        | HealthReason::GrantPending
        | HealthReason::UnbindRequested
        | HealthReason::EmptyPool
        | HealthReason::ShopCardOff => Fix::Account,
    }
}

fn finding_view(row: &HealthRow, f: HealthFinding) -> View {
    let state = app_state();
    let reason = f.reason.as_str();
    let scope = f
        .detail
        .as_deref()
        .filter(|_| {
            matches!(
                f.reason,
                HealthReason::GrantDeclined | HealthReason::GrantRevoked | HealthReason::GrantPending
            )
        })
        .map(|s| state.t(&format!("scope-{s}")))
        .unwrap_or_default();
    let text = state.t_args(
        &format!("health-{reason}"),
        &[("count", f.count.into()), ("scope", scope.into())],
    );
    let account_id = row.account_id.clone();
    let fix = fix_of(f.reason);
    let fix_key = match fix {
        Fix::Account => "health-fix-account",
        Fix::Works => "health-fix-works",
        Fix::Compose => "health-fix-compose",
    };
    let go = move |_| {
        let id = account_id.clone();
        match fix {
            Fix::Account => state.open_account(id),
            Fix::Works => state.open_works_of(id),
            Fix::Compose => state.compose(PublishDraft {
                account_ids: vec![id],
                ..PublishDraft::default()
            }),
        }
    };
    view! {
        li(class="health-finding", data-testid="health-finding", data-reason=reason) {
            span { (text) }
            " "
            button(class="link", data-testid="health-fix", data-fix=fix_key, on:click=go) { (state.t(fix_key)) }
        }
    }
}

#[component]
pub fn HealthPage() -> View {
    let state = app_state();
    let rows = create_signal(None::<Vec<HealthRow>>);
    let error = create_signal(None::<IpcError>);
    create_effect(move || {
        state.data.track();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetAccountHealth {}).await {
                Ok(r) => {
                    state.health_count.set(r.len() as u32);
                    rows.set(Some(r));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let list = create_memo(move || rows.get_clone().unwrap_or_default());

    view! {
        section(class="page", data-testid="health-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("health-title")) }
                    div(class="muted") { (state.t("health-intro")) }
                }
            }
            ErrorNote(error=*error)
            ul(class="health-list", data-testid="health-list") {
                Keyed(list=list, key=|r: &HealthRow| by_id(r.account_id.clone(), r), view=move |r: HealthRow| {
                    let tag = r.tag.as_str();
                    let findings: View = r.findings.clone().into_iter().map(|f| finding_view(&r, f)).collect::<Vec<_>>().into();
                    let id = r.account_id.clone();
                    view! {
                        li(class="card health-row", data-testid="health-row", data-id=r.account_id.clone(),
                            data-count=r.findings.len().to_string()) {
                            div(class="health-head") {
                                button(class="link strong", on:click=move |_| state.open_account(id.clone())) { (r.nickname.clone()) }
                                span(class="muted small") { " " (r.guangguang_id.clone()) " " }
                                span(class="badge") { (state.t(&format!("tag-{tag}"))) }
                            }
                            ul(class="health-findings") { (findings) }
                        }
                    }
                })
            }
            (if rows.with(|r| r.as_ref().is_some_and(Vec::is_empty)) {
                view! { p(class="empty muted", data-testid="health-empty") { (state.t("health-empty")) } }
            } else { view! {} })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_words_in_both_languages() {
        for r in HealthReason::ALL {
            let key = format!("health-{}", r.as_str());
            for (lang, _) in crate::i18n::LANGUAGES {
                assert_ne!(crate::i18n::translate(lang, &key, &[]), key, "{lang} lacks {key}");
            }
        }
    }
}
