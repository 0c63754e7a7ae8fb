# Matrix Desk — English
app-title = Matrix Desk
app-subtitle = 1+N account matrix

nav-accounts = Matrix accounts
nav-settings = Settings

accounts-show-more = Show { $count } more ({ $shown } of { $total } shown)
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
settings-desktop = On this computer
settings-keep-syncing = Keep syncing in the background when the window is closed
settings-keep-syncing-hint = The window hides to the tray icon and queued actions keep going out. Quit from the tray icon's menu. When off, closing the window quits the app; queued actions wait for the next start.
settings-log-folder = Log files
settings-log-folder-hint = Send these to support if something goes wrong. Tokens, passwords and phone numbers are never written to them.
settings-open-log-folder = Open log folder

error-unauthorized = Wrong username or password, or the sign-in has expired. Please sign in again.
error-not_whitelisted = This main account is not whitelisted for account matrix management.
error-role_forbidden = Your role on this team may not do this. Ask the shop's owner or an admin.
error-staff_disabled = The shop's owner disabled this staff account, so this desk is signed out. Ask the owner to enable it again.
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
error-disk_full = The disk is full. Nothing was half written and everything already saved is still readable. Free some space; Matrix Desk goes on by itself once there is room.
error-database_damaged = The local database is damaged. Matrix Desk is repairing it: queued actions, drafts and the audit trail are saved first, then the matrix data is downloaded again from the platform.
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
intention-set_tag = Change type

nav-invitations = Invitations
nav-notices = Notifications
col-group = Group
col-on-behalf = On behalf of
col-outcome = Outcome
dialog-close = Close
dialog-cancel = Cancel

filter-all-tags = All types
filter-all-groups = All groups
filter-no-group = No group
filter-all-bindings = All binding states
accounts-selected = { $count ->
    [one] 1 account selected
   *[other] { $count } accounts selected
}
accounts-clear-selection = Clear selection

invite-open = Add matrix account
invitations-title = Invitations
invitations-intro = Invite an account by its Guangguang ID and the mobile number it registered with; it becomes a matrix account once its owner accepts in the app.
invite-gg-hint = e.g. qinghe_store01
invite-phone = Registered mobile
invite-phone-hint = 11-digit mobile number
invite-phone-note = The platform checks that the number is the one this account registered with. Matrix Desk keeps only the masked number (138****1234); the full number is sent once and never stored.
invite-submit = Send invitation
invite-sent = Invitation queued; it is sent to the platform at once when online.
invite-faq-title = Which accounts can be bound?
invite-faq-who = Bind the merchant's own accounts and those of cooperating people: staff accounts, store accounts and brand persona accounts. Each account owner must accept the invitation, and may later ask to unbind by email.
invite-faq-paid = Paid collaborations with creators (influencer marketing) do not use account binding; they go through the platform's creator collaboration channel.
invitation-expires = Expires
invitation-sending = Sending
invitation-refused = Refused by the platform
invitation-pending = Waiting for the account
invitation-accepted = Accepted
invitation-declined = Declined
invitation-expired = Expired
invitation-cancelled = Cancelled
invitation-cancel = Cancel invitation
invitations-empty = No invitations yet.

detail-back = ← All matrix accounts
detail-bound-at = bound { $time }
detail-unbind-requested = The account's owner asked by email to unbind it from this merchant. The platform is processing the request; until then the account stays bound, and it will then show as unbound with every permission revoked.
detail-unbound = This account is no longer bound to the merchant: its permissions, product pool and shop card are gone.
detail-classify = Type and group
detail-group-hint = e.g. Hangzhou stores
detail-group-local = Groups are this computer's own way of sorting accounts; the type is saved on the platform.
detail-permissions = Permissions
detail-permissions-intro = Staff may act for the account only with a permission its owner granted; the owner can decline or withdraw it at any time.
detail-needs-bound = Available while the account is bound.
scope-publish = Proxy publishing
scope-interact = Proxy interaction
scope-publish-allows = Lets staff publish new works for this account, and edit, delete, pin and unpin its works or make them public or private.
scope-interact-allows = Lets staff comment, reply and like as this account.
grant-since = since { $time }
grant-pending = sending…
grant-request = Request
grant-revoke = Revoke
grant-revoke-confirm = Revoke { $scope }? Queued actions that need it will be refused.

detail-pool = Product pool
pool-intro = Works of a matrix account may attach only products from its pool, and they attach commission-free.
pool-commission-free = Commission-free
pool-picked = { $count } products picked
pool-save = Save pool
pool-bulk-open = Add to product pools…
pool-bulk-title = Add products to the selected accounts' pools
pool-dry-run = Dry run
pool-before = Now
pool-after = After
pool-verdict = What will happen
pool-nothing-new = Already in the pool; nothing to send
pool-will-add = { $count ->
    [one] adds 1 product
   *[other] adds { $count } products
}
pool-confirm = { $count ->
    [one] Send to 1 account
   *[other] Send to { $count } accounts
}
pool-bulk-done = { $count ->
    [one] Queued for 1 account.
   *[other] Queued for { $count } accounts.
}

shop-card-intro = Shows the shop's storefront card on the account's homepage.

