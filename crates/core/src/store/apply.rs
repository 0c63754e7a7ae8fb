//! Applying one change-feed entry to the local tables (an upsert of the entity's state).

use chrono::{DateTime, Utc};
use mdesk_platform_api::{
    Account, ChangeData, Comment, DailyMetric, Invitation, Me, Product, Proposal, Scope, StaffMember, Submission, Work,
};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::CoreResult;

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn opt_ts(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(ts)
}

/// Upserts the entity a change carries. `merchant_id` scopes rows to the signed-in merchant.
pub fn apply_change(tx: &Transaction<'_>, merchant_id: &str, change: &ChangeData) -> CoreResult<()> {
    match change {
        ChangeData::Merchant(me) => merchant(tx, me),
        ChangeData::Account(a) => account(tx, merchant_id, a),
        ChangeData::Invitation(i) => invitation(tx, merchant_id, i),
        ChangeData::Product(p) => product(tx, merchant_id, p),
        ChangeData::Work(w) => work(tx, w),
        ChangeData::WorkMetric(m) => metric(tx, m),
        ChangeData::Comment(c) => comment(tx, c),
        ChangeData::Staff(m) => staff(tx, merchant_id, m),
        ChangeData::Submission(sub) => submission(tx, merchant_id, sub),
    }
}

fn staff(tx: &Transaction<'_>, merchant_id: &str, m: &StaffMember) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO staff_member (login, merchant_id, name, role, disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (login) DO UPDATE SET name = excluded.name, role = excluded.role, disabled = excluded.disabled",
    )?
    .execute(params![m.login, merchant_id, m.name, m.role, m.disabled, ts(m.created_at)])?;
    Ok(())
}

fn submission(tx: &Transaction<'_>, merchant_id: &str, sub: &Submission) -> CoreResult<()> {
    let title = match &sub.proposal {
        Proposal::Publish { work, .. } => work.title.clone(),
        // An edit is named by its new title, else by the work's title here.
        Proposal::Edit { work_id, edit } => match &edit.title {
            Some(t) => t.clone(),
            None => tx
                .prepare_cached("SELECT title FROM work WHERE id = ?1")?
                .query_row([work_id], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| work_id.clone()),
        },
    };
    let body = serde_json::to_string(sub).map_err(|e| crate::CoreError::Corrupt(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO submission (id, merchant_id, version, state, title, submitted_by, submitter, submitted_at, \
         updated_at, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, state = excluded.state, title = excluded.title, \
         updated_at = excluded.updated_at, body = excluded.body",
    )?
    .execute(params![
        sub.id,
        merchant_id,
        sub.version,
        sub.state,
        title,
        sub.submitted_by.login,
        sub.submitted_by.name,
        ts(sub.submitted_at),
        ts(sub.updated_at),
        body
    ])?;
    Ok(())
}

fn merchant(tx: &Transaction<'_>, me: &Me) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO merchant (id, name, shop_name, whitelisted, approval_required) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, shop_name = excluded.shop_name, \
         whitelisted = excluded.whitelisted, approval_required = excluded.approval_required",
    )?
    .execute(params![
        me.merchant_id,
        me.name,
        me.shop_name,
        me.whitelisted,
        me.approval_required
    ])?;
    Ok(())
}

fn account(tx: &Transaction<'_>, merchant_id: &str, a: &Account) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, avatar_url, tag, binding_state, shop_card, bound_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (id) DO UPDATE SET guangguang_id = excluded.guangguang_id, nickname = excluded.nickname, \
         avatar_url = excluded.avatar_url, tag = excluded.tag, binding_state = excluded.binding_state, \
         shop_card = excluded.shop_card, bound_at = excluded.bound_at, updated_at = excluded.updated_at",
    )?
    .execute(params![
        a.id,
        merchant_id,
        a.guangguang_id,
        a.nickname,
        a.avatar_url,
        a.tag,
        a.binding_state,
        a.shop_card,
        opt_ts(a.bound_at),
        ts(a.updated_at)
    ])?;
    let mut grant = tx.prepare_cached(
        "INSERT INTO account_grant (account_id, scope, state, updated_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (account_id, scope) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )?;
    grant.execute(params![
        a.id,
        Scope::Publish,
        a.grants.publish.state,
        opt_ts(a.grants.publish.updated_at)
    ])?;
    grant.execute(params![
        a.id,
        Scope::Interact,
        a.grants.interact.state,
        opt_ts(a.grants.interact.updated_at)
    ])?;
    // The pool is replaced wholesale: the platform's list is the truth.
    tx.prepare_cached("DELETE FROM pool_entry WHERE account_id = ?1")?
        .execute([&a.id])?;
    let mut pool = tx.prepare_cached("INSERT INTO pool_entry (account_id, product_id) VALUES (?1, ?2)")?;
    for product_id in &a.product_pool {
        pool.execute(params![a.id, product_id])?;
    }
    Ok(())
}

fn invitation(tx: &Transaction<'_>, merchant_id: &str, i: &Invitation) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO invitation (id, merchant_id, guangguang_id, phone_masked, tag, state, created_at, expires_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, tag = excluded.tag, expires_at = excluded.expires_at, \
         updated_at = excluded.updated_at",
    )?
    .execute(params![
        i.id,
        merchant_id,
        i.guangguang_id,
        i.phone_masked,
        i.tag,
        i.state,
        ts(i.created_at),
        ts(i.expires_at),
        ts(i.updated_at)
    ])?;
    Ok(())
}

