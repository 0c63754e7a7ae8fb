//! The signed-in main account (merchant) and its shop's products.

use serde::{Deserialize, Serialize};

/// The merchant (main account), as `GET /v1/me` and the change feed carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub merchant_id: String,
    pub name: String,
    pub shop_name: String,
    pub whitelisted: bool,
    /// Four-eyes approval: an operator's works go out only once someone else approves them.
    /// A platform without teams leaves it out (off).
    #[serde(default)]
    pub approval_required: bool,
}

/// `GET /v1/me`: the merchant, and who is signed in (`you`; a platform without teams leaves
/// it out, and the caller is then the owner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Whoami {
    #[serde(flatten)]
    pub merchant: Me,
    #[serde(default)]
    pub you: Option<crate::Identity>,
}

/// A product of the merchant's shop (`GET /v1/products`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: String,
    pub title: String,
    pub price_cents: i64,
    pub image_url: Option<String>,
}