unbind-title = Unbind account
unbind-intro = Unbinding ends the matrix relationship. The account's owner keeps the account and its works.
unbind-confirm-title = Unbind { $nickname } ({ $gg })? This will:
unbind-revokes-scope = revoke { $scope }
unbind-clears-pool = { $count ->
    [one] empty its product pool (1 product)
   *[other] empty its product pool ({ $count } products)
}
unbind-hides-card = hide the shop card on its homepage
unbind-queued = { $count ->
    [one] leave 1 queued action to be refused by the platform
   *[other] leave { $count } queued actions to be refused by the platform
}
unbind-nothing-else = end the binding (it has no permissions, pool or shop card now)
unbind-yes = Unbind

activity-tab-outbox = Sync queue
activity-tab-audit = Audit trail
audit-intro = Every action taken on behalf of a matrix account is recorded here and cannot be changed: the account is responsible for actions taken in its name.
audit-all-staff = All staff
audit-search = Search account or action
audit-all-outcomes = All outcomes
audit-from = From
audit-to = To
audit-export-csv = Export CSV
audit-export-xlsx = Export Excel
audit-exported = Exported { $count } rows to { $path }
audit-empty = Nothing on the audit trail matches.
audit-sheet = Audit trail
outcome-queued = Queued
outcome-applied = Synced
outcome-rejected = Rejected
outcome-cancelled = Cancelled

notices-title = Notifications
notices-intro = Answers from matrix accounts and actions the platform refused.
notices-empty = No notifications yet.
notice-invitation_accepted-title = Invitation accepted
notice-invitation_accepted = { $subject } accepted the invitation and is now a matrix account.
notice-invitation_declined-title = Invitation declined
notice-invitation_declined = { $subject } declined the invitation.
notice-grant_granted-title = Permission granted
notice-grant_granted = { $subject } granted permission: { $scope }.
notice-grant_declined-title = Permission declined
notice-grant_declined = { $subject } declined permission: { $scope }.
notice-action_rejected-title = Action refused by the platform
notice-action_rejected = { $action } for { $subject } was refused: { $reason }

rule-gg_id_empty = Enter the account's Guangguang ID.
rule-gg_id_format = A Guangguang ID has 6–20 letters, digits or underscores and starts with a letter.
rule-phone_empty = Enter the mobile number the account registered with.
rule-phone_format = Enter an 11-digit mainland China mobile number (starting with 13–19).
rule-title_empty = Enter a title.
rule-title_too_long = A title has at most 30 characters.
rule-text_too_long = The text has at most 1,000 characters.
rule-too_many_products = A work may attach at most 6 products.
rule-comment_empty = Enter a comment.
rule-comment_too_long = A comment has at most 500 characters.
rule-group_too_long = A group name has at most 20 characters.
rule-pool_pick_both = Pick at least one account and one product.
rule-edit_unchanged = The edit changes nothing: change the title or the text.

privacy-public = public
privacy-private = private
describe-invite = Invite { $gg } ({ $phone })
describe-cancel_invite = Cancel invitation { $id }
describe-request_grant = Request { $scope }
describe-revoke_grant = Revoke { $scope }
describe-unbind = Unbind the account
describe-set_pool = Set the product pool to { $count ->
    [one] 1 product
   *[other] { $count } products
}
describe-shop_card_on = Show the shop card
describe-shop_card_off = Hide the shop card
describe-set_tag = Change the type to { $tag }
describe-publish = Publish "{ $title }"
describe-edit = Edit work { $work }
describe-delete = Delete work { $work }
describe-pin = Pin work { $work }
describe-unpin = Unpin work { $work }
describe-set_privacy = Make work { $work } { $privacy }
describe-comment = Comment on work { $work }
describe-reply = Reply to a comment on work { $work }
describe-like = Like work { $work }
describe-unlike = Unlike work { $work }
accounts-select-all = Select every account shown
notices-many-title = { $count } new notifications
notices-many = Open Notifications in Matrix Desk to read them.

## Exports of works and the dashboard (column headers, sheet names, values).
export-sheet-works = Works
export-sheet-totals = Totals
export-sheet-trend = Daily trend
export-sheet-leaderboard = Accounts
export-sheet-top-works = Top works
export-sheet-by-tag = By account type
export-sheet-by-group = By group
export-total-row = Total
export-no-group = (no group)
export-yes = Yes
export-no = No
export-col-work-id = Work ID
export-col-title = Title
export-col-account = Account
export-col-gg = Guangguang ID
export-col-tag = Account type
export-col-group = Group
export-col-kind = Type
export-col-published = Published
export-col-scheduled = Scheduled for
export-col-privacy = Visibility
export-col-pinned = Pinned
export-col-review = Review
export-col-reason = Rejection reason
export-col-inclusion = Inclusion
export-col-topic = Topic
export-col-topic-status = Topic status
export-col-likes = Likes
export-col-comments = Comments
export-col-rank = Rank
export-col-accounts = Accounts
export-col-metric = Metric
export-col-value = This period
export-col-previous = Previous period
export-col-change = Change
export-col-period = Period
export-col-date = Date
export-metric-exposure = Exposure
export-metric-views = Views
export-metric-interactions = Interactions
export-metric-shop_traffic = Shop traffic
export-metric-orders = Orders
export-metric-amount = Order amount (¥)
export-kind-video = Video
export-kind-image_text = Image-text
export-review-pending = In review
export-review-approved = Approved
export-review-rejected = Rejected
export-inclusion-included = Included
export-inclusion-not_included = Not included
export-topic-pending = Topic in review
export-topic-joined = In the topic
export-topic-not_joined = Not in the topic

