//! A full disk (a size-limited tmpfs holding the data folder): queueing, staging a file, an
//! export and a sync page each say "disk full" in plain words, leave nothing half written,
//! keep the desk readable, and go on by themselves once there is space again.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use mdesk_core::outbox::{self, Backoff, Intention};
use mdesk_core::session::Platform;
use mdesk_core::{CoreError, MemorySecretStore, PlatformClient, Secret, Store};
use mdesk_ipc::{ErrorCode, ExportFormat, IpcError};

use crate::Fixture;
use mdesk_core::outbox::kinds;

/// A tmpfs of `size` mounted on a fresh folder; unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// `None` where mounting is not allowed (not root): said so, and the test does nothing.
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("SKIPPED: mounting a tmpfs needs root");
            return None;
        }
        Some(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills every free byte with a file; its path, to free the space again.
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        for chunk in [1 << 20, 4096, 512] {
            let block = vec![0u8; chunk];
            while f.write_all(&block).and_then(|()| f.flush()).is_ok() {}
        }
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

fn assert_disk_full<T: std::fmt::Debug>(what: &str, r: Result<T, CoreError>) {
    let e = r.expect_err(what);
    assert!(e.is_disk_full(), "{what}: {e}");
    let ipc = IpcError::from(e);
    assert_eq!(ipc.code, ErrorCode::DiskFull, "{what}");
    for lang in ["zh-CN", "en"] {
        let words = mdesk_ipc::i18n::translate(lang, &ipc.message_key(), &[]);
        assert!(
            words.contains("磁盘空间已满") || words.contains("The disk is full"),
            "{lang}: {words}"
        );
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".part"))
        .map(|p| p.display().to_string())
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_is_said_plainly_loses_nothing_and_passes() {
    let Some(disk) = SmallDisk::mount("48m") else { return };
    let f = Fixture::new(23, 3600).await;
    let db = disk.path().join("matrix-desk.sqlite3");
    let store = Store::open(&db).unwrap();
    let secrets = MemorySecretStore::default();
    let platform = Platform::remote(&f.sim_url()).unwrap();
    let session = mdesk_core::session::sign_in(&store, &secrets, &platform, "demo", &Secret::new("demo123"))
        .await
        .unwrap();
    let client = PlatformClient::new(&f.sim_url()).unwrap();
    mdesk_core::sync::sync_once(&store, &client, &secrets, &session, Backoff::default(), |_| {})
        .await
        .unwrap();
    let publisher = mdesk_tests::publishers(&store).remove(0);
    let card = |on: bool| {
        Intention::SetShopCard(kinds::SetShopCard {
            account_id: publisher.clone(),
            enabled: on,
        })
    };
    let picked = tempfile::tempdir().unwrap();
    let video = picked.path().join("开箱.mp4");
    let mut bytes = b"\x00\x00\x00\x18ftypmp42".to_vec();
    bytes.resize(2 << 20, 7);
    std::fs::write(&video, bytes).unwrap();
    let export = disk.path().join("作品.csv");
    let cursor = |s: &Store| s.read(mdesk_core::store::kv::cursor).unwrap();
    let before = (outbox::list(&store).unwrap().len(), cursor(&store));
    // New numbers on the platform for the next sync.
    mdesk_tests::platform::days_pass(&f.sim_url(), 1).await.unwrap();

    let filler = disk.fill();
    assert_disk_full("queueing", outbox::enqueue(&store, &secrets, "小王", card(true), None));
    assert_disk_full("staging a file", outbox::media::stage(&store, &video));
    let q = mdesk_ipc::WorksQuery::default();
    assert_disk_full(
        "an export",
        mdesk_core::works::export::export(&store, &q, ExportFormat::Csv, "zh-CN", &export, &mut |_| {}),
    );
    assert_disk_full(
        "a sync page",
        mdesk_core::sync::sync_once(&store, &client, &secrets, &session, Backoff::default(), |_| {}).await,
    );
    assert_disk_full("a backup", mdesk_core::store::backup::take(&db, chrono::Utc::now()));
    // Nothing half written, and the desk still reads.
    assert_eq!(
        (outbox::list(&store).unwrap().len(), cursor(&store)),
        before,
        "nothing changed"
    );
    assert!(!export.exists(), "no half export");
    assert_eq!(leftovers(disk.path()), Vec::<String>::new(), "no unfinished files");
    let backups = mdesk_core::store::backup::folder(&db);
    assert_eq!(walk(&backups), Vec::<PathBuf>::new(), "no half backup");
    assert!(
        !mdesk_core::accounts::list(&store).unwrap().is_empty(),
        "still readable"
    );

    // Space again: the same calls simply work.
    std::fs::remove_file(filler).unwrap();
    outbox::enqueue(&store, &secrets, "小王", card(true), None).unwrap();
    outbox::media::stage(&store, &video).unwrap();
    mdesk_core::works::export::export(&store, &q, ExportFormat::Csv, "zh-CN", &export, &mut |_| {}).unwrap();
    mdesk_core::sync::sync_once(&store, &client, &secrets, &session, Backoff::default(), |_| {})
        .await
        .unwrap();
    assert!(cursor(&store) > before.1, "the sync went on from where it stopped");
    assert!(export.exists());
    assert!(store.quick_check().unwrap(), "and the database is sound");
}
