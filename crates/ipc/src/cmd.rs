//! The Tauri commands, one type each: its name, its arguments (the fields) and its answer.
//! The shell's handler takes the type and the UI's `ipc::call` sends it, so a renamed command,
//! field or answer type fails to compile on both sides instead of failing at run time.
//!
//! On the wire a command's arguments travel as `{"args": {…camelCase fields…}}`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{
    AccountDetail, AccountFilter, AccountRow, AccountsPage, ActionRow, AuditFilter, AuditView, BatchAnswer,
    CheckedText, CommentsQuery, ContentCheck, Dashboard, DashboardQuery, DraftRow, ExportDone, ExportFormat, HealthRow,
    InboxComment, InvitationRow, KeychainState, Material, MediaInfo, MediaKind, NewWord, Notice, Period, PoolPlanRow,
    ProductRow, PublishDraft, PublishOutcome, PublishPlan, ReviewsQuery, Role, Scope, Settings, SignInForm,
    SubmissionDetail, SubmissionRow, SyncStatus, Tag, TeamView, UnbindPreview, UpdateInfo, UploadRow, WordImport,
    WordListSummary, WorkChange, WorkChangePlan, WorkDetail, WorkEditForm, WorksPage, WorksQuery,
};

/// One Tauri command.
pub trait Command: Serialize + DeserializeOwned {
    /// The name the shell registers the handler under.
    const NAME: &'static str;
    /// What the command answers with.
    type Output: Serialize + DeserializeOwned;
}

/// The key the arguments travel under.
pub const ARGS_KEY: &str = "args";

macro_rules! commands {
    ($(
        $(#[$meta:meta])*
        $name:ident = $wire:literal { $($field:ident : $ty:ty),* $(,)? } -> $out:ty;
    )+) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[serde(rename_all = "camelCase")]
            pub struct $name { $(pub $field: $ty),* }

            impl Command for $name {
                const NAME: &'static str = $wire;
                type Output = $out;
            }
        )+

        /// Every command's name: the shell checks it registers exactly these.
        pub const NAMES: &[&str] = &[$($wire),+];
    };
}

