//! Works: every work of every matrix account, read from the local database one page at a
//! time; filters, search, period and sort are saved on every change, so they survive a
//! restart. Works picked in the table can be pinned, unpinned, made public or private, or
//! deleted together, after a dry run. The filter bar, the table, the pager and the bar of
//! changes each have their own file.

mod bulk;
mod filters;
mod pager;
mod table;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use mdesk_ipc::{cmd, AccountFilter, AccountRow, IpcError, WorksPage as PageOfWorks, WorksQuery};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use self::bulk::BulkBar;
use self::filters::{SortBar, WorksFilters};
use self::pager::Pager;
use self::table::WorksTable;
use crate::components::error_note::ErrorNote;
use crate::components::export_bar::{ExportBar, ExportRequest};
use crate::components::period::PeriodPicker;
use crate::components::sign_in::SignInForm;
use crate::format::count;
use crate::ipc;
use crate::state::app_state;

/// Rows per page: a page is read from the database at a time, never the whole list.
pub const PAGE_SIZE: u32 = 50;

/// Changes the query; any change but paging starts again at the first page.
fn edit(query: Signal<Option<WorksQuery>>, f: impl FnOnce(&mut WorksQuery)) {
    query.update(|q| {
        if let Some(q) = q {
            f(q);
            q.offset = 0;
        }
    });
}

