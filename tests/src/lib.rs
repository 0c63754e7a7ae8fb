//! Harness for full-stack tests: processes that are always ended, and a wait-until helper.
//!
//! Every process a test starts is held by a guard whose `Drop` ends it (and its children):
//! orphans are not reaped on CI machines.

pub mod platform;
pub mod window;
pub mod x11;

use std::future::Future;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use mdesk_core::outbox::kinds;

/// A PNG's first bytes: enough for the platform, which goes by the file's type.
pub const TINY_PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

/// An image-text work with one small image, staged in `store`'s data folder as the composer
/// stages it: what the load and crash tests publish.
/// The bound accounts with the publish permission: the ones a publish or a shop-card change
/// may act for.
pub fn publishers(store: &mdesk_core::Store) -> Vec<String> {
    use mdesk_ipc::{BindingState, GrantState};
    match mdesk_core::accounts::list(store) {
        Ok(accounts) => accounts
            .into_iter()
            .filter(|a| a.binding_state == BindingState::Bound && a.publish == GrantState::Granted)
            .map(|a| a.id)
            .collect(),
        Err(e) => panic!("the accounts must be readable: {e}"),
    }
}

pub fn image_post(store: &mdesk_core::Store, account_id: &str, title: &str) -> mdesk_core::outbox::Intention {
    let source = std::env::temp_dir().join(format!("mdesk-tests-{}.png", std::process::id()));
    if !source.exists() {
        std::fs::write(&source, TINY_PNG).expect("a picked image");
    }
    let image = mdesk_core::outbox::media::stage(store, &source).expect("staged");
    mdesk_core::outbox::Intention::Publish(kinds::Publish {
        account_id: account_id.to_owned(),
        work_kind: mdesk_platform_api::WorkKind::ImageText,
        title: title.to_owned(),
        text: String::new(),
        topic: None,
        product_ids: vec![],
        privacy: mdesk_platform_api::Privacy::Public,
        media: vec![image],
        cover: None,
        cover_frame_ms: None,
        scheduled_at: None,
    })
}

/// The workspace root.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// `target/` (or `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// A child process in its own process group, killed with its whole group on drop.
pub struct Proc {
    name: String,
    child: Child,
}

impl Proc {
    pub fn spawn(name: &str, mut command: Command) -> Result<Self> {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
        let child = command.spawn().with_context(|| format!("starting {name}"))?;
        Ok(Self {
            name: name.to_owned(),
            child,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The child's stderr, when it was spawned with `Stdio::piped()` for it.
    pub fn take_stderr(&mut self) -> Option<std::process::ChildStderr> {
        self.child.stderr.take()
    }

    /// The child's stdout, when it was spawned with `Stdio::piped()` for it.
    pub fn take_stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.stdout.take()
    }

    /// Fails if the process has already exited (it should be serving).
    pub fn ensure_running(&mut self) -> Result<()> {
        if let Some(status) = self.child.try_wait()? {
            bail!("{} exited early with {status}", self.name);
        }
        Ok(())
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let quiet = || {
            let mut c = Command::new("kill");
            c.stderr(std::process::Stdio::null());
            c
        };
        let _ = quiet().args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = quiet().args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// Polls `check` until it returns `Ok(Some(v))` or `timeout` passes; the last error explains.
pub async fn eventually<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + timeout;
    let mut last = String::from("condition never held");
    loop {
        match check().await {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => {}
            Err(e) => last = format!("{e:#}"),
        }
        if Instant::now() > deadline {
            bail!("timed out after {timeout:?} waiting for {what}: {last}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// A free TCP port on 127.0.0.1 (bound, then released).
pub fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
