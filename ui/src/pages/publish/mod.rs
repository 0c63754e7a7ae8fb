//! Publish (发布作品): one work written once for one or many matrix accounts — its files, cover,
//! words, and products from the chosen accounts' pools — checked field by field as it is
//! typed, saved as a draft, dry-run per account, and queued only once the staff member
//! confirms. Each card has its own file; this one holds what they share.

mod accounts;
mod drafts;
mod fields;
mod media;
mod products;
mod review;
mod schedule;
mod uploads;

use std::collections::{HashMap, HashSet};

use mdesk_ipc::{
    cmd, AccountFilter, AccountRow, BindingState, DraftField, ErrorCode, FieldProblem, IpcError, MediaInfo, ProductRow,
    PublishDraft, PublishOutcome, PublishPlan,
};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use self::accounts::AccountsCard;
use self::drafts::DraftsCard;
use self::fields::{SettingsCard, WordsCard};
pub use self::media::size_text;
use self::media::MediaCard;
use self::products::ProductsCard;
use self::review::{Outcome, ReviewDialog};
use self::uploads::UploadsCard;
use crate::components::error_note::ErrorNote;
use crate::components::role_note::RoleNote;
use crate::components::sign_in::SignInForm;
use crate::ipc;
use crate::state::{app_state, Reload};
use crate::timer::sleep;

/// The composer's own look, kept beside it.
/// How long typing pauses before the draft is checked again.
const PLAN_DELAY_MS: i32 = 400;
/// How long typing pauses before the draft is saved.
const SAVE_DELAY_MS: i32 = 800;

/// A field's wire name (for test ids and translation keys).
pub fn field_name(field: DraftField) -> &'static str {
    match field {
        DraftField::Title => "title",
        DraftField::Text => "text",
        DraftField::Topic => "topic",
        DraftField::Media => "media",
        DraftField::Cover => "cover",
        DraftField::Products => "products",
        DraftField::Schedule => "schedule",
        DraftField::Accounts => "accounts",
    }
}

/// What the composer can tell before asking the core: "publish later" chosen without a time
/// (the core reads an empty time as "now", so the screen must not let it through).
fn local_problems(draft: &PublishDraft) -> Vec<FieldProblem> {
    match draft.scheduled_at.as_deref() {
        Some(at) if at.trim().is_empty() => vec![FieldProblem {
            field: DraftField::Schedule,
            error: IpcError {
                code: ErrorCode::Validation,
                message: "no date and time chosen".into(),
                rule: Some("schedule_invalid".into()),
            },
        }],
        _ => Vec::new(),
    }
}

/// The draft's problems: the screen's own, then the core's.
pub fn all_problems(draft: &PublishDraft, plan: Option<&PublishPlan>) -> Vec<FieldProblem> {
    let mut problems = local_problems(draft);
    problems.extend(plan.into_iter().flat_map(|p| p.problems.iter().cloned()));
    problems
}