#[component]
pub fn WorksPage() -> View {
    let state = app_state();
    let query = state.works;
    let page = create_signal(None::<PageOfWorks>);
    let error = create_signal(None::<IpcError>);
    let accounts = create_signal(Vec::<AccountRow>::new());
    let groups = create_signal(Vec::<String>::new());

    // The view saved last time, when the screen opens for the first time since the start.
    if query.with_untracked(Option::is_none) {
        spawn_local_scoped(async move {
            let saved = ipc::call(&cmd::GetWorksView {}).await.unwrap_or_else(|e| {
                error.set(Some(e));
                WorksQuery::default()
            });
            query.set(Some(WorksQuery {
                offset: 0,
                limit: PAGE_SIZE,
                ..saved
            }));
        });
    }

    // Every change to filters, search, period or sort is saved (paging is not: a restart
    // opens the first page).
    let view = create_selector(move || query.with(|q| q.as_ref().map(|q| WorksQuery { offset: 0, ..q.clone() })));
    let last_saved = Rc::new(RefCell::new(view.get_clone_untracked()));
    create_effect(move || {
        let current = view.get_clone();
        let mut last = last_saved.borrow_mut();
        if let (Some(before), Some(now)) = (last.as_ref(), current.as_ref()) {
            if before != now {
                let query = now.clone();
                spawn_local_scoped(async move {
                    if let Err(e) = ipc::call(&cmd::SaveWorksView { query }).await {
                        error.set(Some(e));
                    }
                });
            }
        }
        *last = current;
    });

    // How many works the filters let through: asked again only when the filters change (not
    // on a page turn, a new sort or period) or sync brings data. Counting 100,000 works costs
    // more than a page, so the page does not wait for it.
    let total = create_signal(0u64);
    let filters = create_selector(move || {
        query.with(|q| {
            q.as_ref().map(|q| WorksQuery {
                offset: 0,
                limit: PAGE_SIZE,
                sort: None,
                ascending: false,
                period: mdesk_ipc::Period::default(),
                ..q.clone()
            })
        })
    });
    let counted = Rc::new(Cell::new(0u32));
    create_effect(move || {
        state.data.track();
        let Some(q) = filters.get_clone() else { return };
        let ticket = counted.get().wrapping_add(1);
        counted.set(ticket);
        let counted = counted.clone();
        spawn_local_scoped(async move {
            let result = ipc::call(&cmd::CountWorks { query: q }).await;
            if counted.get() != ticket {
                return;
            }
            match result {
                Ok(n) => total.set(n),
                Err(e) => error.set(Some(e)),
            }
        });
    });

    // One page, read again when the query changes or sync brings data; an answer to an older
    // query is dropped.
    let asked = Rc::new(Cell::new(0u32));
    create_effect(move || {
        state.data.track();
        let Some(q) = query.get_clone() else { return };
        let ticket = asked.get().wrapping_add(1);
        asked.set(ticket);
        let asked = asked.clone();
        spawn_local_scoped(async move {
            let offset = q.offset;
            let result = ipc::call(&cmd::ListWorks { query: q }).await;
            if asked.get() != ticket {
                return;
            }
            match result {
                // Past the end (works went away since): show the last page instead.
                Ok(p) if p.rows.is_empty() && total.get_untracked() > 0 && offset > 0 => {
                    let last = ((total.get_untracked() - 1) / u64::from(PAGE_SIZE)) as u32 * PAGE_SIZE;
                    query.update(|q| {
                        if let Some(q) = q {
                            q.offset = last;
                        }
                    });
                }
                Ok(p) => {
                    if page.with_untracked(|cur| cur.as_ref() != Some(&p)) {
                        page.set(Some(p));
                    }
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    // What the account and group filters offer.
    create_effect(move || {
        state.data.track();
        spawn_local_scoped(async move {
            if let Ok(rows) = ipc::call(&cmd::ListAccounts {
                filter: AccountFilter::default(),
            })
            .await
            {
                accounts.set(rows);
            }
            if let Ok(g) = ipc::call(&cmd::ListAccountGroups {}).await {
                groups.set(g);
            }
        });
    });

    let needs_sign_in = create_selector(move || {
        state.status.with(|s| {
            s.as_ref()
                .is_some_and(|s| !s.signed_in && s.platform == mdesk_ipc::PlatformKind::Remote)
        })
    });
    let offline = create_selector(move || state.status.with(|s| s.as_ref().and_then(|s| s.online) == Some(false)));
    let ready = create_selector(move || query.with(Option::is_some));
    let export = create_memo(move || {
        query
            .get_clone()
            .map(|q| ExportRequest::Works(WorksQuery { offset: 0, ..q }))
    });
    let total = *total;
    let shown = move || total.get();

    view! {
        section(class="page", data-testid="works-screen") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("works-title")) }
                    div(class="muted", data-testid="works-total", data-total=move || shown().to_string()) {
                        (state.t_args("works-total", &[("count", shown().into()), ("shown", count(shown() as i64).into())]))
                    }
                }
                ExportBar(prefix="works", request=export)
            }
            ErrorNote(error=*error)
            (if offline.get() {
                view! { p(class="offline-note", data-testid="works-offline") { (state.t("works-offline")) } }
            } else { view! {} })
            (if needs_sign_in.get() {
                view! { SignInForm {} }
            } else if ready.get() {
                view! { WorksBody(query=query, page=*page, total=total, accounts=*accounts, groups=*groups) }
            } else {
                view! { p(class="empty muted") { (state.t("accounts-loading")) } }
            })
        }
    }
}

#[component(inline_props)]
fn WorksBody(
    query: Signal<Option<WorksQuery>>,
    page: ReadSignal<Option<PageOfWorks>>,
    total: ReadSignal<u64>,
    accounts: ReadSignal<Vec<AccountRow>>,
    groups: ReadSignal<Vec<String>>,
) -> View {
    let state = app_state();
    // Works picked for a change, across pages.
    let selected = create_signal(Vec::<String>::new());
    // The period picker edits its own signal; a change is a change of the query.
    let period = create_signal(query.with_untracked(|q| q.as_ref().map(|q| q.period.clone()).unwrap_or_default()));
    create_effect(move || {
        let p = period.get_clone();
        if query.with_untracked(|q| q.as_ref().is_some_and(|q| q.period != p)) {
            edit(query, |q| q.period = p);
        }
    });
    let resolved = create_memo(move || page.with(|p| p.as_ref().map(|p| p.period.clone())));
    let rows = create_memo(move || page.with(|p| p.as_ref().map(|p| p.rows.clone()).unwrap_or_default()));
    let loaded = create_selector(move || page.with(Option::is_some));
    let filtering = create_selector(move || {
        query.with(|q| {
            q.as_ref().is_some_and(|q| {
                let plain = WorksQuery {
                    period: q.period.clone(),
                    sort: q.sort,
                    ascending: q.ascending,
                    offset: q.offset,
                    limit: q.limit,
                    ..WorksQuery::default()
                };
                *q != plain
            })
        })
    });

    view! {
        WorksFilters(query=query, accounts=accounts, groups=groups, filtering=filtering)
        div(class="toolbar") {
            PeriodPicker(prefix="works-period", period=period, resolved=resolved, custom=true)
            span(class="spacer") {}
            SortBar(query=query)
        }
        BulkBar(selected=selected)
        div(class="table-scroll") {
            WorksTable(rows=rows, selected=selected)
        }
        (if !loaded.get() {
            view! { p(class="empty muted") { (state.t("accounts-loading")) } }
        } else if rows.with(Vec::is_empty) {
            let key = if filtering.get() { "works-empty-filtered" } else { "works-empty" };
            view! { p(class="empty muted", data-testid="works-empty") { (state.t(key)) } }
        } else {
            view! {}
        })
        Pager(query=query, total=total)
    }
}
