//! The whole matrix lifecycle in the real window, with the test playing each creator through
//! the simulator's `/sim/creators/...` endpoints: invite (refused locally, refused by the
//! platform, accepted), permissions (request, approve, revoke), product pools for several
//! accounts with a dry run, unbinding, an unbind request by email, the audit trail with its
//! exports, notifications — and the whitelist screen for a merchant not on it.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use fantoccini::{Client, Locator};
use mdesk_ipc::i18n::translate;
use mdesk_tests::eventually;
use mdesk_tests::window::{
    click, named_by_platform, screenshot, set_language, sign_in, text_of, type_into, Display, Driver, WAIT,
};
use platform_sim::{RunningSim, Seed, SimConfig};
use serde_json::{json, Value};

/// How the audit trail names the owner: the platform's identity, not a typed name.
const STAFF: &str = "青禾生活 (demo)";

/// The simulator's creator side and admin knobs, over HTTP.
struct Creators {
    http: reqwest::Client,
    url: String,
}

impl Creators {
    async fn get(&self, path: &str) -> Result<Value> {
        let r = self.http.get(format!("{}{path}", self.url)).send().await?;
        Ok(r.error_for_status()?.json().await?)
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value> {
        let r = self.http.post(format!("{}{path}", self.url)).json(&body).send().await?;
        let text = r.error_for_status()?.text().await?;
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The creator answers the first open invitation or grant request in their inbox.
    async fn answer(&self, gg: &str, what: &str, answer: &str) -> Result<()> {
        let inbox = self.get(&format!("/sim/creators/{gg}/inbox")).await?;
        let id = inbox[what][0]["id"]
            .as_str()
            .with_context(|| format!("{gg} has no open {what}: {inbox}"))?;
        self.post(
            &format!("/sim/creators/{gg}/{}/{id}/{answer}", what.replace('_', "-")),
            json!({}),
        )
        .await?;
        Ok(())
    }
}

fn zh(key: &str) -> String {
    translate("zh-CN", key, &[])
}

async fn count(client: &Client, css: &str) -> Result<usize> {
    Ok(client.find_all(Locator::Css(css)).await?.len())
}

async fn attr(client: &Client, css: &str, name: &str) -> Result<Option<String>> {
    Ok(client.find(Locator::Css(css)).await?.attr(name).await?)
}

/// Waits until an element matching `css` exists (a sync brought what the test expects).
async fn appears(client: &Client, what: &str, css: &str) -> Result<()> {
    eventually(what, Duration::from_secs(60), || async {
        Ok((count(client, css).await? > 0).then_some(()))
    })
    .await
}

/// Asks for a sync, as the user would with the status line's button.
async fn sync_now(client: &Client) -> Result<()> {
    click(client, "[data-testid=sync-now]").await
}

async fn open_account(client: &Client, gg: &str) -> Result<()> {
    click(client, "[data-testid=nav-accounts]").await?;
    click(
        client,
        &format!("[data-testid=account-row][data-gg={gg}] [data-testid=account-nickname]"),
    )
    .await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-detail] [data-testid=grants-card]"))
        .await?;
    Ok(())
}

async fn grant_state(client: &Client, scope: &str) -> Result<String> {
    Ok(attr(
        client,
        &format!("[data-testid=grant][data-scope={scope}]"),
        "data-state",
    )
    .await?
    .unwrap_or_default())
}

async fn wait_grant(client: &Client, scope: &str, state: &str) -> Result<()> {
    eventually(&format!("{scope} to be {state}"), Duration::from_secs(60), || async {
        Ok((grant_state(client, scope).await? == state).then_some(()))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_runs_the_whole_matrix_lifecycle_from_the_window() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 5,
        db: data.path().join("platform.db").to_string_lossy().into_owned(),
        ..SimConfig::default()
    })
    .await?;
    let creators = Creators {
        http: reqwest::Client::new(),
        url: sim.url(),
    };
    let exports = data.path().join("exports");
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", data.path().join("app").to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", sim.url()),
        ("MDESK_EXPORT_DIR", exports.to_string_lossy().into_owned()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    sign_in(&client, "demo", "demo123").await?;
    appears(&client, "the matrix", "[data-testid=account-row]").await?;
    named_by_platform(&client, "青禾生活").await?;
    let (gg, phone) = mdesk_tests::platform::free_creator(&creators.url).await?;
    let invited_row = format!("[data-testid=invitation-row][data-gg={gg}]");

    // 1. A malformed phone is refused on the spot, with a message that says what to fix.
    click(&client, "[data-testid=nav-invitations]").await?;
    type_into(&client, "[data-testid=invite-gg]", &gg).await?;
    type_into(&client, "[data-testid=invite-phone]", "1380013").await?;
    click(&client, "[data-testid=invite-submit]").await?;
    let note = text_of(&client, "[data-testid=invite-form] [data-testid=error-note]").await?;
    assert!(
        note.contains(&zh("rule-phone_format")),
        "specific message, got {note:?}"
    );
    assert_eq!(count(&client, &invited_row).await?, 0, "nothing may be queued");
    screenshot(&client, "invite-refused-locally-zh.png").await?;

    // 2. A well-formed number that is not the account's: the platform's verdict, in words.
    let wrong = if phone == "19999999999" {
        "19999999998"
    } else {
        "19999999999"
    };
    type_into(&client, "[data-testid=invite-phone]", wrong).await?;
    click(&client, "[data-testid=invite-submit]").await?;
    let refused = format!("{invited_row}[data-state=refused]");
    appears(&client, "the platform's verdict on the invitation", &refused).await?;
    let verdict = text_of(&client, &format!("{refused} [data-testid=invitation-verdict]")).await?;
    assert_eq!(verdict, zh("error-phone_mismatch"));
    assert_eq!(
        text_of(&client, &format!("{refused} [data-testid=invitation-phone]")).await?,
        format!("{}****{}", &wrong[..3], &wrong[7..]),
        "only the masked number is shown (and stored)"
    );

    // 3. The right number: pending, then the creator accepts and the account is bound.
    // The form was emptied when the last invitation was queued.
    type_into(&client, "[data-testid=invite-gg]", &gg).await?;
    type_into(&client, "[data-testid=invite-phone]", &phone).await?;
    click(&client, "[data-testid=invite-submit]").await?;
    appears(
        &client,
        "the pending invitation",
        &format!("{invited_row}[data-state=pending]"),
    )
    .await?;
    screenshot(&client, "invitations-zh.png").await?;
    creators.answer(&gg, "invitations", "accept").await?;
    sync_now(&client).await?;
    appears(
        &client,
        "the accepted invitation",
        &format!("{invited_row}[data-state=accepted]"),
    )
    .await?;
    click(&client, "[data-testid=nav-accounts]").await?;
    appears(
        &client,
        "the new matrix account",
        &format!("[data-testid=account-row][data-gg={gg}][data-binding=bound]"),
    )
    .await?;
    appears(&client, "a notification", "[data-testid=notices-unread]").await?;

    // 4. Permissions: request publish, the creator approves; then revoke it.
    open_account(&client, &gg).await?;
    assert_eq!(grant_state(&client, "publish").await?, "none");
    click(
        &client,
        "[data-testid=grant][data-scope=publish] [data-testid=grant-request]",
    )
    .await?;
    wait_grant(&client, "publish", "requested").await?;
    creators.answer(&gg, "grant_requests", "approve").await?;
    sync_now(&client).await?;
    wait_grant(&client, "publish", "granted").await?;
    let history = client
        .find_all(Locator::Css(
            "[data-testid=grant][data-scope=publish] [data-testid=grant-history-item]",
        ))
        .await?;
    let mut seen = Vec::new();
    for item in history {
        seen.push(item.attr("data-state").await?.unwrap_or_default());
    }
    assert_eq!(seen, ["requested", "granted"], "each state with its time");
    screenshot(&client, "account-detail-zh.png").await?;
    click(
        &client,
        "[data-testid=grant][data-scope=publish] [data-testid=grant-revoke]",
    )
    .await?;
    click(&client, "[data-testid=grant-revoke-yes]").await?;
    wait_grant(&client, "publish", "revoked").await?;
    click(
        &client,
        "[data-testid=grant][data-scope=interact] [data-testid=grant-request]",
    )
    .await?;
    wait_grant(&client, "interact", "requested").await?;

    // 5. Product pools for two accounts at once, after a dry run (an unbound one is refused).
    click(&client, "[data-testid=nav-accounts]").await?;
    appears(&client, "the list", "[data-testid=account-row]").await?;
    let other = attr(
        &client,
        &format!("[data-testid=account-row][data-binding=bound]:not([data-gg={gg}])"),
        "data-gg",
    )
    .await?
    .context("a second bound account")?;
    let unbound = match client
        .find_all(Locator::Css("[data-testid=account-row][data-binding=unbound]"))
        .await?
        .first()
    {
        Some(row) => row.attr("data-gg").await?,
        None => None,
    };
    let mut picked = vec![gg.clone(), other.clone()];
    picked.extend(unbound.clone());
    for account in &picked {
        click(
            &client,
            &format!("[data-testid=account-row][data-gg={account}] [data-testid=account-select]"),
        )
        .await?;
    }
    click(&client, "[data-testid=bulk-pool-open]").await?;
    click(&client, "[data-testid=product-option]:nth-child(1) input").await?;
    click(&client, "[data-testid=product-option]:nth-child(2) input").await?;
    click(&client, "[data-testid=pool-dry-run]").await?;
    appears(&client, "the dry run", "[data-testid=pool-plan-row]").await?;
    let rows = client.find_all(Locator::Css("[data-testid=pool-plan-row]")).await?;
    assert_eq!(rows.len(), picked.len(), "one line per picked account");
    let mut expected_pool = Vec::new();
    for row in rows {
        let account = row.attr("data-gg").await?.unwrap_or_default();
        let refused = row.attr("data-refused").await?.unwrap_or_default();
        if Some(&account) == unbound.as_ref() {
            assert_eq!(refused, "not_bound", "an unbound account is refused in the dry run");
        } else {
            assert_eq!(refused, "", "{account} can take the products");
            let after = row.find(Locator::Css("td:nth-child(4)")).await?.text().await?;
            expected_pool.push((account, after));
        }
    }
    assert_eq!(
        count(&client, "[data-testid=account-pending]").await?,
        0,
        "a dry run queues nothing"
    );
    screenshot(&client, "pool-dry-run-zh.png").await?;
    click(&client, "[data-testid=pool-confirm]").await?;
    appears(&client, "the pool change queued", "[data-testid=pool-bulk-done]").await?;
    for (account, after) in &expected_pool {
        appears(
            &client,
            "the pool to be synced",
            &format!("[data-testid=account-row][data-gg={account}][data-pool=\"{after}\"]"),
        )
        .await?;
    }

    // 5b. Type (on the platform) and group (this computer): then filter and search by them.
    open_account(&client, &other).await?;
    client
        .find(Locator::Css("[data-testid=detail-tag]"))
        .await?
        .select_by_value("brand_persona")
        .await?;
    type_into(&client, "[data-testid=detail-group]", "杭州门店").await?;
    click(&client, "[data-testid=detail-group-save]").await?;
    appears(&client, "the group saved", "[data-testid=detail-group-saved]").await?;
    click(&client, "[data-testid=nav-accounts]").await?;
    appears(
        &client,
        "the new type, synced",
        &format!("[data-testid=account-row][data-gg={other}][data-tag=brand_persona]"),
    )
    .await?;
    client
        .find(Locator::Css("[data-testid=filter-group]"))
        .await?
        .select_by_value("杭州门店")
        .await?;
    eventually("only the grouped account", WAIT, || async {
        let rows = client.find_all(Locator::Css("[data-testid=account-row]")).await?;
        let only = match rows.as_slice() {
            [one] => one.attr("data-gg").await?.as_deref() == Some(other.as_str()),
            _ => false,
        };
        Ok(only.then_some(()))
    })
    .await?;
    // Leaving the screen resets its filters; a search narrows by Guangguang ID.
    click(&client, "[data-testid=nav-invitations]").await?;
    click(&client, "[data-testid=nav-accounts]").await?;
    type_into(&client, "[data-testid=accounts-search]", &gg).await?;
    eventually("the search to narrow the list", WAIT, || async {
        Ok((count(&client, "[data-testid=account-row]").await? == 1).then_some(()))
    })
    .await?;

    // 6. Unbind: the confirmation lists what goes; afterwards grants, pool and card are gone.
    open_account(&client, &gg).await?;
    click(&client, "[data-testid=detail-shop-card]").await?;
    appears(
        &client,
        "the shop card on",
        "[data-testid=detail-shop-card][data-on=true]",
    )
    .await?;
    click(&client, "[data-testid=unbind-open]").await?;
    let consequences = text_of(&client, "[data-testid=unbind-consequences]").await?;
    for must in [zh("scope-interact"), "2".to_owned(), zh("unbind-hides-card")] {
        assert!(consequences.contains(&must), "{must:?} in {consequences:?}");
    }
    screenshot(&client, "unbind-confirm-zh.png").await?;
    click(&client, "[data-testid=unbind-yes]").await?;
    sync_now(&client).await?;
    appears(
        &client,
        "the unbound state",
        "[data-testid=detail-binding][data-state=unbound]",
    )
    .await?;
    eventually("everything revoked", Duration::from_secs(60), || async {
        let grants = (
            grant_state(&client, "publish").await?,
            grant_state(&client, "interact").await?,
        );
        let card = attr(&client, "[data-testid=detail-shop-card]", "data-on").await?;
        Ok((grants == ("revoked".into(), "revoked".into()) && card.as_deref() == Some("false")).then_some(()))
    })
    .await?;
    click(&client, "[data-testid=nav-accounts]").await?;
    appears(
        &client,
        "an empty pool",
        &format!("[data-testid=account-row][data-gg={gg}][data-binding=unbound][data-pool=\"0\"]"),
    )
    .await?;

    // 7. The other account's owner asks by email to unbind: that state, then unbound.
    creators
        .post(&format!("/sim/creators/{other}/unbind-request"), json!({}))
        .await?;
    sync_now(&client).await?;
    appears(
        &client,
        "the email unbind request",
        &format!("[data-testid=account-row][data-gg={other}][data-binding=unbind_requested]"),
    )
    .await?;
    open_account(&client, &other).await?;
    appears(&client, "the explanation", "[data-testid=unbind-requested-notice]").await?;
    screenshot(&client, "unbind-requested-zh.png").await?;
    creators.post("/sim/admin/tick", json!({"days": 0})).await?;
    sync_now(&client).await?;
    appears(
        &client,
        "unbound after processing",
        "[data-testid=detail-binding][data-state=unbound]",
    )
    .await?;

    // 8. The audit trail has every step under the staff name; filters; exports hold the rows.
    click(&client, "[data-testid=nav-activity]").await?;
    click(&client, "[data-testid=tab-audit]").await?;
    appears(&client, "the audit trail", "[data-testid=audit-row]").await?;
    let mut kinds = Vec::new();
    for row in client.find_all(Locator::Css("[data-testid=audit-row]")).await? {
        assert_eq!(row.attr("data-staff").await?.as_deref(), Some(STAFF));
        kinds.push(row.attr("data-kind").await?.unwrap_or_default());
    }
    for kind in [
        "invite",
        "request_grant",
        "revoke_grant",
        "set_pool",
        "set_shop_card",
        "unbind",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} on the trail: {kinds:?}");
    }
    let total = kinds.len();
    screenshot(&client, "audit-zh.png").await?;
    client
        .find(Locator::Css("[data-testid=audit-outcome]"))
        .await?
        .select_by_value("rejected")
        .await?;
    eventually("only the rejection", WAIT, || async {
        let rows = client.find_all(Locator::Css("[data-testid=audit-row]")).await?;
        let mut ok = !rows.is_empty();
        for row in &rows {
            ok &= row.attr("data-outcome").await?.as_deref() == Some("rejected")
                && row.attr("data-kind").await?.as_deref() == Some("invite");
        }
        Ok(ok.then_some(()))
    })
    .await?;
    client
        .find(Locator::Css("[data-testid=audit-outcome]"))
        .await?
        .select_by_value("")
        .await?;
    eventually("the whole trail again", WAIT, || async {
        Ok((count(&client, "[data-testid=audit-row]").await? == total).then_some(()))
    })
    .await?;
    let csv = export(&client, "csv").await?;
    let text = std::fs::read_to_string(&csv)?;
    let body = text.trim_start_matches('\u{feff}');
    assert_eq!(body.lines().count(), total + 1, "a header and every row");
    assert!(body.lines().next().unwrap_or_default().contains(&zh("col-staff")));
    assert!(body.contains(STAFF) && body.contains(&zh("intention-unbind")), "{body}");
    let xlsx = export(&client, "xlsx").await?;
    let sheet = read_xlsx(&xlsx)?;
    assert_eq!(sheet.len(), total + 1, "the workbook holds the same rows");
    assert!(sheet.iter().skip(1).all(|r| r[1] == STAFF));

