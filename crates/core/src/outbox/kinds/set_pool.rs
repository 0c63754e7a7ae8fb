//! Replace a matrix account's product pool (commission-free products it may attach).

use mdesk_ipc::AccountRow;
use mdesk_platform_api::{ErrorCode, Permission};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::{bound, refuse};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPool {
    pub account_id: String,
    pub product_ids: Vec<String>,
}

impl Kind for SetPool {
    const NAME: &'static str = "set_pool";

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
        let a = bound(conn, &self.account_id)?;
        for p in &self.product_ids {
            // Only the account's own merchant's shop counts.
            let known: bool = conn
                .prepare_cached("SELECT COUNT(*) > 0 FROM product WHERE id = ?1 AND merchant_id = ?2")?
                .query_row([p, &a.merchant_id], |r| r.get(0))?;
            if !known {
                return Err(refuse(
                    ErrorCode::Validation,
                    format!("product {p} is not in your shop"),
                ));
            }
        }
        Ok(())
    }

    fn on_account(&self, row: &mut AccountRow) {
        row.pool_size = self.product_ids.len() as u32;
    }

    fn summary(&self) -> String {
        format!("set product pool ({} products)", self.product_ids.len())
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("set_pool", &[("count", self.product_ids.len().to_string())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/accounts/{}/product-pool", self.account_id),
            Some(json!({"product_ids": self.product_ids})),
        )
    }
}