fn product(tx: &Transaction<'_>, merchant_id: &str, p: &Product) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO product (id, merchant_id, title, price_cents, image_url) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, price_cents = excluded.price_cents, image_url = excluded.image_url",
    )?
    .execute(params![p.id, merchant_id, p.title, p.price_cents, p.image_url])?;
    Ok(())
}

fn work(tx: &Transaction<'_>, w: &Work) -> CoreResult<()> {
    let products = serde_json::to_string(&w.product_ids).map_err(|e| crate::CoreError::Corrupt(e.to_string()))?;
    let liked_by = serde_json::to_string(&w.liked_by).map_err(|e| crate::CoreError::Corrupt(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO work (id, account_id, kind, title, text, cover_url, product_ids, privacy, pinned, review_status, \
         review_reason, inclusion_status, topic, topic_status, scheduled_at, published_at, deleted, like_count, \
         comment_count, liked_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
         ?16, ?17, ?18, ?19, ?20, ?21) \
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, text = excluded.text, \
         cover_url = excluded.cover_url, product_ids = excluded.product_ids, privacy = excluded.privacy, \
         pinned = excluded.pinned, review_status = excluded.review_status, review_reason = excluded.review_reason, \
         inclusion_status = excluded.inclusion_status, topic = excluded.topic, topic_status = excluded.topic_status, \
         scheduled_at = excluded.scheduled_at, published_at = excluded.published_at, deleted = excluded.deleted, \
         like_count = excluded.like_count, comment_count = excluded.comment_count, liked_by = excluded.liked_by, \
         updated_at = excluded.updated_at",
    )?
    .execute(params![
        w.id,
        w.account_id,
        w.kind,
        w.title,
        w.text,
        w.cover_url,
        products,
        w.privacy,
        w.pinned,
        w.review_status,
        w.review_reason,
        w.inclusion_status,
        w.topic,
        w.topic_status,
        opt_ts(w.scheduled_at),
        opt_ts(w.published_at),
        w.deleted,
        w.like_count,
        w.comment_count,
        liked_by,
        ts(w.updated_at)
    ])?;
    Ok(())
}

fn metric(tx: &Transaction<'_>, m: &DailyMetric) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO work_metric_daily (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (work_id, date) DO UPDATE SET exposure = excluded.exposure, views = excluded.views, \
         interactions = excluded.interactions, shop_traffic = excluded.shop_traffic, orders = excluded.orders, \
         amount_cents = excluded.amount_cents",
    )?
    .execute(params![
        m.work_id,
        // `NaiveDate`'s Display is `YYYY-MM-DD`, without parsing a format string per row.
        m.date.to_string(),
        m.exposure,
        m.views,
        m.interactions,
        m.shop_traffic,
        m.orders,
        m.amount_cents
    ])?;
    Ok(())
}

fn comment(tx: &Transaction<'_>, c: &Comment) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, like_count, created_at, \
         liked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
         ON CONFLICT (id) DO UPDATE SET text = excluded.text, like_count = excluded.like_count, \
         liked_by = excluded.liked_by",
    )?
    .execute(params![
        c.id,
        c.work_id,
        c.parent_id,
        c.author_name,
        c.author_account_id,
        c.text,
        c.like_count,
        ts(c.created_at),
        serde_json::to_string(&c.liked_by).map_err(|e| crate::CoreError::Corrupt(e.to_string()))?
    ])?;
    Ok(())
}