    // 9. Notifications: the acceptance, the approval and the refusal.
    click(&client, "[data-testid=nav-notices]").await?;
    appears(&client, "notifications", "[data-testid=notice]").await?;
    let mut notices = Vec::new();
    for n in client.find_all(Locator::Css("[data-testid=notice]")).await? {
        notices.push(n.attr("data-kind").await?.unwrap_or_default());
    }
    for kind in ["invitation_accepted", "grant_granted", "action_rejected"] {
        assert!(notices.iter().any(|n| n == kind), "{kind} in {notices:?}");
    }
    screenshot(&client, "notices-zh.png").await?;

    // Every screen again, in English.
    set_language(&client, "en", "Settings").await?;
    click(&client, "[data-testid=nav-accounts]").await?;
    appears(&client, "the list", "[data-testid=account-row]").await?;
    screenshot(&client, "accounts-matrix-en.png").await?;
    open_account(&client, &gg).await?;
    screenshot(&client, "account-detail-en.png").await?;
    click(&client, "[data-testid=nav-invitations]").await?;
    appears(&client, "invitations", "[data-testid=invitation-row]").await?;
    assert_eq!(
        text_of(&client, &format!("{refused} [data-testid=invitation-verdict]")).await?,
        translate("en", "error-phone_mismatch", &[])
    );
    screenshot(&client, "invitations-en.png").await?;
    click(&client, "[data-testid=nav-activity]").await?;
    let refused_invite = "[data-testid=action-row][data-kind=invite][data-state=rejected]";
    appears(&client, "the refused invite in the queue", refused_invite).await?;
    // Its phone number was not kept, so the core says it cannot be retried: no Retry button.
    let row = client.find(Locator::Css(refused_invite)).await?;
    assert!(
        row.find_all(Locator::Css("[data-testid=action-retry]"))
            .await?
            .is_empty(),
        "a refused invitation must not offer Retry"
    );
    screenshot(&client, "activity-en.png").await?;
    click(&client, "[data-testid=tab-audit]").await?;
    appears(&client, "the audit trail", "[data-testid=audit-row]").await?;
    screenshot(&client, "audit-en.png").await?;
    click(&client, "[data-testid=nav-notices]").await?;
    appears(&client, "notifications", "[data-testid=notice]").await?;
    screenshot(&client, "notices-en.png").await?;
    client.close().await?;
    sim.stop().await;
    Ok(())
}