## Works, work detail and the dashboard (the screens).
nav-works = Works
nav-dashboard = Dashboard
metric-exposure = Exposure
metric-views = Views
metric-interactions = Interactions
metric-shop_traffic = Shop traffic
metric-orders = Orders
metric-amount = Order amount
review-pending = In review
review-approved = Approved
review-rejected = Rejected
inclusion-included = Included
inclusion-not_included = Not included
topic-pending = Topic in review
topic-joined = In the topic
topic-not_joined = Not in the topic
visibility-public = Public
visibility-private = Only me
kind-video = Video
kind-image_text = Image-text
period-label = Period
period-last = Last { $days } days
period-custom = Custom
period-from = From
period-to = To
period-range = { $from } to { $to }, { $days ->
    [one] 1 day
   *[other] { $days } days
}
sort-descending = ↓ Largest first
sort-ascending = ↑ Smallest first
page-prev = Previous
page-next = Next
page-of = Page { $page } of { $pages }
export-csv = Export CSV
export-xlsx = Export Excel
export-running = Exporting…
export-running-count = Exporting { $done } / { $total } rows
export-done = { $count ->
    [one] Exported 1 row to { $path }
   *[other] Exported { $count } rows to { $path }
}
export-show = Show in folder
export-dialog-csv = CSV file
export-dialog-xlsx = Excel workbook
tray-show = Show Matrix Desk
tray-sync-now = Sync now
tray-quit = Quit Matrix Desk
chart-unavailable = The chart could not be loaded; the numbers are still in the tables and exports.
col-cover = Cover
col-title = Title
col-account = Account
col-rank = Rank
col-accounts = Accounts

works-title = Works
works-total = { $count ->
    [one] 1 work
   *[other] { $shown } works
}
works-offline = Offline: these are the works and numbers of the last sync; they update once the platform is reachable.
works-empty = No works yet. Works of the matrix accounts show here once synced.
works-empty-filtered = No work matches.
works-search = Search title or text
works-all-accounts = All accounts
works-all-review = All review states
works-all-inclusion = All inclusion states
works-all-topic = All topic states
works-all-privacy = All visibilities
works-all-kinds = Video and image-text
works-all-pinned = Pinned or not
works-pinned-only = Pinned only
works-not-pinned = Not pinned
works-published = Published
works-published-from = Published from
works-published-to = Published until
works-clear = Clear filters
works-sort = Sort by
works-sort-time = Time
work-scheduled-for = Scheduled for { $time }
work-published-at = Published { $time }
work-pinned = Pinned