/// What every card of the composer shares.
#[derive(Clone, Copy)]
pub struct Composer {
    /// The work as written (app-wide, so it outlives a visit to another screen).
    pub draft: Signal<PublishDraft>,
    /// The saved draft it is, once autosaved.
    pub draft_id: Signal<Option<String>>,
    /// The dry run of the draft as it was a moment ago: problems per field, verdict per account.
    pub plan: Signal<Option<PublishPlan>>,
    /// Fields changed here: their problems show as they are typed; the others' only once
    /// "Check" or "Review" asks for every one.
    touched: Signal<HashSet<DraftField>>,
    pub reveal: Signal<bool>,
    /// The picked files as the core sees them (name, size, thumbnail, problem), by path.
    pub files: Signal<HashMap<String, MediaInfo>>,
    /// Bound matrix accounts, and what their pools hold (by account id).
    pub accounts: Signal<Vec<AccountRow>>,
    pub groups: Signal<Vec<String>>,
    pub products: Signal<Vec<ProductRow>>,
    pub pools: Signal<HashMap<String, HashSet<String>>>,
    pub error: Signal<Option<IpcError>>,
    /// Why the live check could not run (cleared by the next one that does).
    plan_error: Signal<Option<IpcError>>,
    /// What the last confirmation queued and refused.
    pub outcome: Signal<Option<PublishOutcome>>,
    /// The dry run being looked at before confirming.
    pub review: Signal<Option<review::Review>>,
    /// Bumped when drafts were saved or deleted, and when uploads may have started.
    pub drafts_changed: Reload,
    pub uploads_kick: Reload,
    /// The draft as last saved, and whether a save is on its way.
    saved: Signal<Option<PublishDraft>>,
    saving: Signal<bool>,
    /// When the draft was last saved, for the header.
    pub saved_at: Signal<Option<String>>,
    /// Supersedes a pending autosave.
    save_ticket: Signal<u32>,
    /// The page's scope: saves and the confirmation run in it, so a keystroke or a closed
    /// dialog does not abort them halfway.
    scope: NodeHandle,
}

impl Composer {
    /// Changes the draft; `field`'s problems show from now on.
    pub fn edit(self, field: DraftField, f: impl FnOnce(&mut PublishDraft)) {
        self.draft.update(f);
        self.touch(field);
    }

    pub fn touch(self, field: DraftField) {
        if self.touched.with_untracked(|t| !t.contains(&field)) {
            self.touched.update(|t| {
                t.insert(field);
            });
        }
    }

    /// The problems to show beside `field` now.
    pub fn problems(self, field: DraftField) -> Vec<IpcError> {
        if !self.reveal.get() && !self.touched.with(|t| t.contains(&field)) {
            return Vec::new();
        }
        self.draft.with(|d| {
            self.plan.with(|p| {
                all_problems(d, p.as_ref())
                    .into_iter()
                    .filter(|p| p.field == field)
                    .map(|p| p.error)
                    .collect()
            })
        })
    }

    /// Runs `fut` in the page's scope.
    pub fn spawn(self, fut: impl std::future::Future<Output = ()> + 'static) {
        self.scope.run_in(move || spawn_local_scoped(fut));
    }

    /// Saves the draft if it changed since it was last saved; one save at a time (a save
    /// asked for during another is made by that one's next round).
    async fn save(self) {
        if self.saving.get_untracked() {
            return;
        }
        loop {
            let draft = self.draft.get_clone_untracked();
            let unchanged =
                draft == PublishDraft::default() || self.saved.with_untracked(|s| s.as_ref() == Some(&draft));
            if unchanged {
                return;
            }
            self.saving.set(true);
            let id = self.draft_id.get_clone_untracked();
            let result = ipc::call(&cmd::SaveDraft {
                id,
                draft: draft.clone(),
            })
            .await;
            self.saving.set(false);
            match result {
                Ok(id) => {
                    self.draft_id.set(Some(id));
                    self.saved.set(Some(draft));
                    self.saved_at
                        .set(Some(String::from(js_sys::Date::new_0().to_iso_string())));
                    self.drafts_changed.bump();
                }
                Err(e) => {
                    self.error.set(Some(e));
                    return;
                }
            }
        }
    }

    /// Saves what is pending now (a pending autosave is superseded) and waits for any save
    /// on its way: then the draft id and the saved draft agree.
    pub async fn flush(self) {
        self.save_ticket.update(|t| *t = t.wrapping_add(1));
        while self.saving.get_untracked() {
            sleep(50).await;
        }
        self.save().await;
    }

    /// Starts the composer afresh with `draft` (saved as `id`, if it was).
    pub fn load(self, draft: PublishDraft, id: Option<String>) {
        self.save_ticket.update(|t| *t = t.wrapping_add(1));
        self.saved.set(id.as_ref().map(|_| draft.clone()));
        self.saved_at.set(None);
        self.touched.set(HashSet::new());
        self.reveal.set(false);
        self.plan.set(None);
        self.files.set(HashMap::new());
        self.draft_id.set(id);
        self.draft.set(draft);
    }
}

