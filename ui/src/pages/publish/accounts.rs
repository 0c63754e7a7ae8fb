//! The accounts to publish as: every bound matrix account with a checkbox, quick choices by
//! account type and by group, each account's publish permission, and — for the chosen ones —
//! what the live dry run says: it will be sent, or why it would be refused.

use std::collections::HashMap;

use mdesk_ipc::{AccountRow, DraftField, IpcError, Tag};
use sycamore::prelude::*;

use super::{Composer, FieldProblems};
use crate::components::form::checked;
use crate::list::by_id;
use crate::state::app_state;

/// One account as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    row: AccountRow,
    on: bool,
    /// For a chosen account, once the live dry run has it: `None` to be sent, or why not.
    verdict: Option<Option<IpcError>>,
}

/// What a quick choice is called.
#[derive(Debug, Clone, PartialEq)]
enum Label {
    All,
    Tag(Tag),
    Group(String),
}

/// A quick choice: its accounts; pressed when every one of them is chosen.
#[derive(Debug, Clone, PartialEq)]
struct Quick {
    label: Label,
    ids: Vec<String>,
    on: bool,
}

impl Quick {
    fn testid(&self) -> String {
        match &self.label {
            Label::All => "publish-quick-all".to_owned(),
            Label::Tag(t) => format!("publish-quick-tag-{}", t.as_str()),
            Label::Group(_) => "publish-quick-group".to_owned(),
        }
    }
}

