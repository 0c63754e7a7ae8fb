//! The signed-in main account (merchant) and its shop's products.

use serde::{Deserialize, Serialize};

/// `GET /v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub merchant_id: String,
    pub name: String,
    pub shop_name: String,
    pub whitelisted: bool,
}

/// A product of the merchant's shop (`GET /v1/products`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: String,
    pub title: String,
    pub price_cents: i64,
    pub image_url: Option<String>,
}
