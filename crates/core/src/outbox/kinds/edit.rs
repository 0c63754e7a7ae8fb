//! An edit of a live work: fields left out stay as they are; the work goes back to review.

use mdesk_ipc::WorkRow;
use mdesk_platform_api::rules::{check_text, check_title, check_topic, normalize_topic};
use mdesk_platform_api::{Permission, ReviewStatus, Scope, TopicStatus};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{on_work_entity, Kind, Request, Words};
use crate::error::{CoreError, CoreResult};
use crate::outbox::local::{check_pooled, granted, work_after_open_edits, LocalWork};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub work_id: String,
    pub title: Option<String>,
    pub text: Option<String>,
    #[serde(default)]
    pub product_ids: Option<Vec<String>>,
    /// An empty topic removes it.
    #[serde(default)]
    pub topic: Option<String>,
}

/// The field rules of an edit, and that it changes something of `w` (an edit sends the work
/// back to review: never for nothing). Shared with the submitted edit.
pub(crate) fn check_fields(
    w: &LocalWork,
    title: Option<&str>,
    text: Option<&str>,
    products: Option<&[String]>,
    topic: Option<&str>,
) -> CoreResult<()> {
    if let Some(t) = title {
        check_title(t)?;
    }
    if let Some(t) = text {
        check_text(t)?;
    }
    if let Some(t) = topic {
        check_topic(t)?;
    }
    let changes = title.is_some_and(|t| t.trim() != w.title)
        || text.is_some_and(|t| t != w.text)
        || products.is_some_and(|p| p != w.product_ids.as_slice())
        || topic.is_some_and(|t| normalize_topic(t) != w.topic);
    if !changes {
        return Err(CoreError::Rule {
            rule: "edit_unchanged",
            message: "the edit changes nothing".into(),
        });
    }
    Ok(())
}

/// What an edit sends out anew (the fields it sets), as the work's account.
pub(crate) fn edit_copy(
    conn: &Connection,
    work_id: &str,
    title: Option<&str>,
    text: Option<&str>,
    topic: Option<&str>,
) -> CoreResult<Option<(mdesk_ipc::CheckedText, Vec<String>)>> {
    let account = crate::outbox::local::commenting_account(conn, work_id, None)?;
    Ok(Some((
        mdesk_ipc::CheckedText::work(
            title.unwrap_or_default(),
            text.unwrap_or_default(),
            topic.unwrap_or_default(),
        ),
        vec![account],
    )))
}

/// The body of `PATCH /v1/works/{id}`: only the fields that change.
pub(crate) fn patch_body(
    title: &Option<String>,
    text: &Option<String>,
    products: &Option<Vec<String>>,
    topic: &Option<String>,
) -> Value {
    let mut body = serde_json::Map::new();
    if let Some(t) = title {
        body.insert("title".into(), json!(t));
    }
    if let Some(t) = text {
        body.insert("text".into(), json!(t));
    }
    if let Some(p) = products {
        body.insert("product_ids".into(), json!(p));
    }
    if let Some(t) = topic {
        body.insert("topic".into(), json!(t));
    }
    Value::Object(body)
}

impl Kind for Edit {
    const NAME: &'static str = "edit";

    fn needs(&self) -> Permission {
        Permission::Publish
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        on_work_entity(&self.work_id)
    }

    fn work_id(&self) -> Option<&str> {
        Some(&self.work_id)
    }

    fn copy(&self, conn: &Connection) -> CoreResult<Option<(mdesk_ipc::CheckedText, Vec<String>)>> {
        edit_copy(
            conn,
            &self.work_id,
            self.title.as_deref(),
            self.text.as_deref(),
            self.topic.as_deref(),
        )
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        let w = work_after_open_edits(conn, &self.work_id)?;
        granted(conn, &w.account_id, Scope::Publish)?;
        if let Some(p) = &self.product_ids {
            check_pooled(conn, &w.account_id, p)?;
        }
        check_fields(
            &w,
            self.title.as_deref(),
            self.text.as_deref(),
            self.product_ids.as_deref(),
            self.topic.as_deref(),
        )
    }

    fn on_work(&self, row: &mut WorkRow, text: &mut Option<String>) {
        if let Some(t) = &self.title {
            row.title = t.trim().to_owned();
            row.title_marks.clear();
        }
        if let Some(t) = &self.text {
            *text = Some(t.clone());
        }
        if let Some(t) = &self.topic {
            row.topic = normalize_topic(t);
            row.topic_status = row.topic.as_ref().map(|_| TopicStatus::Pending);
        }
        // An edited work is reviewed again.
        row.review_status = ReviewStatus::Pending;
        row.review_reason = None;
    }

    fn summary(&self) -> String {
        format!("edit work {}", self.work_id)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("edit", &[("work", self.work_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PATCH,
            format!("/v1/works/{}", self.work_id),
            Some(patch_body(&self.title, &self.text, &self.product_ids, &self.topic)),
        )
    }
}