#[component]
pub fn PublishPage() -> View {
    let state = app_state();
    let draft = state.publish_draft;
    let composer = Composer {
        draft,
        draft_id: state.publish_draft_id,
        plan: create_signal(None),
        touched: create_signal(HashSet::new()),
        reveal: create_signal(false),
        files: create_signal(HashMap::new()),
        accounts: create_signal(Vec::new()),
        groups: create_signal(Vec::new()),
        products: create_signal(Vec::new()),
        pools: create_signal(HashMap::new()),
        error: create_signal(None),
        plan_error: create_signal(None),
        outcome: create_signal(None),
        review: create_signal(None),
        drafts_changed: Reload::new(),
        uploads_kick: Reload::new(),
        saved: create_signal(
            state
                .publish_draft_id
                .with_untracked(Option::is_some)
                .then(|| draft.get_clone_untracked()),
        ),
        saving: create_signal(false),
        saved_at: create_signal(None),
        save_ticket: create_signal(0),
        scope: use_current_scope(),
    };

    // The accounts to publish as (bound ones), their groups, and the shop's products; read
    // again when sync brings data.
    create_effect(move || {
        state.data.track();
        spawn_local_scoped(async move {
            let filter = AccountFilter {
                binding: Some(BindingState::Bound),
                ..AccountFilter::default()
            };
            match ipc::call(&cmd::ListAccounts { filter }).await {
                Ok(rows) => {
                    if composer.accounts.with_untracked(|cur| *cur != rows) {
                        composer.accounts.set(rows);
                    }
                }
                Err(e) => composer.error.set(Some(e)),
            }
            if let Ok(g) = ipc::call(&cmd::ListAccountGroups {}).await {
                composer.groups.set(g);
            }
            if let Ok(p) = ipc::call(&cmd::ListProducts {}).await {
                if composer.products.with_untracked(|cur| *cur != p) {
                    composer.products.set(p);
                }
            }
        });
    });
    products::follow_pools(composer);
    media::follow_files(composer);

    // The live check: once typing pauses, the dry run of the draft as it stands (nothing is
    // queued). A newer keystroke aborts the wait of an older one.
    create_effect(move || {
        state.data.track();
        let draft = draft.get_clone();
        spawn_local_scoped(async move {
            sleep(PLAN_DELAY_MS).await;
            match ipc::call(&cmd::PlanPublish { draft }).await {
                Ok(plan) => {
                    composer.plan.set(Some(plan));
                    composer.plan_error.set(None);
                }
                Err(e) => composer.plan_error.set(Some(e)),
            }
        });
    });

    // Autosave, once typing pauses; the save itself runs in the page's scope, so the next
    // keystroke cannot abort it before its id is known.
    create_effect(move || {
        draft.track();
        let ticket = composer.save_ticket.get_untracked().wrapping_add(1);
        composer.save_ticket.set_silent(ticket);
        spawn_local_scoped(async move {
            sleep(SAVE_DELAY_MS).await;
            if composer.save_ticket.get_untracked() == ticket {
                composer.spawn(composer.save());
            }
        });
    });

    let needs_sign_in = create_selector(move || {
        state.status.with(|s| {
            s.as_ref()
                .is_some_and(|s| !s.signed_in && s.platform == mdesk_ipc::PlatformKind::Remote)
        })
    });
    let saved_text = move || {
        let lang = state.lang.get_clone();
        match composer.saved_at.get_clone() {
            Some(at) => state.t_args(
                "publish-draft-saved",
                &[("time", crate::format::local_minute(&at, &lang).into())],
            ),
            None if composer.draft_id.with(Option::is_some) => state.t("publish-draft-editing"),
            None => state.t("publish-draft-unsaved"),
        }
    };
    let new_draft = move |_| {
        composer.spawn(async move {
            composer.flush().await;
            composer.load(PublishDraft::default(), None);
        });
    };

    view! {
        section(class="page publish", data-testid="publish-screen") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("publish-title")) }
                    div(class="muted small", data-testid="publish-saved",
                        data-id=move || composer.draft_id.get_clone().unwrap_or_default()) { (saved_text()) }
                }
                button(class="secondary", data-testid="publish-new", on:click=new_draft) { (state.t("publish-new")) }
            }
            p(class="muted intro") { (state.t("publish-intro")) }
            (if state.whoami().is_some_and(|w| w.publishes_by_submission) {
                view! { p(class="role-note", data-testid="publish-by-submission") { (state.t("role-submit-instead")) } }
            } else if !state.may(mdesk_ipc::Permission::Submit) {
                view! { RoleNote(permission=mdesk_ipc::Permission::Publish) }
            } else { view! {} })
            ErrorNote(error=*composer.error)
            ErrorNote(error=*composer.plan_error)
            (if needs_sign_in.get() {
                view! { SignInForm {} }
            } else {
                view! {
                    Outcome(composer=composer)
                    UploadsCard(composer=composer)
                    div(class="publish-grid") {
                        div(class="publish-col") {
                            MediaCard(composer=composer)
                            WordsCard(composer=composer)
                            SettingsCard(composer=composer)
                        }
                        div(class="publish-col") {
                            AccountsCard(composer=composer)
                            ProductsCard(composer=composer)
                        }
                    }
                    review::ActionBar(composer=composer)
                    DraftsCard(composer=composer)
                    ReviewDialog(composer=composer)
                }
            })
        }
    }
}

