# Matrix Desk — English
app-title = Matrix Desk
app-subtitle = 1+N account matrix

nav-accounts = Matrix accounts
nav-settings = Settings

accounts-title = Matrix accounts
accounts-count = { $count ->
    [one] 1 account
   *[other] { $count } accounts
}
accounts-search = Search nickname or Guangguang ID
accounts-empty = No matrix accounts yet.
accounts-empty-filtered = No account matches.
accounts-loading = Reading local data…
col-nickname = Nickname
col-gg = Guangguang ID
col-tag = Type
col-binding = Binding
col-publish = Publish
col-interact = Interact
col-pool = Product pool
col-works = Works

tag-staff = Staff
tag-store = Store
tag-brand_persona = Brand persona
tag-other = Other

binding-invited = Invited
binding-bound = Bound
binding-unbind_requested = Unbind requested (email)
binding-unbound = Unbound

grant-none = Not requested
grant-requested = Requested
grant-granted = Granted
grant-declined = Declined
grant-revoked = Revoked

status-online = Online
status-offline = Offline
status-connecting = Connecting…
status-demo = Demo platform
status-remote = Platform
status-last-sync = Last sync { $time }
status-never-synced = Not synced yet
status-queued = { $count } queued
status-failed = { $count } failed
status-syncing = Syncing…
status-progress = Syncing { $done } / { $total } ({ $percent }%)
status-sync-now = Sync now
status-signed-out = Signed out

signin-title = Sign in to the platform
signin-intro = Sign in with the merchant main account to sync its matrix to this computer.
signin-url = Platform address
signin-username = Username
signin-password = Password
signin-submit = Sign in
signin-busy = Signing in…
signin-demo = Use the demo platform

whitelist-title = Account matrix management needs whitelisting
whitelist-body = The account matrix feature is open to whitelisted merchants only. Your main account "{ $merchant }" is not on the whitelist yet, so there are no matrix accounts to manage.
whitelist-how = To apply, contact your platform business or operations manager with the main account, shop name and category. Once approved, sync again and the feature is ready.

settings-title = Settings
settings-language = Language
settings-staff-name = Staff name
settings-staff-name-hint = Delegated actions are recorded in the audit trail under this name.
settings-sync-interval = Sync interval (seconds)
settings-save = Save
settings-saved = Saved
settings-platform = Platform
settings-platform-demo = Connected to the built-in demo platform (simulated data).
settings-platform-remote = Connected to { $url }
settings-account = Signed in as
settings-sign-out = Sign out
settings-switch-remote = Connect to a real platform

error-unauthorized = Wrong username or password, or the sign-in has expired. Please sign in again.
error-not_whitelisted = This main account is not whitelisted for account matrix management.
error-validation = The platform says what was sent is not acceptable.
error-unknown_account = There is no account with this Guangguang ID on the platform.
error-phone_mismatch = The phone number is not the one this Guangguang ID registered with.
error-already_bound = This account is already one of your matrix accounts.
error-bound_elsewhere = This account is bound to another merchant.
error-not_bound = This account is no longer bound; nothing was done.
error-permission_required = This account has not granted the permission needed (or it was revoked).
error-not_in_product_pool = A chosen product is not in this account's product pool.
error-pin_limit = An account can pin at most 3 works.
error-not_found = The platform cannot find this; it may have been deleted.
error-conflict = Someone else changed this; sync and try again.
error-rate_limited = The platform asks us to slow down; retrying automatically.
error-platform_fault = The platform had a temporary fault; retrying automatically.
error-offline = Cannot reach the platform; working offline. Synced data stays readable.
error-not_signed_in = Not signed in, or the sign-in expired. Please sign in again.
error-keychain_unavailable = The system keychain is not available to keep the sign-in.
error-invalid_input = The input is not valid.
error-newer_database = This data was written by a newer Matrix Desk. Please upgrade to open it.
error-database = Reading or writing the local database failed.
error-internal = Something unexpected went wrong.
error-detail = Detail: { $detail }

nav-activity = Activity
activity-title = Activity
activity-intro = Every delegated action is queued first and synced to the platform in the background; a failure says why.
activity-empty = No actions yet.
activity-next-try = retrying at { $time }
col-time = Time
col-staff = Staff
col-action = Action
col-state = State
col-attempts = Attempts
col-detail = Detail
col-shop-card = Shop card
action-retry = Retry
action-cancel = Cancel
action-state-queued = Queued
action-state-sending = Sending
action-state-applied = Synced
action-state-rejected = Rejected by the platform
action-state-needs_sign_in = Needs sign-in
action-state-reconciling = Confirming outcome
action-state-cancelled = Cancelled
shop-card-on = On
shop-card-off = Off
account-pending = { $count ->
    [one] 1 pending
   *[other] { $count } pending
}
error-staff_name_missing = Set your staff name in Settings first: delegated actions are recorded under it.
intention-invite = Invite
intention-cancel_invite = Cancel invitation
intention-request_grant = Request permission
intention-revoke_grant = Revoke permission
intention-unbind = Unbind
intention-set_pool = Set product pool
intention-set_shop_card = Shop card
intention-publish = Publish
intention-edit = Edit work
intention-delete = Delete work
intention-pin = Pin
intention-unpin = Unpin
intention-set_privacy = Privacy
intention-comment = Comment / reply
intention-like = Like
intention-unlike = Unlike
