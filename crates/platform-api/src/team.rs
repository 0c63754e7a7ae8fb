//! A merchant's team on the platform: staff sub-accounts (子账号) with roles, what each role
//! may do, and four-eyes approval of what operators write (submissions). The one place the
//! role table lives: the simulator enforces it and the app disables controls by it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ApiError, NewWork, WorkEdit};

crate::wire_enum! {
    /// Who a signed-in person is to the merchant. The merchant's own sign-in is the owner.
    pub enum Role {
        Owner = "owner",
        Admin = "admin",
        Operator = "operator",
        Reviewer = "reviewer",
        Analyst = "analyst",
    }
}

crate::wire_enum! {
    /// One thing a role may do. Reading is open to every role and needs none.
    pub enum Permission {
        /// Add staff, set roles, reset passwords, disable.
        ManageStaff = "manage_staff",
        /// Team settings: the approval switch.
        ManageSettings = "manage_settings",
        /// Invitations, unbinding, grants, product pools, shop cards, tags.
        ManageMatrix = "manage_matrix",
        /// Upload media for a work (to publish it or to submit it).
        Upload = "upload",
        /// Publish, edit, delete, pin and set the privacy of works directly.
        Publish = "publish",
        /// Submit works (and edits of live works) for review; revise and withdraw one's own.
        Submit = "submit",
        /// Approve or return someone else's submission.
        Review = "review",
        /// Comments, replies and likes as a matrix account.
        Interact = "interact",
    }
}

impl Role {
    /// Whether this role may do `permission`; `approval_required` is the merchant's switch,
    /// which takes direct publishing away from operators.
    pub fn may(self, permission: Permission, approval_required: bool) -> bool {
        use Permission as P;
        match self {
            Role::Owner => true,
            Role::Admin => permission != P::ManageStaff,
            Role::Operator => match permission {
                P::Upload | P::Submit | P::Interact => true,
                P::Publish => !approval_required,
                P::ManageStaff | P::ManageSettings | P::ManageMatrix | P::Review => false,
            },
            Role::Reviewer => matches!(permission, P::Upload | P::Publish | P::Review),
            Role::Analyst => false,
        }
    }

    /// Every permission this role holds, in declaration order.
    pub fn permissions(self, approval_required: bool) -> Vec<Permission> {
        Permission::ALL
            .iter()
            .copied()
            .filter(|p| self.may(*p, approval_required))
            .collect()
    }

    /// Whether publishing as this role goes through review: the operator's case while the
    /// merchant requires approval.
    pub fn publishes_by_submission(self, approval_required: bool) -> bool {
        !self.may(Permission::Publish, approval_required) && self.may(Permission::Submit, approval_required)
    }
}

/// What an API operation needs beyond a valid token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Any role (reads; the caller's own answers).
    Read,
    Permission(Permission),
}

/// What `method` on the route `template` (as written in docs/platform-api.yaml) needs, or
/// `None` for a route the table does not know, which the platform refuses to everyone.
pub fn need_of(method: &str, template: &str) -> Option<Need> {
    use Permission as P;
    let p = |p| Some(Need::Permission(p));
    match (method, template) {
        ("GET", _) => Some(Need::Read),
        ("POST", "/v1/invitations")
        | ("DELETE", "/v1/invitations/{id}")
        | ("DELETE", "/v1/accounts/{id}")
        | ("POST", "/v1/accounts/{id}/grant-requests")
        | ("DELETE", "/v1/accounts/{id}/grants/{scope}")
        | ("PUT", "/v1/accounts/{id}/product-pool")
        | ("PUT", "/v1/accounts/{id}/shop-card")
        | ("PUT", "/v1/accounts/{id}/tag") => p(P::ManageMatrix),
        ("POST", "/v1/media") => p(P::Upload),
        ("POST", "/v1/accounts/{id}/works")
        | ("PATCH", "/v1/works/{id}")
        | ("DELETE", "/v1/works/{id}")
        | ("PUT", "/v1/works/{id}/pin")
        | ("DELETE", "/v1/works/{id}/pin")
        | ("PUT", "/v1/works/{id}/privacy") => p(P::Publish),
        ("POST", "/v1/works/{id}/comments")
        | ("PUT", "/v1/works/{id}/like")
        | ("DELETE", "/v1/works/{id}/like")
        | ("PUT", "/v1/comments/{id}/like")
        | ("DELETE", "/v1/comments/{id}/like") => p(P::Interact),
        ("POST", "/v1/staff")
        | ("PUT", "/v1/staff/{login}/role")
        | ("PUT", "/v1/staff/{login}/password")
        | ("PUT", "/v1/staff/{login}/disabled") => p(P::ManageStaff),
        ("PUT", "/v1/settings/approval") => p(P::ManageSettings),
        ("POST", "/v1/submissions") | ("PUT", "/v1/submissions/{id}") | ("POST", "/v1/submissions/{id}/withdraw") => {
            p(P::Submit)
        }
        ("POST", "/v1/submissions/{id}/approve") | ("POST", "/v1/submissions/{id}/return") => p(P::Review),
        _ => None,
    }
}