/// The problems of `field`, each in plain words, beside the field.
#[component(inline_props)]
pub fn FieldProblems(composer: Composer, field: DraftField) -> View {
    let problems = create_memo(move || composer.problems(field));
    view! { (problem_views(field, problems.get_clone())) }
}

/// Problems in plain words; the broken rule (or the code) in `data-rule`, the detail on hover.
pub fn problem_views(field: DraftField, errors: Vec<IpcError>) -> View {
    let state = app_state();
    errors
        .into_iter()
        .map(|e| {
            let key = e.message_key();
            let rule = e.reason();
            view! {
                div(class="field-problem", data-testid="publish-problem", data-field=field_name(field), data-rule=rule,
                    title=e.message.clone()) {
                    (state.t(&key))
                }
            }
        })
        .collect::<Vec<_>>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_later_without_a_time_is_a_problem_not_publishing_now() {
        // The core reads an empty time as "no schedule": without this check a work meant for
        // later would go out at once.
        let later = PublishDraft {
            scheduled_at: Some("  ".into()),
            ..PublishDraft::default()
        };
        let problems = local_problems(&later);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, DraftField::Schedule);
        assert_eq!(problems[0].error.rule.as_deref(), Some("schedule_invalid"));
        assert!(
            local_problems(&PublishDraft::default()).is_empty(),
            "publish now is fine"
        );
        let timed = PublishDraft {
            scheduled_at: Some("2026-12-01T23:59:00+08:00".into()),
            ..PublishDraft::default()
        };
        assert!(local_problems(&timed).is_empty(), "a time is the core's to judge");
    }

    #[test]
    fn every_field_problem_has_words_in_both_languages() {
        // The dry run names the field of each problem; a raw key would show instead.
        for field in [
            DraftField::Title,
            DraftField::Text,
            DraftField::Topic,
            DraftField::Media,
            DraftField::Cover,
            DraftField::Products,
            DraftField::Schedule,
            DraftField::Accounts,
        ] {
            let key = format!("publish-field-{}", field_name(field));
            for (lang, _) in crate::i18n::LANGUAGES {
                assert_ne!(crate::i18n::translate(lang, &key, &[]), key, "{lang} lacks {key}");
            }
        }
    }
}