#[component(inline_props)]
pub fn AccountsCard(composer: Composer) -> View {
    let state = app_state();
    let search = create_signal(String::new());
    let chosen = create_selector(move || composer.draft.with(|d| d.account_ids.clone()));
    let verdicts = create_selector(move || {
        composer.plan.with(|p| {
            p.iter()
                .flat_map(|p| p.rows.iter())
                .map(|r| (r.account_id.clone(), r.refusal.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    let lines = create_selector(move || {
        let query = search.with(|s| s.trim().to_lowercase());
        let chosen = chosen.get_clone();
        let verdicts = verdicts.get_clone();
        composer.accounts.with(|rows| {
            rows.iter()
                .filter(|a| {
                    query.is_empty()
                        || a.nickname.to_lowercase().contains(&query)
                        || a.guangguang_id.to_lowercase().contains(&query)
                })
                .map(|a| {
                    let on = chosen.contains(&a.id);
                    Line {
                        row: a.clone(),
                        on,
                        verdict: on.then(|| verdicts.get(&a.id).cloned()).flatten(),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let quick = create_selector(move || {
        let chosen = chosen.get_clone();
        let groups = composer.groups.get_clone();
        composer.accounts.with(|rows| {
            let mut out = Vec::new();
            let mut add = |label: Label, ids: Vec<String>| {
                if !ids.is_empty() {
                    let on = ids.iter().all(|id| chosen.contains(id));
                    out.push(Quick { label, ids, on });
                }
            };
            let ids = |f: &dyn Fn(&AccountRow) -> bool| rows.iter().filter(|a| f(a)).map(|a| a.id.clone()).collect();
            add(Label::All, ids(&|_| true));
            for tag in Tag::ALL {
                add(Label::Tag(*tag), ids(&|a| a.tag == *tag));
            }
            for g in groups {
                let list = ids(&|a| a.group.as_deref() == Some(g.as_str()));
                add(Label::Group(g), list);
            }
            out
        })
    });
    let set = move |ids: Vec<String>, on: bool| {
        composer.edit(DraftField::Accounts, |d| {
            if on {
                for id in ids {
                    if !d.account_ids.contains(&id) {
                        d.account_ids.push(id);
                    }
                }
            } else {
                d.account_ids.retain(|id| !ids.contains(id));
            }
        })
    };
    let count = create_selector(move || chosen.with(Vec::len));

    view! {
        div(class="card", data-testid="publish-accounts") {
            div(class="card-title") {
                h2 { (state.t("publish-accounts")) }
                span(class="muted", data-testid="publish-accounts-count", data-count=move || count.get().to_string()) {
                    (state.t_args("publish-accounts-chosen", &[("count", count.get().into())]))
                }
                (if count.get() > 0 {
                    view! {
                        button(class="link small", data-testid="publish-accounts-clear",
                            on:click=move |_| composer.edit(DraftField::Accounts, |d| d.account_ids.clear())) {
                            (state.t("publish-accounts-clear"))
                        }
                    }
                } else { view! {} })
            }
            div(class="quick", data-testid="publish-quick") {
                span(class="muted small") { (state.t("publish-quick")) }
                (quick.get_clone().into_iter().map(|q| {
                    let testid = q.testid();
                    let group = match &q.label { Label::Group(g) => g.clone(), _ => String::new() };
                    let n = q.ids.len();
                    let label = q.label.clone();
                    let (ids, on) = (q.ids, q.on);
                    view! {
                        button(r#type="button", class=if on { "chip on" } else { "chip" }, data-testid=testid, data-group=group,
                            data-on=on.to_string(), on:click=move |_| set(ids.clone(), !on)) {
                            (match &label {
                                Label::All => state.t("publish-quick-all"),
                                Label::Tag(t) => state.t(&format!("tag-{}", t.as_str())),
                                Label::Group(g) => g.clone(),
                            })
                            span(class="chip-count") { (n.to_string()) }
                        }
                    }
                }).collect::<Vec<_>>())
                input(class="search small-search", r#type="search", bind:value=search, data-testid="publish-accounts-search",
                    placeholder=move || state.t("publish-accounts-search"))
            }
            div(class="account-list", data-testid="publish-account-list") {
                Keyed(list=lines, key=|l: &Line| by_id(l.row.id.clone(), l), view=move |l: Line| {
                    let Line { row, on, verdict } = l;
                    let id = row.id.clone();
                    let toggle = move |ev: web_sys::Event| set(vec![id.clone()], checked(&ev));
                    let grant = row.publish.as_str();
                    let tag = row.tag.as_str();
                    let gg = row.guangguang_id.clone();
                    let gg_shown = gg.clone();
                    let refused = match &verdict {
                        Some(Some(e)) => e.reason(),
                        _ => String::new(),
                    };
                    let verdict_view = match verdict {
                        Some(None) => view! { span(class="ok") { (state.t("publish-will-send")) } },
                        Some(Some(e)) => {
                            let key = e.message_key();
                            view! { span(class="refused", title=e.message.clone()) { (state.t(&key)) } }
                        }
                        None => view! {},
                    };
                    let pool = row.pool_size;
                    view! {
                        label(class=if on { "account-line chosen" } else { "account-line" }, data-testid="publish-account",
                            data-id=row.id.clone(), data-gg=gg, data-on=on.to_string(), data-publish=grant, data-refused=refused) {
                            input(r#type="checkbox", data-testid="publish-account-check", checked=on, on:change=toggle)
                            div(class="account-main") {
                                div(class="account-name") {
                                    span(class="nickname") { (row.nickname.clone()) }
                                    span(class="badge") { (state.t(&format!("tag-{tag}"))) }
                                    (row.group.clone().map(|g| view! { span(class="muted small") { (g) } }))
                                }
                                div(class="muted small account-facts") {
                                    span(class="mono") { (gg_shown.clone()) }
                                    span { (state.t_args("publish-account-pool", &[("count", pool.into())])) }
                                    span(class=format!("badge grant-{grant}")) {
                                        (state.t_args("publish-grant-state", &[("state", state.t(&format!("grant-{grant}")).into())]))
                                    }
                                }
                                div(class="account-verdict small", data-testid="publish-account-verdict") { (verdict_view) }
                            }
                        }
                    }
                })
            }
            (if composer.accounts.with(Vec::is_empty) {
                view! { p(class="muted empty-hint") { (state.t("publish-accounts-none")) } }
            } else { view! {} })
            FieldProblems(composer=composer, field=DraftField::Accounts)
        }
    }
}