/// The message of a `role_forbidden` refusal: the role and what it lacks.
pub fn forbidden_message(role: Role, permission: Permission, approval_required: bool) -> String {
    if role == Role::Operator && permission == Permission::Publish && approval_required {
        return "the operator role may not publish or change works directly while approval is on; submit them for review"
            .to_owned();
    }
    format!("the {role} role lacks the {permission} permission")
}

/// A staff sub-account of the merchant (`GET /v1/staff`, and `staff` in the change feed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// How they sign in: `merchant:staff`, e.g. `demo:xiaoli`.
    pub login: String,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// `POST /v1/staff`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStaff {
    /// The part after `merchant:`: 2–32 lowercase letters, digits, `_` or `-`.
    pub name: String,
    /// What the team calls them (shown in the audit trail); defaults to `name`.
    #[serde(default)]
    pub display_name: Option<String>,
    pub role: Role,
    pub password: String,
}

/// `PUT /v1/staff/{login}/role`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChange {
    pub role: Role,
}

/// `PUT /v1/staff/{login}/password`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub password: String,
}

/// `PUT /v1/staff/{login}/disabled`: disabling revokes the person's tokens at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDisabled {
    pub disabled: bool,
}

/// `PUT /v1/settings/approval`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalSetting {
    pub required: bool,
}

/// Who is signed in (`GET /v1/me` beside the merchant's fields). A platform without teams
/// answers none of these fields: the caller is then the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// `demo` for the owner, `demo:xiaoli` for a staff member.
    pub login: String,
    pub name: String,
    pub role: Role,
    pub permissions: Vec<Permission>,
}

/// Smallest and largest password a staff member may be given.
pub const STAFF_PASSWORD_LEN: (usize, usize) = (8, 128);

/// Checks the part of a staff login after `merchant:`.
pub fn check_staff_name(name: &str) -> Result<(), String> {
    let ok_len = (2..=32).contains(&name.chars().count());
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if ok_len && ok_chars {
        Ok(())
    } else {
        Err(format!(
            "a staff name is 2-32 lowercase letters, digits, '_' or '-', not {name:?}"
        ))
    }
}

/// Checks a new staff password's length.
pub fn check_staff_password(password: &str) -> Result<(), String> {
    let (min, max) = STAFF_PASSWORD_LEN;
    let n = password.chars().count();
    if (min..=max).contains(&n) {
        Ok(())
    } else {
        Err(format!("a password is {min}-{max} characters long"))
    }
}

crate::wire_enum! {
    /// Where a submission stands.
    pub enum SubmissionState {
        /// Waiting for a reviewer.
        Pending = "pending",
        /// Sent back with a reason; the submitter may revise or withdraw it.
        Returned = "returned",
        /// Approved and carried out (see its results).
        Approved = "approved",
        /// Taken back by the submitter.
        Withdrawn = "withdrawn",
    }
}

/// What a submission asks the platform to do once approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proposal {
    /// Publish `work` to each of `account_ids`.
    Publish { account_ids: Vec<String>, work: NewWork },
    /// Edit the live work `work_id`.
    Edit { work_id: String, edit: WorkEdit },
}

