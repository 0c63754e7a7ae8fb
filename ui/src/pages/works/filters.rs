//! The Works filter bar (search, account, type, group, the three statuses, privacy, kind,
//! pinned, published days) and the sort controls. Each control edits the saved query.

use mdesk_ipc::{AccountRow, InclusionStatus, Metric, Privacy, ReviewStatus, Tag, TopicStatus, WorkKind, WorksQuery};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::edit;
use crate::components::form::{choice, non_empty, state_options};
use crate::state::app_state;
use crate::timer::sleep;

/// How long typing pauses before the search runs.
const SEARCH_DELAY_MS: i32 = 250;

/// A select over one field of the query: `get` reads its wire value (`""` for all), `set`
/// writes what was picked.
fn field(
    query: Signal<Option<WorksQuery>>,
    testid: &'static str,
    options: ReadSignal<Vec<(String, String)>>,
    get: fn(&WorksQuery) -> Option<String>,
    set: fn(&mut WorksQuery, &str),
) -> View {
    choice(
        testid,
        options,
        move || query.with(|q| q.as_ref().and_then(get).unwrap_or_default()),
        move |v| edit(query, |q| set(q, &v)),
    )
}

#[component(inline_props)]
pub fn WorksFilters(
    query: Signal<Option<WorksQuery>>,
    accounts: ReadSignal<Vec<AccountRow>>,
    groups: ReadSignal<Vec<String>>,
    filtering: ReadSignal<bool>,
) -> View {
    let state = app_state();
    let initial = query.get_clone_untracked().unwrap_or_default();
    let search = create_signal(initial.search);
    let from = create_signal(initial.published_from.unwrap_or_default());
    let to = create_signal(initial.published_to.unwrap_or_default());

    // The search runs once typing pauses; a newer keystroke supersedes an older wait.
    let typed = create_signal(0u32);
    create_effect(move || {
        let text = search.get_clone();
        let ticket = typed.get_untracked().wrapping_add(1);
        typed.set_silent(ticket);
        spawn_local_scoped(async move {
            sleep(SEARCH_DELAY_MS).await;
            if typed.get_untracked() == ticket && query.with_untracked(|q| q.as_ref().is_some_and(|q| q.search != text))
            {
                edit(query, |q| q.search = text);
            }
        });
    });
    create_effect(move || {
        let (f, t) = (non_empty(from.get_clone()), non_empty(to.get_clone()));
        if query.with_untracked(|q| q.as_ref().is_some_and(|q| q.published_from != f || q.published_to != t)) {
            edit(query, |q| {
                q.published_from = f;
                q.published_to = t;
            });
        }
    });

    let account_options = create_memo(move || {
        let mut o = vec![(String::new(), state.t("works-all-accounts"))];
        accounts.with(|rows| {
            o.extend(
                rows.iter()
                    .map(|a| (a.id.clone(), format!("{} ({})", a.nickname, a.guangguang_id))),
            )
        });
        o
    });
    let tag_options = create_memo(move || {
        state_options(state.t("filter-all-tags"), Tag::ALL, |t| {
            (t.as_str().to_owned(), state.t(&format!("tag-{}", t.as_str())))
        })
    });
    let group_options = create_memo(move || {
        let mut o = vec![(String::new(), state.t("filter-all-groups"))];
        groups.with(|g| o.extend(g.iter().map(|g| (g.clone(), g.clone()))));
        o
    });
    let review_options = create_memo(move || {
        state_options(state.t("works-all-review"), ReviewStatus::ALL, |s| {
            (s.as_str().to_owned(), state.t(&format!("review-{}", s.as_str())))
        })
    });
    let inclusion_options = create_memo(move || {
        state_options(state.t("works-all-inclusion"), InclusionStatus::ALL, |s| {
            (s.as_str().to_owned(), state.t(&format!("inclusion-{}", s.as_str())))
        })
    });
    let topic_options = create_memo(move || {
        state_options(state.t("works-all-topic"), TopicStatus::ALL, |s| {
            (s.as_str().to_owned(), state.t(&format!("topic-{}", s.as_str())))
        })
    });
    let privacy_options = create_memo(move || {
        state_options(state.t("works-all-privacy"), Privacy::ALL, |s| {
            (s.as_str().to_owned(), state.t(&format!("visibility-{}", s.as_str())))
        })
    });
    let kind_options = create_memo(move || {
        state_options(state.t("works-all-kinds"), WorkKind::ALL, |s| {
            (s.as_str().to_owned(), state.t(&format!("kind-{}", s.as_str())))
        })
    });
    let pinned_options = create_memo(move || {
        vec![
            (String::new(), state.t("works-all-pinned")),
            ("true".to_owned(), state.t("works-pinned-only")),
            ("false".to_owned(), state.t("works-not-pinned")),
        ]
    });

    let clear = move |_| {
        search.set(String::new());
        from.set(String::new());
        to.set(String::new());
        edit(query, |q| {
            // Period and sort are how the list is read, not what it is narrowed to: they stay.
            *q = WorksQuery {
                period: q.period.clone(),
                sort: q.sort,
                ascending: q.ascending,
                limit: q.limit,
                ..WorksQuery::default()
            };
        });
    };

    view! {
        div(class="filters", data-testid="works-filters") {
            input(class="search", r#type="search", bind:value=search, data-testid="works-search",
                placeholder=move || state.t("works-search"))
            (field(query, "works-filter-account", account_options, |q| q.account_id.clone(), |q, v| q.account_id = non_empty(v.to_owned())))
            (field(query, "works-filter-tag", tag_options, |q| q.tag.map(|t| t.as_str().to_owned()), |q, v| q.tag = v.parse().ok()))
            (field(query, "works-filter-group", group_options, |q| q.group.clone(), |q, v| q.group = non_empty(v.to_owned())))
            (field(query, "works-filter-review", review_options, |q| q.review_status.map(|s| s.as_str().to_owned()),
                |q, v| q.review_status = v.parse().ok()))
            (field(query, "works-filter-inclusion", inclusion_options, |q| q.inclusion_status.map(|s| s.as_str().to_owned()),
                |q, v| q.inclusion_status = v.parse().ok()))
            (field(query, "works-filter-topic", topic_options, |q| q.topic_status.map(|s| s.as_str().to_owned()),
                |q, v| q.topic_status = v.parse().ok()))
            (field(query, "works-filter-privacy", privacy_options, |q| q.privacy.map(|s| s.as_str().to_owned()),
                |q, v| q.privacy = v.parse().ok()))
            (field(query, "works-filter-kind", kind_options, |q| q.kind.map(|s| s.as_str().to_owned()), |q, v| q.kind = v.parse().ok()))
            (field(query, "works-filter-pinned", pinned_options, |q| q.pinned.map(|p| p.to_string()), |q, v| q.pinned = v.parse().ok()))
            label(class="inline") {
                span { (state.t("works-published")) }
                input(r#type="date", bind:value=from, data-testid="works-from", aria-label=state.t("works-published-from"))
                span(class="muted") { "–" }
                input(r#type="date", bind:value=to, data-testid="works-to", aria-label=state.t("works-published-to"))
            }
            button(class="link", data-testid="works-clear", disabled=move || !filtering.get(), on:click=clear) {
                (state.t("works-clear"))
            }
        }
    }
}

/// Sort by time or one of the six numbers, and which way.
#[component(inline_props)]
pub fn SortBar(query: Signal<Option<WorksQuery>>) -> View {
    let state = app_state();
    let options = create_memo(move || {
        state_options(state.t("works-sort-time"), Metric::ALL, |m| {
            (m.as_str().to_owned(), state.t(&format!("metric-{}", m.as_str())))
        })
    });
    let ascending = create_selector(move || query.with(|q| q.as_ref().is_some_and(|q| q.ascending)));
    view! {
        div(class="sort") {
            span(class="muted") { (state.t("works-sort")) }
            (field(query, "works-sort", options, |q| q.sort.map(|m| m.as_str().to_owned()), |q, v| q.sort = v.parse().ok()))
            button(class="secondary small-button", data-testid="works-sort-dir", data-ascending=move || ascending.get().to_string(),
                on:click=move |_| edit(query, |q| q.ascending = !q.ascending)) {
                (if ascending.get() { state.t("sort-ascending") } else { state.t("sort-descending") })
            }
        }
    }
}
