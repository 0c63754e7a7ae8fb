//! What the matrix screens ask for, as intentions queued under the staff name in Settings:
//! tag, permissions, shop card, unbind. The CLI names states by their wire names (`publish`,
//! `store`, …) and parses them here.

use mdesk_ipc::{Scope, Tag};

use crate::error::{CoreError, CoreResult};
use crate::outbox::kinds;
use crate::outbox::{self, Intention};
use crate::secret::SecretStore;
use crate::settings;
use crate::store::Store;

fn parse<T: std::str::FromStr<Err = mdesk_ipc::UnknownName>>(name: &str) -> CoreResult<T> {
    name.trim()
        .parse()
        .map_err(|e: mdesk_ipc::UnknownName| CoreError::InvalidInput(e.to_string()))
}

pub fn parse_tag(name: &str) -> CoreResult<Tag> {
    parse(name)
}

pub fn parse_scope(name: &str) -> CoreResult<Scope> {
    parse(name)
}

/// Queues an intention under the staff name saved in Settings (what the app does).
pub fn queue(
    store: &Store,
    secrets: &dyn SecretStore,
    intention: Intention,
    phone: Option<&str>,
) -> CoreResult<String> {
    let staff = settings::staff_name(store)?;
    outbox::enqueue(store, secrets, &staff, intention, phone)
}

pub fn set_tag(store: &Store, secrets: &dyn SecretStore, account_id: &str, tag: Tag) -> CoreResult<String> {
    let intention = Intention::SetTag(kinds::SetTag {
        account_id: account_id.to_owned(),
        tag,
    });
    queue(store, secrets, intention, None)
}

pub fn request_grant(store: &Store, secrets: &dyn SecretStore, account_id: &str, scope: Scope) -> CoreResult<String> {
    let intention = Intention::RequestGrant(kinds::RequestGrant {
        account_id: account_id.to_owned(),
        scope,
    });
    queue(store, secrets, intention, None)
}

pub fn revoke_grant(store: &Store, secrets: &dyn SecretStore, account_id: &str, scope: Scope) -> CoreResult<String> {
    let intention = Intention::RevokeGrant(kinds::RevokeGrant {
        account_id: account_id.to_owned(),
        scope,
    });
    queue(store, secrets, intention, None)
}

pub fn set_shop_card(store: &Store, secrets: &dyn SecretStore, account_id: &str, enabled: bool) -> CoreResult<String> {
    let intention = Intention::SetShopCard(kinds::SetShopCard {
        account_id: account_id.to_owned(),
        enabled,
    });
    queue(store, secrets, intention, None)
}

pub fn unbind(store: &Store, secrets: &dyn SecretStore, account_id: &str) -> CoreResult<String> {
    let intention = Intention::Unbind(kinds::Unbind {
        account_id: account_id.to_owned(),
    });
    queue(store, secrets, intention, None)
}

/// Cancels a queued action under the staff name in Settings (the Activity screen).
pub fn cancel_action(store: &Store, secrets: &dyn SecretStore, action_id: &str) -> CoreResult<()> {
    outbox::cancel(store, secrets, &settings::staff_name(store)?, action_id)
}

/// Retries a rejected action under the staff name in Settings (the Activity screen).
pub fn retry_action(store: &Store, action_id: &str) -> CoreResult<String> {
    outbox::retry(store, &settings::staff_name(store)?, action_id)
}