work-detail-back = ← Back to works
work-detail-back-dashboard = ← Back to the dashboard
work-review-state = Review: { $state }
work-inclusion-state = Inclusion: { $state }
work-rejected-because = Rejected because: { $reason }
work-products = Products
work-products-empty = No products attached.
work-product-unknown = Product { $id } (not in this shop's catalogue)
work-commission-free = Commission-free
work-data = Numbers
work-history = Status history
work-history-empty = No status changes yet.
history-field-review = Review
history-field-inclusion = Inclusion
history-field-topic = Topic
work-comments = Comments
work-comments-empty = No comments yet.
comment-likes = { $count ->
    [one] 1 like
   *[other] { $shown } likes
}
comment-matrix = Matrix account

dash-title = Dashboard
dash-data-through = Data through { $date }
dash-no-data = No data yet
dash-compared = Against the period before: { $from } to { $to }
dash-before = Before: { $value }
dash-trend = Trend
dash-leaderboard = Leaderboard
dash-leaderboard-empty = No account matches.
dash-show-first = Show the first { $count } only
dash-show-all = { $count ->
    [one] Show the 1 account
   *[other] Show all { $shown } accounts
}
dash-top-works = Top works by { $metric }
dash-top-works-empty = No work has numbers in this period yet.
dash-by-tag = By account type
dash-by-group = By group

## Review results and comments (notices); periods and dates (rules).
notice-work_approved-title = Work approved
notice-work_approved = “{ $subject }” passed review and is live.
notice-work_rejected-title = Work rejected in review
notice-work_rejected = “{ $subject }” was rejected: { $detail }
notice-new_comment-title = New comment
notice-new_comment = { $subject } commented: { $detail }
rule-date_invalid = That is not a date. Use YYYY-MM-DD, for example 2026-11-01.
rule-period_order = The period ends before it starts. Swap the two dates.
rule-period_too_long = A period is 1 to 366 days long.
rule-work_unknown = This work is not on this computer (it may belong to another merchant, or sync has not brought it yet).
notices-open-work = Open the work
col-states = Status
rule-comment_unknown = This comment is not on this computer (it may belong to another merchant, or sync has not brought it yet).

## The comments inbox.
nav-comments = Comments
comments-title = Comments
comments-intro = Comments on every matrix account's works, newest first. Replies and likes are made as the account the work belongs to.
comments-unread-total = { $count ->
    [one] 1 unread
   *[other] { $shown } unread
}
comments-none-unread = Nothing unread
comments-mark-all-read = Mark all read
comments-mark-all-read-hint = Marks every comment of every account read (kept on this computer only).
comments-mark-read = Mark read
comments-all-accounts = All accounts
comments-only-unanswered = Unanswered only
comments-only-unread = Unread only
comments-clear = Clear filters
comments-unread = Unread
comments-answered = Answered
comments-reply-pending = Reply pending
comments-reply-pending-hint = The reply is queued and goes to the platform with the next sync.
comments-in-reply-to = In reply to:
comments-parent-missing = (the comment it answers is not on this computer yet)
comments-work = Work
comments-reply = Reply
comments-reply-placeholder = Reply as “{ $account }”…
comments-reply-as = Replying as “{ $account }”; while offline the reply waits in the queue.
comments-reply-count = { $count } / { $max } characters
comments-send = Send
comments-sending = Sending…
comments-cancel = Cancel
comments-no-permission = “{ $account }” has not granted the interact permission, so you cannot reply or like as this account yet.
comments-interact-state = Interact: { $state }
comments-request-permission = Request it on the account page
comments-like-work = Like the work
comments-like-queued = Like queued
comments-like-needs-permission = Needs the account's interact permission
comments-empty = No comments yet. Comments on the matrix accounts' works show here once synced.
comments-empty-filtered = No comment matches.
comments-shown = { $count ->
    [one] Showing 1 comment
   *[other] Showing { $shown } comments
}
comments-more = Load more
comments-offline = Offline: these are the comments of the last sync; replies and likes wait in the queue until the platform is reachable.
work-detail-back-comments = ← Back to comments

# Comment likes (outbox kinds and audit descriptions)
intention-like_comment = Like a comment
intention-unlike_comment = Unlike a comment
describe-like_comment = Like a comment on work { $work }
describe-unlike_comment = Unlike a comment on work { $work }

# Publish (composer)
nav-publish = Publish
publish-title = Publish a work
publish-intro = Write once, publish to many matrix accounts: pick the files, cover, words and products, see per account whether it can be sent, and only then queue it. Offline, it queues and uploads once the platform is reachable.
publish-new = New draft
publish-draft-saved = Draft saved automatically ({ $time })
publish-draft-editing = Editing a draft
publish-draft-unsaved = What you type is saved as a draft automatically
publish-media = Type and files
publish-media-video-hint = A video work has one video file (mp4, mov or webm, up to 4 GB).
publish-media-images-hint = An image-text work has 1–9 images (jpg, png or webp, up to 20 MB each), shown in this order; move them up or down.
publish-add-video = Add video
publish-replace-video = Replace video
publish-add-images = Add images
publish-move-up = Move up
publish-move-down = Move down
publish-remove = Remove
publish-cover-label = Cover
publish-cover-auto = Automatic
publish-cover-frame = Video frame
publish-cover-image = Choose image
publish-cover-change = Change image
publish-cover-auto-video = The platform uses the video's first frame.
publish-cover-auto-images = The platform uses the first image.
publish-cover-at = Frame at
publish-cover-seconds = seconds
publish-words = Title and text
publish-title-label = Title
publish-title-placeholder = What makes this work worth a look, in one line
publish-text-label = Text
publish-text-placeholder = The product, how it is used, why to buy it…
publish-topic-label = Topic
publish-topic-placeholder = e.g. #好物分享
publish-topic-hint = Optional; one topic per work.
publish-settings = Publishing
publish-privacy-label = Visibility
publish-when-label = When
publish-when-now = Publish now
publish-when-later = Schedule
publish-when-zone = This computer's time ({ $zone })
publish-when-preview = Publishes at { $time }
publish-accounts = Accounts
publish-accounts-chosen = { $count } chosen
publish-accounts-clear = Clear
publish-quick = Quick pick:
publish-quick-all = All
publish-accounts-search = Nickname or ID
publish-accounts-none = No bound matrix accounts yet.
publish-col-verdict = Pre-check
publish-will-send = Will be sent
publish-products = Products
publish-products-hint = Only products in the chosen accounts' product pools (commission-free). An account whose pool lacks a chosen product is refused in the review.
publish-products-no-accounts = Choose the accounts first, then products from their pools.
publish-commission-free = Commission-free
publish-product-pooled = In { $count } of { $total } pools
publish-product-not-pooled = Not in the chosen accounts' pools
publish-check = Check
publish-review = Review
publish-no-problems = No problems found
publish-problems = { $count ->
    [one] 1 thing to fix
   *[other] { $count } things to fix
}
publish-summary-files = { $count ->
    [one] 1 file
   *[other] { $count } files
}
publish-summary-accounts = { $count ->
    [one] 1 account
   *[other] { $count } accounts
}
publish-summary-products = { $count ->
    [one] 1 product
   *[other] { $count } products
}
publish-summary-later = scheduled for { $time }
publish-summary-later-unset = scheduled (no time chosen yet)
publish-review-title = Review before publishing
publish-untitled = (untitled)
publish-fix-first = Fix these first, then publish:
publish-field-title = Title
publish-field-text = Text
publish-field-topic = Topic
publish-field-media = Files
publish-field-cover = Cover
publish-field-products = Products
publish-field-schedule = When
publish-field-accounts = Accounts
publish-field-separator = {": "}
publish-review-refused = { $count ->
    [one] 1 account will be refused and gets nothing
   *[other] { $count } accounts will be refused and get nothing
}
publish-back-to-edit = Back to editing
publish-confirm = { $count ->
    [one] Publish to 1 account
   *[other] Publish to { $count } accounts
}
publish-sending = Queueing…
publish-result-queued = { $count ->
    [one] 1 work queued
   *[other] { $count } works queued
}
publish-result-none = Nothing was queued
publish-result-next = Sync uploads the files and publishes on the platform; see upload progress under "Uploading" below and the outcome in Activity.
publish-result-refused = { $count ->
    [one] 1 account was not sent to:
   *[other] { $count } accounts were not sent to:
}
publish-result-dismiss = Dismiss
publish-drafts = Drafts
publish-drafts-count = { $count ->
    [one] 1 draft
   *[other] { $count } drafts
}
publish-drafts-empty = No drafts yet. What you type is saved here automatically and is still here after a restart.
publish-draft-current = Editing
publish-draft-updated = updated { $time }
publish-draft-open = Open
publish-draft-delete = Delete
publish-draft-delete-confirm = Delete this draft?
publish-uploads = Uploading
publish-upload-done = Uploaded
publish-account-pool = { $count ->
    [one] 1 product in pool
   *[other] { $count } products in pool
}
publish-grant-state = Publishing: { $state }
publish-review-products = Products: { $list }
publish-review-topic = Topic: { $topic }
rule-media_type = This kind of file is not accepted: videos as mp4, mov or webm; images as jpg, png or webp.
rule-media_unreadable = This file cannot be read: it may have been moved or deleted, or is not readable.
rule-media_empty = This file is empty; choose another one.
rule-media_too_large = The file is too large: videos up to 4 GB, images up to 20 MB each.
rule-video_needs_one_video = A video work needs exactly one video file.
rule-images_count = An image-text work needs 1 to 9 images.
rule-images_only = An image-text work contains images only.
rule-cover_not_image = A cover must be an image.
rule-cover_twice = Choose one cover: an image or a video frame.
rule-cover_frame_not_video = Only a video work can take its cover from a video frame.
rule-schedule_invalid = Choose a valid date and time to publish.
rule-schedule_past = The scheduled time has passed; choose a later one.
rule-no_accounts = Choose at least one account to publish to.
rule-topic_too_long = A topic has at most 30 characters.

# Work changes
work-change-pin = Pin
work-change-unpin = Unpin
work-change-make_public = Make public
work-change-make_private = Make private
work-change-delete = Delete
works-select = Select this work
works-select-all = Select all on this page
works-selected = { $count ->
    [one] 1 work selected
   *[other] { $count } works selected
}
works-clear-selection = Clear selection
work-change-dialog-title = { $change }: { $count ->
    [one] 1 work
   *[other] { $count } works
}
work-change-intro = This is a dry run: nothing has been sent yet. Once confirmed, the changes wait in the queue and go to the platform as each work's own account when it is reachable.
work-change-intro-done = Queued. The Works list already shows the works as they will be, marked as waiting to sync.
work-change-checking = Checking…
work-change-col-verdict = Outcome
work-change-will-pin = Will be pinned
work-change-will-unpin = Will be unpinned
work-change-will-make_public = Will be made public
work-change-will-make_private = Will be made private
work-change-will-delete = Will be deleted on the platform
work-change-unchanged-pin = Already pinned: skipped
work-change-unchanged-unpin = Not pinned: skipped
work-change-unchanged-make_public = Already public: skipped
work-change-unchanged-make_private = Already private: skipped
work-change-unchanged-delete = Deleted or being deleted: skipped
work-change-refused = Refused: { $reason }
work-change-queued = Queued
work-change-summary = { $send } to change · { $skip } skipped · { $refused } refused
work-change-confirm = Apply to { $count ->
    [one] 1 work
   *[other] { $count } works
}
work-change-nothing = Nothing to change
work-change-applying = Applying…
work-change-delete-warning = Deleting removes these works on the platform for good; their numbers and comments will no longer be shown.
work-change-delete-confirm = I understand: delete { $count ->
    [one] this work
   *[other] these { $count } works
}
work-change-done = Queued for { $count ->
    [one] 1 work
   *[other] { $count } works
}; the platform applies the changes at the next sync.
work-pending = Waiting to sync: { $kinds }
work-pending-separator = { ", " }
work-pending-hint = Queued: this is how the work will be once synced; it goes to the platform when it is reachable.
work-rejected-change = The platform refused “{ $action }”: { $reason }
work-action-refused = { $changes }: { $reason }
work-edit = Edit
work-edit-title = Edit work
work-edit-intro = Once saved, the work goes back to review (pending) and the platform may not show it until approved. Offline, the edit waits in the queue.
work-edit-field-title = Title
work-edit-field-text = Text
work-edit-field-topic = Topic
work-edit-topic-hint = e.g. #好物分享; leave empty for no topic
work-edit-field-products = Products
work-edit-products-count = { $count } of { $max } picked; only products in this account's product pool (commission-free)
work-edit-no-products = This account's product pool is empty: add products on its detail page first.
work-edit-not-in-pool = Not in pool
work-edit-not-in-pool-hint = This product is no longer in the account's product pool: it can be taken off, not put back.
work-edit-count = { $count } / { $max } characters
work-edit-save = Save and submit for review
work-edit-saving = Saving…
rule-work_deleted = The work is deleted (or being deleted) and cannot be changed.
comments-like-comment = Like this comment as the work's account
comments-unlike-comment = Take back the like of this comment
comments-like-pending = Like waiting to sync
comments-unlike-pending = Unlike waiting to sync
comments-like-pending-hint = Queued; it goes to the platform at the next sync.
comments-work-comment = Comment on the work
comments-work-comment-hint = Post a new comment (not a reply) on this work as its account
comments-work-comment-placeholder = Comment on “{ $work }” as { $account }…
comments-work-comment-as = Posted under “{ $work }” as { $account }; offline, it waits in the queue.
comments-work-comment-queued = Comment queued

# About
settings-about = About Matrix Desk
about-title = About
about-back = Back to Settings
about-product = 矩阵工作台 · Matrix Desk
about-version = Version { $version }
about-licenses = Third-party licences
about-licenses-intro = Matrix Desk is built with the open-source components below. The list is made when the app is built, from exactly what goes into it.
about-loading = Reading the list of licences…
about-load-failed = The list of licences could not be read. Restart Matrix Desk; if it still fails, this copy of the app is damaged and should be installed again.
about-search = Search by name, licence or repository
about-count = { $count ->
    [one] 1 component
   *[other] { $count } components
}
about-count-filtered = { $shown } of { $count } components
about-no-match = No component matches this search.
about-license-none = Licence not declared
about-no-text = The package comes without a licence file; the licence it declares applies.

# Updates
update-title = Updates
update-current = This is Matrix Desk { $version }.
update-check = Check for updates
update-checking = Checking…
update-latest = You have the latest version.
update-available = Version { $version } is available.
update-date = Published { $date }
update-notes = What's new
update-install-hint = Matrix Desk downloads the new version, checks that it really comes from the Matrix Desk team, installs it and restarts. Nothing is installed until you click.
update-install = Install and restart
update-downloading = Downloading the update… { $percent }%
error-update_unreachable = Could not reach the update server. Check the network connection and try again later; nothing was changed.
error-update_signature = The downloaded update's signature does not match, so it was refused and nothing was installed. Matrix Desk keeps running as it was.
error-update_unsupported = This copy of Matrix Desk can't install updates itself (for example a development build, or an installation the update server has no package for). Install the new version from its installer instead.
error-update_failed = The update could not be installed; Matrix Desk keeps running as it was. Try again, or install the new version from its installer.

# The local database was damaged and repaired (a banner until dismissed; the CLI prints the same).
recovery-title = The local database was damaged and has been repaired
recovery-what = At { $time } Matrix Desk found the local database damaged. The damaged file was not deleted but moved aside, and a new database was made.
recovery-saved = Saved: { $open } queued { $open ->
        [one] action
       *[other] actions
    }, { $drafts } { $drafts ->
        [one] draft
       *[other] drafts
    }, { $audit } audit { $audit ->
        [one] entry
       *[other] entries
    } (and { $finished } finished { $finished ->
        [one] action
       *[other] actions
    }, { $uploads } { $uploads ->
        [one] file
       *[other] files
    } to upload, { $notices } { $notices ->
        [one] notice
       *[other] notices
    }, { $unread } unread-comment { $unread ->
        [one] mark
       *[other] marks
    }, { $settings } { $settings ->
        [one] setting
       *[other] settings
    }).
recovery-unreadable = { $count } { $count ->
        [one] row
       *[other] rows
    } could not be read and { $count ->
        [one] was
       *[other] were
    } skipped.
recovery-unreadable-none = Everything of this desk's own was read; nothing was lost.
recovery-unreadable-tables = Tables that could not be read: { $tables }.
recovery-from-backup = The damaged file could not be read at all, so the backup of { $time } was used; changes made after it cannot be recovered.
recovery-from-nothing = Neither the damaged file nor any backup could be read; this desk's own data could not be recovered.
recovery-damaged-file = Damaged copy: { $path }
recovery-downloading = The matrix data is downloading again from the platform (progress in the status line). Queued actions are sent with their original idempotency keys, so none is applied twice.
recovery-dismiss = Dismiss

# No keychain: the sign-in has nowhere safe to live.
keychain-title = The system keychain is not available
keychain-body = Matrix Desk keeps the sign-in only in the system keychain (Credential Manager on Windows, Keychain on macOS, the Secret Service on Linux). The keychain is not answering: it may not be installed or running, or its unlock request was dismissed. Without it Matrix Desk cannot sign in or sync; the data already on this computer stays readable and queued actions are not lost.
keychain-how = Unlock or start the system keychain, then click Retry.
keychain-detail = The keychain said: { $detail }
keychain-retry = Retry
keychain-still = The keychain still does not answer.
keychain-file-title = Keep the sign-in in a file instead
keychain-file-warning = The sign-in will be kept in a file in this data folder ({ $path }), readable only by your user account but without the keychain's encryption (weaker protection): any person or program that can act as you on this computer can read it. Choose this only when the keychain really cannot be used. The choice applies to this data folder only and is remembered.
keychain-file-confirm = I understand; keep the sign-in in a file
keychain-file-in-use = The sign-in is kept in a file (weaker protection): { $path }

## Teams: staff sign-ins, roles, four-eyes approval
role-owner = Owner
role-admin = Admin
role-operator = Operator
role-reviewer = Reviewer
role-analyst = Analyst
permission-manage_staff = manage staff
permission-manage_settings = change team settings
permission-manage_matrix = manage the matrix
permission-upload = upload files
permission-publish = publish and change works
permission-submit = submit works for review
permission-review = review submissions
permission-interact = comment and like
role-lacks = Your role ({ $role }) may not { $permission }.
role-submit-instead = Approval is on: your works go to a reviewer first.
describe-submit = Submit “{ $title }” for review ({ $count ->
    [one] 1 account
   *[other] { $count } accounts
})
describe-revise = Revise the submission “{ $title }”
describe-submit_edit = Submit an edit of work { $work } for review
describe-revise_edit = Revise the submitted edit of work { $work }
describe-withdraw = Withdraw submission { $id }
describe-approve = Approve submission { $id } (version { $version })
describe-return_submission = Return submission { $id }: { $reason }
describe-add_staff = Add { $name } to the team as { $role }
describe-set_staff_role = Make { $login } { $role }
describe-reset_staff_password = Reset the password of { $login }
describe-disable_staff = Disable { $login }
describe-enable_staff = Enable { $login }
describe-approval_on = Require approval before operators' works go out
describe-approval_off = Let operators publish without approval
rule-staff_name = A staff name is 2–32 lowercase letters, digits, “_” or “-”.
rule-staff_password = A password is 8–128 characters long.
rule-staff_role_owner = The owner is the merchant's own sign-in; give staff another role.
rule-return_reason = Say why you return it, in at most 500 characters.
rule-submission_accounts = Choose at least one matrix account.
notice-submission_submitted-title = Waiting for your review
notice-submission_submitted = { $detail } submitted “{ $subject }” for review.
notice-submission_approved-title = Submission approved
notice-submission_approved = “{ $subject }” was approved and goes out.
notice-submission_returned-title = Submission returned
notice-submission_returned = “{ $subject }” was returned: { $detail }
submission-state-pending = Waiting for review
submission-state-returned = Returned
submission-state-approved = Approved
submission-state-withdrawn = Withdrawn
nav-reviews = Reviews
status-approval-on = approval on
reviews-title = Reviews
reviews-intro = What operators write goes out only once someone else has approved it. Approve, or return it with a reason.
reviews-filter-all = All
reviews-search = Search titles
reviews-mine = Only mine
reviews-col-work = Work
reviews-col-accounts = Accounts
reviews-col-by = Submitted by
reviews-version = version { $version }
reviews-kind-publish = New work
reviews-kind-edit = Edit of a live work
reviews-on-its-way = (on its way)
reviews-empty = Nothing here.
reviews-selected = { $count ->
    [one] 1 selected
   *[other] { $count } selected
}
reviews-approve-selected = Approve selected…
reviews-return-selected = Return selected…
reviews-reason-placeholder = Why it goes back, e.g. the title is too short
reviews-check = Check
reviews-dry-run-approve = Approve { $count ->
    [one] 1 submission
   *[other] { $count } submissions
}?
reviews-dry-run-return = Return { $count ->
    [one] 1 submission
   *[other] { $count } submissions
}?
reviews-will-go = Will be done
reviews-back = Back
reviews-confirm = Confirm { $count }
reviews-field-title = Title
reviews-field-text = Text
reviews-field-topic = Topic
reviews-field-products = Products
reviews-field-accounts = Accounts
reviews-field-media = Files
reviews-field-schedule = Scheduled for
reviews-none = (none)
reviews-compared-new = A new submission: everything it proposes.
reviews-compared-live = Compared with the live work.
reviews-compared-version = Compared with version { $version }.
reviews-close = Close
reviews-submitted-by = submitted by { $name }, { $time }
reviews-returned-by = Returned by { $name }:
reviews-approve = Approve
reviews-return = Return…
reviews-revise = Revise…
reviews-withdraw = Withdraw
reviews-reason = Reason
reviews-return-confirm = Return with this reason
reviews-revise-keeps = The files, accounts and products stay as submitted.
reviews-revise-confirm = Submit the new version
team-title = Team
team-you = Signed in as { $name } ({ $login }), { $role }.
team-unverified = This platform has no teams: you act as the owner, and the audit trail uses the staff name typed above (self-declared).
team-approval = Require a second person's approval before operators' works go out
team-approval-hint = While it is on, an operator's publish (and edit of a live work) becomes a submission that a reviewer, admin or the owner approves.
team-col-login = Sign-in
team-col-name = Name
team-col-role = Role
team-add = Add a staff member
team-add-name = sign-in name, e.g. xiaoli
team-add-display = name shown, e.g. 小李
team-add-password = password (8+ characters)
team-add-submit = Add
team-disabled = Disabled
team-active = Active
team-reset = Reset password
team-reset-confirm = Set
team-enable = Enable
team-disable = Disable
publish-confirm-submit = Submit for review ({ $count ->
    [one] 1 account
   *[other] { $count } accounts
})
publish-result-submitted = Submitted for review: { $count ->
    [one] 1 account
   *[other] { $count } accounts
}. It goes out once a reviewer approves it.
intention-submit = Submit for review
intention-submit_edit = Submit an edit for review
intention-withdraw = Withdraw a submission
intention-approve = Approve a submission
intention-return_submission = Return a submission
intention-add_staff = Add a staff member
intention-set_staff_role = Change a role
intention-reset_staff_password = Reset a password
intention-set_staff_disabled = Disable or enable staff
intention-set_approval = Approval switch
signin-username-hint = Staff sign in as shop:name, e.g. demo:xiaoli.
work-edit-submit = Edit for review
reviews-intro-submitter = Your submissions and what the reviewers said. Returned ones can be revised or withdrawn.
audit-self-declared = { $name } (self-declared)
team-demo = Demo platform: try another role by signing in as someone of the demo team.
# Publishing safely (issue 21): the content check, the material library, account health.
nav-materials = Materials
nav-health = Account health
severity-block = Blocked
severity-warn = Warning
word-category-absolute = Absolute terms (Advertising Law)
word-category-diversion = Diversion off the platform
word-category-medical = Medical and efficacy claims
word-category-promise = False promises
word-category-custom = Shop's own word
content-title = Content check
content-suggestion = Instead: { $text }
content-hit-own = your shop's word
content-hit-account = this account's own word
content-blocked-note = Blocked words cannot go out as a matrix account. Rewrite the marked words first.
content-accept-warnings = I have read the warnings and still want to send this
content-reason-absolute = Your shop lists this as an absolute term; the platform may punish the account.
content-reason-diversion = Your shop lists this as diversion off the platform; the platform may punish the account.
content-reason-medical = Your shop lists this as a medical or efficacy claim.
content-reason-promise = Your shop lists this as a promise that cannot be kept.
content-reason-custom = Your shop does not want this word used.
content-own-suggestion = Rewrite without this word.
rule-content_blocked = The content check blocks a word in this copy: rewrite the marked words.
rule-content_warned = The content check warns about a word: tick that you accept the warnings, or rewrite it.
rule-word_empty = Enter a word.
rule-word_too_long = A word has at most 30 characters.
rule-word_no_letters = The word needs letters, digits or characters to look for.
rule-word_reason_too_long = A reason has at most 200 characters.
rule-account_unknown = This matrix account is not on this computer (sync first).
duplicate-title = Duplicate check
duplicate-hint = Platforms throttle the same picture or video posted by several accounts. You can still go ahead.
duplicate-at-once = goes to { $count } accounts at once
duplicate-used = Already published by { $account } in “{ $title }” ({ $time }).
duplicate-used-similar = A visually same picture was published by { $account } in “{ $title }” ({ $time }).
materials-title = Materials
materials-intro = Every file this computer has published, with each use: which account, which work, when. Use one again without picking it.
materials-search = Search file name, account or work title
materials-empty = Nothing published from this computer yet. Files appear here once a work with them is queued.
materials-none-found = No file matches the search.
materials-uses = { $count ->
    [one] Used once
   *[other] Used { $count } times
}
materials-reuse = Use in a new work
materials-no-copy = The library's copy of this file is gone.
materials-not-yet = (not yet on the platform)
media-kind-video = Video
media-kind-image = Image
health-title = Account health
health-intro = The matrix accounts that need attention, and why. Each reason leads to where it is fixed.
health-empty = Every account is fine.
health-grant_declined = The account declined { $scope }.
health-grant_revoked = The account revoked { $scope }.
health-grant_pending = { $scope } asked { $count } days ago and still unanswered.
health-unbind_requested = The account asked to unbind.
health-rejections = { $count ->
    [one] 1 work rejected by review in the last 7 days.
   *[other] { $count } works rejected by review in the last 7 days.
}
health-zero_views = { $count ->
    [one] 1 work without a single view a day after publishing.
   *[other] { $count } works without a single view a day after publishing.
}
health-idle = No new work for { $count } days.
health-empty_pool = The product pool is empty: its works cannot carry products.
health-shop_card_off = The shop card is off on its homepage.
health-fix-account = Open the account
health-fix-works = See its works
health-fix-compose = Write a work for it
words-title = Content check
words-intro = Before anything goes out as a matrix account, its title, text, topic, comments and replies are checked against the shipped list (Advertising Law absolute terms, diversion off the platform, medical claims, false promises) and your shop's own words. A blocked word stops it; a warning needs a tick.
words-shipped-category = { $category }: { $count } words ({ $blocks } blocked)
words-column-word = Word
words-column-category = Category
words-column-severity = Severity
words-column-reason = Reason
words-column-account = Account
words-every-account = Every account
words-remove = Remove
words-own-empty = Your shop has no words of its own yet.
words-add-word = A word to look for
words-add-reason = Why (optional)
words-add-submit = Add
words-import = Import CSV…
words-export = Export CSV…
words-csv-hint = Columns: word, category, severity, reason, account (Guangguang ID).
words-imported = Imported: { $added } added, { $updated } updated.
words-import-refused = Line { $line }: { $why }
words-exported = { $rows } words written to { $path }