impl Proposal {
    /// The matrix accounts the proposal writes as (for an edit, none named here: the work's).
    pub fn account_ids(&self) -> &[String] {
        match self {
            Proposal::Publish { account_ids, .. } => account_ids,
            Proposal::Edit { .. } => &[],
        }
    }
}

/// A person, as a submission names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub login: String,
    pub name: String,
}

/// What approval did for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionResult {
    pub account_id: String,
    /// The work published (or edited); none when the platform refused.
    #[serde(default)]
    pub work_id: Option<String>,
    #[serde(default)]
    pub error: Option<ApiError>,
}

/// A work (or an edit) waiting for a second person (`GET /v1/submissions`, and `submission`
/// in the change feed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    /// 1 when submitted; each revision adds one. Reviews name the version they saw.
    pub version: u32,
    pub state: SubmissionState,
    pub proposal: Proposal,
    /// The version before the last revision, to compare with.
    #[serde(default)]
    pub previous: Option<Proposal>,
    pub submitted_by: Actor,
    pub submitted_at: DateTime<Utc>,
    #[serde(default)]
    pub reviewed_by: Option<Actor>,
    #[serde(default)]
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Why it was returned.
    #[serde(default)]
    pub reason: Option<String>,
    /// Filled in on approval: one per target account.
    #[serde(default)]
    pub results: Vec<SubmissionResult>,
    pub updated_at: DateTime<Utc>,
}

/// `GET /v1/submissions?state=&cursor=&limit=`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionsPage {
    pub submissions: Vec<Submission>,
    /// Pass as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
}

/// `POST /v1/submissions` and `PUT /v1/submissions/{id}` (a revision).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSubmission {
    pub proposal: Proposal,
}

/// `POST /v1/submissions/{id}/approve`: approves the version the reviewer saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub version: u32,
}

/// `POST /v1/submissions/{id}/return`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRequest {
    pub version: u32,
    pub reason: String,
}

/// Longest reason a return may give, in characters.
pub const MAX_RETURN_REASON_CHARS: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_role_table_matches_the_contract() {
        use Permission as P;
        // Owner: everything; admin: all but staff; analyst: nothing beyond reading.
        assert_eq!(Role::Owner.permissions(true).len(), Permission::ALL.len());
        assert_eq!(Role::Admin.permissions(true), {
            let mut all = Permission::ALL.to_vec();
            all.retain(|p| *p != P::ManageStaff);
            all
        });
        assert!(Role::Analyst.permissions(false).is_empty(), "analysts only read");
        // The operator publishes directly only while approval is off.
        assert!(Role::Operator.may(P::Publish, false));
        assert!(!Role::Operator.may(P::Publish, true));
        assert!(Role::Operator.publishes_by_submission(true));
        assert!(
            !Role::Reviewer.publishes_by_submission(true),
            "reviewers publish directly"
        );
        assert!(
            !Role::Operator.may(P::ManageMatrix, false),
            "operators do no matrix administration"
        );
        assert!(Role::Reviewer.may(P::Review, true) && !Role::Reviewer.may(P::Interact, true));
    }

    #[test]
    fn every_write_route_has_a_rule_and_unknown_routes_have_none() {
        assert_eq!(need_of("GET", "/v1/anything"), Some(Need::Read));
        assert_eq!(
            need_of("POST", "/v1/submissions/{id}/approve"),
            Some(Need::Permission(Permission::Review))
        );
        assert_eq!(need_of("POST", "/v1/not-yet-written"), None, "no rule, no access");
    }

    #[test]
    fn staff_names_and_passwords_are_checked() {
        assert!(check_staff_name("xiaoli").is_ok());
        assert!(check_staff_name("Xiao Li").is_err(), "no capitals or spaces");
        assert!(check_staff_name("a").is_err(), "too short");
        assert!(check_staff_password("short").is_err());
        assert!(check_staff_password("long enough").is_ok());
    }

    #[test]
    fn a_proposal_travels_tagged_by_kind() {
        let p = Proposal::Edit {
            work_id: "w-1".into(),
            edit: WorkEdit::default(),
        };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["kind"], "edit", "the kind names the proposal: {json}");
        assert_eq!(serde_json::from_value::<Proposal>(json).unwrap(), p);
    }
}
