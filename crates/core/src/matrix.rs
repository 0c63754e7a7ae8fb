//! What the matrix screens ask for, as intentions: tag, permissions, shop card, unbind.
//! Names arrive as the platform's wire names (`publish`, `store`, …) and are checked here.

use std::sync::Mutex;

use mdesk_platform_api::{from_wire_name, Scope, Tag};
use serde::de::DeserializeOwned;

use crate::error::{CoreError, CoreResult};
use crate::outbox::{self, Intention};
use crate::secret::SecretStore;
use crate::store::Store;

fn parse<T: DeserializeOwned>(what: &str, name: &str) -> CoreResult<T> {
    from_wire_name(name).map_err(|_| CoreError::InvalidInput(format!("{name:?} is not a known {what}")))
}

pub fn parse_tag(name: &str) -> CoreResult<Tag> {
    parse("tag", name)
}

pub fn parse_scope(name: &str) -> CoreResult<Scope> {
    parse("permission scope", name)
}

pub fn set_tag(store: &Mutex<Store>, secrets: &dyn SecretStore, account_id: &str, tag: &str) -> CoreResult<String> {
    let intention = Intention::SetTag {
        account_id: account_id.to_owned(),
        tag: parse_tag(tag)?,
    };
    outbox::queue(store, secrets, intention, None)
}

pub fn request_grant(
    store: &Mutex<Store>,
    secrets: &dyn SecretStore,
    account_id: &str,
    scope: &str,
) -> CoreResult<String> {
    let intention = Intention::RequestGrant {
        account_id: account_id.to_owned(),
        scope: parse_scope(scope)?,
    };
    outbox::queue(store, secrets, intention, None)
}

pub fn revoke_grant(
    store: &Mutex<Store>,
    secrets: &dyn SecretStore,
    account_id: &str,
    scope: &str,
) -> CoreResult<String> {
    let intention = Intention::RevokeGrant {
        account_id: account_id.to_owned(),
        scope: parse_scope(scope)?,
    };
    outbox::queue(store, secrets, intention, None)
}

pub fn set_shop_card(
    store: &Mutex<Store>,
    secrets: &dyn SecretStore,
    account_id: &str,
    enabled: bool,
) -> CoreResult<String> {
    let intention = Intention::SetShopCard {
        account_id: account_id.to_owned(),
        enabled,
    };
    outbox::queue(store, secrets, intention, None)
}

pub fn unbind(store: &Mutex<Store>, secrets: &dyn SecretStore, account_id: &str) -> CoreResult<String> {
    let intention = Intention::Unbind {
        account_id: account_id.to_owned(),
    };
    outbox::queue(store, secrets, intention, None)
}