/// Exports the audit trail and returns the file the app says it wrote.
async fn export(client: &Client, format: &str) -> Result<std::path::PathBuf> {
    click(client, &format!("[data-testid=audit-export-{format}]")).await?;
    let path = eventually("the export", WAIT, || async {
        let path = match client.find(Locator::Css("[data-testid=audit-exported]")).await {
            Ok(el) => el.attr("data-path").await?,
            Err(_) => None,
        };
        Ok(path.filter(|p| p.ends_with(format)))
    })
    .await?;
    let path = std::path::PathBuf::from(path);
    if !path.is_file() {
        bail!("the app says it exported to {path:?}, but there is no such file");
    }
    Ok(path)
}

fn read_xlsx(path: &Path) -> Result<Vec<Vec<String>>> {
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(path)?;
    let name = book.sheet_names().first().cloned().context("a sheet")?;
    let range = book.worksheet_range(&name)?;
    Ok(range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merchant_not_on_the_whitelist_sees_why_and_how_to_apply() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        db: data.path().join("platform.db").to_string_lossy().into_owned(),
        ..SimConfig::default()
    })
    .await?;
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", data.path().join("app").to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", sim.url()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    sign_in(&client, "nowl", "nowl123").await?;
    let notice = text_of(&client, "[data-testid=whitelist-notice]").await?;
    assert!(notice.contains(&zh("whitelist-title")), "{notice}");
    assert_eq!(
        count(&client, "[data-testid=error-note]").await?,
        0,
        "no error, an explanation"
    );
    assert_eq!(
        count(&client, "[data-testid=accounts-table]").await?,
        0,
        "no empty list either"
    );
    screenshot(&client, "whitelist-zh.png").await?;
    set_language(&client, "en", "Settings").await?;
    click(&client, "[data-testid=nav-accounts]").await?;
    let notice = text_of(&client, "[data-testid=whitelist-notice]").await?;
    assert!(notice.contains("whitelist"), "{notice}");
    screenshot(&client, "whitelist-en.png").await?;
    client.close().await?;
    sim.stop().await;
    Ok(())
}
