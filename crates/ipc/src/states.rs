//! The app's own state machines, beside the platform's (`BindingState`, `GrantState`, …,
//! re-exported from `mdesk-platform-api`). Each rule about a state is a method here, so core,
//! CLI and UI agree; the UI renders the flags the core computed and never compares states.

use mdesk_platform_api::{wire_enum, InvitationState};

wire_enum! {
    /// Where an outbox action is on its way to the platform.
    pub enum ActionState {
        /// Waiting to be sent (possibly after a backoff).
        Queued = "queued",
        /// On the wire now.
        Sending = "sending",
        /// Outcome unknown (network, platform fault, crash mid-send): sent again with the same
        /// key, so it can never apply twice.
        Reconciling = "reconciling",
        /// Waits for a sign-in.
        NeedsSignIn = "needs_sign_in",
        Applied = "applied",
        /// Refused by the platform, with its code.
        Rejected = "rejected",
        /// The staff member took it back before it left.
        Cancelled = "cancelled",
    }
}

impl ActionState {
    /// Still has to reach the platform: counts as pending and overlays what screens show.
    pub const fn is_open(self) -> bool {
        matches!(
            self,
            Self::Queued | Self::Sending | Self::Reconciling | Self::NeedsSignIn
        )
    }

    /// The sync worker may send it (when due).
    pub const fn is_sendable(self) -> bool {
        matches!(self, Self::Queued | Self::Reconciling)
    }

    /// Has not left this computer, so taking it back cannot race the platform.
    pub const fn can_cancel(self) -> bool {
        matches!(self, Self::Queued | Self::NeedsSignIn)
    }

    /// May be tried again as a new action (the platform would replay a rejection for the
    /// old key). Whether a particular action may, also depends on what it is: see the core.
    pub const fn can_retry(self) -> bool {
        matches!(self, Self::Rejected)
    }

    /// Finished: the platform answered, or the staff member cancelled.
    pub const fn is_final(self) -> bool {
        matches!(self, Self::Applied | Self::Rejected | Self::Cancelled)
    }

    /// `('queued', 'sending', …)`: the states `keep` selects, as an SQL list (text made from
    /// the enum, never typed by hand).
    pub fn sql_list(keep: fn(Self) -> bool) -> String {
        let names: Vec<String> = Self::ALL
            .iter()
            .filter(|s| keep(**s))
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        format!("({})", names.join(", "))
    }
}

wire_enum! {
    /// An invitation as the Invitations screen shows it: the platform's states, plus an
    /// invite still on its way (`sending`) or refused by the platform (`refused`).
    pub enum InvitationStatus {
        Sending = "sending",
        Refused = "refused",
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        Expired = "expired",
        Cancelled = "cancelled",
    }
}

impl From<InvitationState> for InvitationStatus {
    fn from(s: InvitationState) -> Self {
        match s {
            InvitationState::Pending => Self::Pending,
            InvitationState::Accepted => Self::Accepted,
            InvitationState::Declined => Self::Declined,
            InvitationState::Expired => Self::Expired,
            InvitationState::Cancelled => Self::Cancelled,
        }
    }
}

wire_enum! {
    /// What an export is written as.
    pub enum ExportFormat {
        Csv = "csv",
        Xlsx = "xlsx",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_actions_that_have_not_left_can_be_cancelled() {
        // Cancelling a sending or reconciling action would race the platform.
        let cancellable: Vec<_> = ActionState::ALL.iter().filter(|s| s.can_cancel()).collect();
        assert_eq!(cancellable, [&ActionState::Queued, &ActionState::NeedsSignIn]);
        for s in ActionState::ALL {
            assert!(
                !s.can_cancel() || s.is_open(),
                "{s}: only an open action can be cancelled"
            );
            assert!(!(s.is_open() && s.is_final()), "{s}: open and final exclude each other");
            assert!(s.is_open() || s.is_final(), "{s}: every state is open or final");
        }
    }

    #[test]
    fn only_rejected_actions_can_be_retried() {
        let retryable: Vec<_> = ActionState::ALL.iter().filter(|s| s.can_retry()).collect();
        assert_eq!(retryable, [&ActionState::Rejected]);
    }

    #[test]
    fn sql_lists_are_made_from_the_enum() {
        assert_eq!(
            ActionState::sql_list(ActionState::is_open),
            "('queued', 'sending', 'reconciling', 'needs_sign_in')"
        );
        assert_eq!(
            ActionState::sql_list(ActionState::is_sendable),
            "('queued', 'reconciling')"
        );
    }
}

wire_enum! {
    /// What an outbox action is: the kind of intention it carries (`mdesk_core::outbox::kinds`,
    /// one file each; a test there keeps the two lists one).
    pub enum ActionKind {
        Invite = "invite",
        CancelInvite = "cancel_invite",
        RequestGrant = "request_grant",
        RevokeGrant = "revoke_grant",
        Unbind = "unbind",
        SetPool = "set_pool",
        SetShopCard = "set_shop_card",
        SetTag = "set_tag",
        Publish = "publish",
        Edit = "edit",
        Delete = "delete",
        Pin = "pin",
        Unpin = "unpin",
        SetPrivacy = "set_privacy",
        Comment = "comment",
        Like = "like",
        Unlike = "unlike",
        LikeComment = "like_comment",
        UnlikeComment = "unlike_comment",
        Submit = "submit",
        SubmitEdit = "submit_edit",
        Withdraw = "withdraw",
        Approve = "approve",
        ReturnSubmission = "return_submission",
        AddStaff = "add_staff",
        SetStaffRole = "set_staff_role",
        ResetStaffPassword = "reset_staff_password",
        SetStaffDisabled = "set_staff_disabled",
        SetApproval = "set_approval",
    }
}

wire_enum! {
    /// What a notice tells (migrations write them from triggers; the kinds are the notice
    /// table's CHECK list).
    pub enum NoticeKind {
        InvitationAccepted = "invitation_accepted",
        InvitationDeclined = "invitation_declined",
        GrantGranted = "grant_granted",
        GrantDeclined = "grant_declined",
        ActionRejected = "action_rejected",
        WorkRejected = "work_rejected",
        WorkApproved = "work_approved",
        NewComment = "new_comment",
        SubmissionSubmitted = "submission_submitted",
        SubmissionApproved = "submission_approved",
        SubmissionReturned = "submission_returned",
    }
}

impl NoticeKind {
    /// News a person would rather not have: a refusal, a rejection, a return.
    pub const fn is_bad(self) -> bool {
        matches!(
            self,
            Self::InvitationDeclined
                | Self::GrantDeclined
                | Self::ActionRejected
                | Self::WorkRejected
                | Self::SubmissionReturned
        )
    }
}

wire_enum! {
    /// What a submission proposes.
    pub enum SubmissionKind {
        /// A new work for its target accounts.
        Publish = "publish",
        /// An edit of a live work.
        Edit = "edit",
    }
}
