//! Show or hide a matrix account's shop card (店铺橱窗).

use mdesk_ipc::AccountRow;
use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::bound;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetShopCard {
    pub account_id: String,
    pub enabled: bool,
}

impl Kind for SetShopCard {
    const NAME: &'static str = "set_shop_card";

    fn needs(&self) -> Permission {
        Permission::ManageMatrix
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("account", self.account_id.clone())
    }

    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        bound(conn, &self.account_id).map(|_| ())
    }

    fn on_account(&self, row: &mut AccountRow) {
        row.shop_card = self.enabled;
    }

    fn summary(&self) -> String {
        format!("shop card {}", if self.enabled { "on" } else { "off" })
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(if self.enabled { "shop_card_on" } else { "shop_card_off" }, &[])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/accounts/{}/shop-card", self.account_id),
            Some(json!({"enabled": self.enabled})),
        )
    }
}