commands! {
    // Accounts and the matrix.
    /// The accounts the filter lets through, pending actions applied.
    ListAccounts = "list_accounts" { filter: AccountFilter } -> Vec<AccountRow>;
    /// The Accounts screen: the first `limit` rows the filter lets through, with the count and
    /// the ids of all of them (at 1,000 accounts, a tenth of the whole list to send and read).
    GetAccountsPage = "accounts_page" { filter: AccountFilter, limit: u32 } -> AccountsPage;
    ListAccountGroups = "account_groups" {} -> Vec<String>;
    GetAccountDetail = "account_detail" { account_id: String } -> AccountDetail;
    /// A local group; an empty name takes the account out of its group.
    SetAccountGroup = "set_account_group" { account_id: String, group: String } -> ();
    /// Queues the tag change; answers the action id.
    SetAccountTag = "set_account_tag" { account_id: String, tag: Tag } -> String;
    RequestGrant = "request_grant" { account_id: String, scope: Scope } -> String;
    RevokeGrant = "revoke_grant" { account_id: String, scope: Scope } -> String;
    SetShopCard = "set_shop_card" { account_id: String, enabled: bool } -> String;
    GetUnbindPreview = "unbind_preview" { account_id: String } -> UnbindPreview;
    Unbind = "unbind" { account_id: String } -> String;
    /// Sets one account's pool to exactly these products.
    SetPool = "set_pool" { account_id: String, product_ids: Vec<String> } -> String;
    ListProducts = "list_products" {} -> Vec<ProductRow>;
    /// The dry run of adding products to many accounts' pools: nothing is queued.
    PlanPool = "pool_plan" { account_ids: Vec<String>, product_ids: Vec<String> } -> Vec<PoolPlanRow>;
    /// Carries out the plan; answers the queued action ids.
    ApplyPool = "pool_apply" { account_ids: Vec<String>, product_ids: Vec<String> } -> Vec<String>;

    // Works and data.
    /// One page of the signed-in merchant's works.
    ListWorks = "list_works" { query: WorksQuery } -> WorksPage;
    /// How many works the query's filters let through (its sort, period and page do not matter).
    CountWorks = "count_works" { query: WorksQuery } -> u64;
    /// The Works screen's filters and sort as last used (they survive a restart).
    GetWorksView = "works_view" {} -> WorksQuery;
    SaveWorksView = "save_works_view" { query: WorksQuery } -> ();
    GetWorkDetail = "work_detail" { work_id: String, period: Period } -> WorkDetail;
    GetDashboard = "dashboard" { query: DashboardQuery } -> Dashboard;
    /// Every work the filters let through (all pages); progress travels as events.
    /// Asks where to save (a save dialog in the last export's folder); `None` when cancelled.
    ExportWorks = "export_works" { query: WorksQuery, format: ExportFormat } -> Option<ExportDone>;
    ExportDashboard = "export_dashboard" { query: DashboardQuery, format: ExportFormat } -> Option<ExportDone>;
    /// Opens the file manager at an exported file.
    ShowInFolder = "show_in_folder" { path: String } -> ();

    // The comments inbox.
    /// Comments on the matrix's works, newest first.
    ListComments = "list_comments" { query: CommentsQuery } -> Vec<InboxComment>;
    CountUnreadComments = "unread_comments" {} -> u32;
    /// Marks these comments read; an empty list marks every comment read.
    MarkCommentsRead = "mark_comments_read" { ids: Vec<String> } -> ();
    /// Queues a reply as the matrix account whose work it is; answers the action id. The
    /// content check's warnings need `accept_warnings`; a blocked word is refused.
    ReplyToComment = "reply_to_comment" { comment_id: String, text: String, accept_warnings: bool } -> String;
    /// Queues a like of the work as its own account; answers the action id.
    LikeWork = "like_work" { work_id: String } -> String;

    /// Queues a like (or an unlike) of a comment as the work's account; answers the action id.
    LikeComment = "like_comment" { comment_id: String, like: bool } -> String;
    /// Queues a comment on the work as its own account; answers the action id.
    CommentOnWork = "comment_on_work" { work_id: String, text: String, accept_warnings: bool } -> String;

    // Publishing safely: the content check, the material library, account health.
    /// The content check of copy as it would go out for these accounts (their own words too).
    CheckContent = "check_content" { text: CheckedText, account_ids: Vec<String> } -> ContentCheck;
    /// Settings → 内容检查: the shipped list in numbers and the merchant's own words.
    GetWordList = "word_list" {} -> WordListSummary;
    /// Adds an own word (or changes a listed one); answers its id.
    AddWord = "add_word" { word: NewWord } -> i64;
    RemoveWord = "remove_word" { id: i64 } -> ();
    /// Opens the system's file dialog and imports the chosen CSV; nothing when cancelled.
    ImportWords = "import_words" {} -> Option<WordImport>;
    /// Opens the system's save dialog and exports the own words as CSV; nothing when cancelled.
    ExportWords = "export_words" {} -> Option<ExportDone>;
    /// The material library, newest first, searched by file name, account or work title.
    ListMaterials = "list_materials" { query: String } -> Vec<Material>;
    /// The accounts that need attention, and why.
    GetAccountHealth = "account_health" {} -> Vec<HealthRow>;
    /// How many accounts need attention (the nav's count).
    CountAccountsNeedingAttention = "accounts_needing_attention" {} -> u32;

    // Publishing (the composer).
    /// Opens the system's file dialog for videos or images; answers the chosen paths (none
    /// when cancelled).
    PickMedia = "pick_media" { kind: MediaKind, multiple: bool } -> Vec<String>;
    /// What the composer shows for these files, and why one cannot be sent.
    InspectMedia = "inspect_media" { paths: Vec<String> } -> Vec<MediaInfo>;
    /// The dry run: nothing is queued, copied or uploaded.
    PlanPublish = "plan_publish" { draft: PublishDraft } -> PublishPlan;
    /// Queues one work per account that passes; deletes the draft once something was queued.
    Publish = "publish" { draft: PublishDraft, draft_id: Option<String> } -> PublishOutcome;
    /// Saves the draft (a new one without an id); answers its id.
    SaveDraft = "save_draft" { id: Option<String>, draft: PublishDraft } -> String;
    ListDrafts = "list_drafts" {} -> Vec<DraftRow>;
    DeleteDraft = "delete_draft" { id: String } -> ();
    /// The files of works on their way, for the progress bars.
    ListUploads = "list_uploads" {} -> Vec<UploadRow>;

    // Changing works.
    /// The dry run of a change to these works: nothing is queued.
    PlanWorkChange = "plan_work_change" { change: WorkChange, work_ids: Vec<String> } -> WorkChangePlan;
    /// Queues the change for every work the dry run lets through.
    ApplyWorkChange = "apply_work_change" { change: WorkChange, work_ids: Vec<String> } -> WorkChangePlan;
    /// Queues an edit (the work goes back to review); answers the action id.
    EditWork = "edit_work" { work_id: String, form: WorkEditForm } -> String;

    // Invitations.
    ListInvitations = "list_invitations" {} -> Vec<InvitationRow>;
    Invite = "invite" { guangguang_id: String, phone: String, tag: Tag } -> String;
    /// Answers the cancel action's id, or nothing when the invite had not left yet.
    CancelInvitation = "cancel_invitation" { id: String } -> Option<String>;

    // Audit trail and notices.
    GetAuditTrail = "audit_trail" { filter: AuditFilter } -> Vec<AuditView>;
    ListAuditStaff = "audit_staff" {} -> Vec<String>;
    ExportAudit = "export_audit" { filter: AuditFilter, format: ExportFormat } -> Option<ExportDone>;
    ListNotices = "list_notices" {} -> Vec<Notice>;
    CountUnreadNotices = "unread_notices" {} -> u32;
    MarkNoticesRead = "mark_notices_read" {} -> ();
    /// The report of a repaired database was read: stop showing it.
    DismissRecovery = "dismiss_recovery" {} -> ();

    // The outbox.
    ListActions = "list_actions" {} -> Vec<ActionRow>;
    CancelAction = "cancel_action" { id: String } -> ();
    /// Answers the new action's id (the same one when asked twice).
    RetryAction = "retry_action" { id: String } -> String;

    // Settings, session, sync.
    GetSettings = "get_settings" {} -> Settings;
    SetLanguage = "set_language" { language: String } -> ();
    SetStaffName = "set_staff_name" { name: String } -> ();
    // The team (staff, approval) and the Reviews screen.
    /// Settings → Team: who is signed in, the staff, the approval switch.
    GetTeam = "team_view" {} -> TeamView;
    /// A staff member who signs in as `merchant:name`; the password goes to the keychain until sent.
    AddStaff = "add_staff" { name: String, display_name: Option<String>, role: Role, password: String } -> String;
    SetStaffRole = "set_staff_role" { login: String, role: Role } -> String;
    ResetStaffPassword = "reset_staff_password" { login: String, password: String } -> String;
    SetStaffDisabled = "set_staff_disabled" { login: String, disabled: bool } -> String;
    SetApproval = "set_approval" { required: bool } -> String;
    ListReviews = "list_reviews" { query: ReviewsQuery } -> Vec<SubmissionRow>;
    GetSubmission = "submission_detail" { id: String } -> SubmissionDetail;
    /// Approves each at the version shown, or (`dry_run`) says what approving would do.
    ApproveSubmissions = "approve_submissions" { ids: Vec<String>, dry_run: bool } -> Vec<BatchAnswer>;
    ReturnSubmissions = "return_submissions" { ids: Vec<String>, reason: String, dry_run: bool } -> Vec<BatchAnswer>;
    WithdrawSubmission = "withdraw_submission" { id: String } -> String;
    /// A new version of one's own submission from the draft (no files: keeps the uploaded ones).
    ReviseSubmission = "revise_submission" { id: String, draft: PublishDraft } -> String;
    SetSyncInterval = "set_sync_interval" { secs: u32 } -> ();
    SetKeepSyncingOnClose = "set_keep_syncing_on_close" { on: bool } -> ();
    /// Where the app's log files are (for support).
    GetLogFolder = "log_folder" {} -> String;
    OpenLogFolder = "open_log_folder" {} -> ();
    SignIn = "sign_in" { form: SignInForm } -> ();
    SignOut = "sign_out" {} -> ();
    UseDemoPlatform = "use_demo_platform" {} -> ();
    /// Signs in to the embedded demo platform as one of its team (`demo:xiaoli`, …).
    UseDemoPlatformAs = "use_demo_platform_as" { login: String } -> ();
    GetSyncStatus = "sync_status" {} -> SyncStatus;
    /// The first screen has rendered, `webview_ms` after the page started loading: logged, so
    /// start-up time can be read from any user's log file (and measured by the benchmark).
    /// `ui_started_ms` (the wasm UI began to run) and `data_ms` (the first rows arrived) are
    /// on the same clock, so a slow start shows where its time went.
    ReportFirstScreen = "report_first_screen" { webview_ms: u32, ui_started_ms: u32, data_ms: u32 } -> ();
    SyncNow = "sync_now" {} -> ();
    /// Asks the OS keychain whether it answers. With `retry` (the no-keychain screen's Retry)
    /// and an answer, the app then connects and syncs.
    GetKeychainState = "keychain_state" { retry: bool } -> KeychainState;
    /// The person's explicit choice: keep this data folder's sign-in in a file (weaker than
    /// the keychain), remembered for the folder. Then the app connects and syncs.
    UseFileSecretStore = "use_file_secret_store" {} -> KeychainState;

    // Updates of the app itself: nothing is installed without the user's click.
    /// Asks the update server for a newer version; `None` when this is the latest.
    CheckForUpdate = "check_for_update" {} -> Option<UpdateInfo>;
    /// Downloads the newer version (progress travels as events), verifies its signature,
    /// installs it and restarts the app. Answers only when it could not.
    InstallUpdate = "install_update" {} -> ();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        // Two commands under one name would make the shell dispatch one to the other's handler.
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMES.len());
    }

    #[test]
    fn arguments_travel_in_camel_case() {
        // Tauri and the shell read camelCase keys; a snake_case key would arrive as missing.
        let json = serde_json::to_value(SetAccountTag {
            account_id: "a1".into(),
            tag: Tag::BrandPersona,
        })
        .expect("serializes");
        assert_eq!(json, serde_json::json!({"accountId": "a1", "tag": "brand_persona"}));
    }
}
