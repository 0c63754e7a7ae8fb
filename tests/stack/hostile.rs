//! What the platform sends cannot hurt the desk: a change-feed page of 1 GiB is refused
//! without being read into memory (peak RSS of `mdesk` measured against a plain sync).

use std::process::Stdio;

use serde_json::json;

use crate::crash::{mdesk, signed_in_cli};
use crate::Fixture;

/// Runs `mdesk sync --once` under GNU time: (exit code, stderr, peak RSS in KiB).
fn sync_with_peak(dir: &std::path::Path) -> (i32, String, u64) {
    // The same command `mdesk()` builds, run under GNU time with the same environment.
    let plain = mdesk(dir);
    let mut timed = std::process::Command::new("/usr/bin/time");
    timed
        .args(["-f", "peak_kib=%M"])
        .arg(plain.get_program())
        .args(["sync", "--once"]);
    for (k, v) in plain.get_envs() {
        if let Some(v) = v {
            timed.env(k, v);
        }
    }
    let out = timed
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("GNU time (Debian package `time`; cargo xtask setup installs it)");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak_kib="))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak in {stderr}"));
    let code = out.status.code().unwrap_or(-1);
    (code, stderr, peak)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gigabyte_change_page_is_refused_without_being_read() {
    let f = Fixture::new(24, 3600).await;
    let dir = signed_in_cli(&f);
    let (plain_code, plain_err, plain_peak) = sync_with_peak(dir.path());
    assert_eq!(plain_code, 0, "{plain_err}");

    let faults = format!("{}/sim/admin/faults", f.sim_url());
    let http = reqwest::Client::new();
    http.put(&faults)
        .json(&json!({"oversized_changes_bytes": 1u64 << 30}))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    let (code, stderr, peak) = sync_with_peak(dir.path());
    http.put(&faults).json(&json!({})).send().await.unwrap();

    assert_eq!(
        code, 4,
        "an answer the contract does not allow is the platform's fault: {stderr}"
    );
    assert!(stderr.contains("larger than the 16 MiB the API allows"), "{stderr}");
    let extra_mib = peak.saturating_sub(plain_peak) / 1024;
    eprintln!("peak RSS: plain sync {plain_peak} KiB, refusing 1 GiB {peak} KiB (+{extra_mib} MiB)");
    assert!(
        extra_mib < 50,
        "refusing 1 GiB cost {extra_mib} MiB more than a plain sync"
    );
    // And the desk syncs normally again.
    assert_eq!(sync_with_peak(dir.path()).0, 0);
}
