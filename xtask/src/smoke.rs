//! `cargo xtask bundle --smoke`: the .deb as a user gets it. Installed with dpkg, the installed
//! binary started under Xvfb inside a private D-Bus session with an unlocked keyring, against
//! the embedded demo platform (fresh `MDESK_DATA_DIR`); its window found, the screen shot to
//! `target/bundle-smoke/first-screen.png`, the app ended and the package removed again.

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::setup::as_root;
use crate::sh::{output, root, run};

/// The window's title is "矩阵工作台 Matrix Desk" (tauri.conf.json).
const TITLE: &str = "Matrix Desk";
const WINDOW_TIMEOUT: Duration = Duration::from_secs(90);
/// After the window maps: the UI mounts, the demo platform starts and the first sync lands.
const SETTLE: Duration = Duration::from_secs(8);

pub fn smoke(deb: &Path) -> Result<()> {
    let out = root().join("target").join("bundle-smoke");
    if out.exists() {
        fs::remove_dir_all(&out).with_context(|| format!("clearing {}", out.display()))?;
    }
    let data = out.join("data");
    fs::create_dir_all(&data).with_context(|| format!("creating {}", data.display()))?;

    let field = |name: &str| {
        output("dpkg-deb", &["-f", &deb.to_string_lossy(), name])
            .map(|s| s.trim().to_owned())
            .with_context(|| format!("reading {name} of {}", deb.display()))
    };
    let package = field("Package")?;
    let installed_kib: u64 = field("Installed-Size")?.parse().context("Installed-Size")?;
    let deb_bytes = fs::metadata(deb)?.len();

    run(&mut as_root("dpkg", &["-i", &deb.to_string_lossy()]))?;
    let started = start_installed(&out, &data);
    let removed = uninstall(&package);
    let binary_bytes = started?;
    removed?;
    eprintln!(
        "==> smoke passed: installer {} ({:.1} MiB), installed size {:.1} MiB (Installed-Size {installed_kib} KiB; \
         /usr/bin/matrix-desk {:.1} MiB); first screen in {}",
        deb.display(),
        mib(deb_bytes),
        installed_kib as f64 / 1024.0,
        mib(binary_bytes),
        out.join("first-screen.png").display()
    );
    Ok(())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Runs /usr/bin/matrix-desk until its window has rendered and the screen is shot; returns the
/// installed binary's size. Every process started here is ended before it returns.
fn start_installed(out: &Path, data: &Path) -> Result<u64> {
    let binary = Path::new("/usr/bin/matrix-desk");
    let binary_bytes = fs::metadata(binary)
        .with_context(|| format!("the package did not install {}", binary.display()))?
        .len();
    let display = Xvfb::start()?;
    let pid_file = out.join("app.pid");
    let log = out.join("app.log");
    let script = format!(
        "{} && echo $$ > '{}' && exec {}",
        crate::run::private_keyring("bundle-smoke")?,
        pid_file.display(),
        binary.display()
    );
    let log_file = fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
    let mut c = Command::new("dbus-run-session");
    c.args(["--", "sh", "-c", &script])
        .env("DISPLAY", &display.name)
        .env("MDESK_DATA_DIR", data)
        .env_remove("MDESK_PLATFORM_URL")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdout(Stdio::from(log_file.try_clone()?))
        .stderr(Stdio::from(log_file))
        // Its own process group: the app's WebKit processes, dbus-daemon and the keyring go
        // with it at the end.
        .process_group(0);
    let mut app = Group {
        child: c.spawn().context("could not start dbus-run-session")?,
    };

    let started = Instant::now();
    loop {
        if let Some(status) = app.child.try_wait()? {
            bail!(
                "the app exited with {status} before its window appeared; see {}",
                log.display()
            );
        }
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", TITLE])
            .env("DISPLAY", &display.name)
            .output()
            .context("could not run xdotool")?;
        if found.status.success() && !found.stdout.trim_ascii().is_empty() {
            break;
        }
        if started.elapsed() > WINDOW_TIMEOUT {
            bail!(
                "no window titled {TITLE:?} after {WINDOW_TIMEOUT:?}; see {}",
                log.display()
            );
        }
        sleep(Duration::from_millis(500));
    }
    eprintln!("==> window up after {:.1?}", started.elapsed());
    sleep(SETTLE);

    let shot = out.join("first-screen.png");
    run(Command::new("import")
        .args(["-window", "root"])
        .arg(&shot)
        .env("DISPLAY", &display.name))?;
    if let Some(status) = app.child.try_wait()? {
        bail!(
            "the app exited with {status} right after its first screen; see {}",
            log.display()
        );
    }
    let pid = fs::read_to_string(&pid_file).with_context(|| format!("reading {}", pid_file.display()))?;
    let pid = pid.trim();
    let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if comm.trim() != "matrix-desk" {
        bail!("process {pid} is {:?}, not the running matrix-desk", comm.trim());
    }
    eprintln!("==> matrix-desk (pid {pid}) alive after {:.1?}", started.elapsed());
    // Ended the way a desktop session ends it; the group goes with it when `app` drops.
    run(Command::new("kill").args(["-TERM", pid]))?;
    app.wait_a_while(Duration::from_secs(10))?;
    // dbus-daemon, the keyring and WebKit's helpers follow the app out within moments.
    let group = app.child.id().to_string();
    let drained = Instant::now();
    while let Some(left) = output("pgrep", &["-l", "-g", &group]) {
        if drained.elapsed() > Duration::from_secs(5) {
            eprintln!("note: still running 5 s after the app, ended now:\n{}", left.trim_end());
            break;
        }
        sleep(Duration::from_millis(200));
    }
    Ok(binary_bytes)
}

fn uninstall(package: &str) -> Result<()> {
    run(&mut as_root("dpkg", &["-r", package]))?;
    if Path::new("/usr/bin/matrix-desk").exists() {
        bail!("`dpkg -r {package}` left /usr/bin/matrix-desk behind");
    }
    Ok(())
}

/// A process leading its own group; the whole group is ended on drop.
struct Group {
    child: Child,
}

impl Group {
    /// Waits up to `limit` for the leader to exit on its own.
    fn wait_a_while(&mut self, limit: Duration) -> Result<()> {
        let started = Instant::now();
        while self.child.try_wait()?.is_none() {
            if started.elapsed() > limit {
                bail!("dbus-run-session did not exit within {limit:?} of the app being ended");
            }
            sleep(Duration::from_millis(100));
        }
        Ok(())
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        for signal in ["-TERM", "-KILL"] {
            // Fails (harmlessly) once nothing is left in the group.
            let _ = Command::new("kill")
                .args([signal, "--", &group])
                .stderr(Stdio::null())
                .status();
            sleep(Duration::from_millis(300));
        }
        let _ = self.child.wait();
    }
}

/// A virtual X display, ended on drop.
struct Xvfb {
    name: String,
    child: Child,
}

impl Xvfb {
    fn start() -> Result<Self> {
        // Above the display numbers the end-to-end tests pick (90..200), so both can run.
        let number = (300..400)
            .find(|n| !socket(*n).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .context("no free X display number")?;
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([name.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("could not start Xvfb")?;
        let mut xvfb = Self { name, child };
        for _ in 0..100 {
            if socket(number).exists() {
                return Ok(xvfb);
            }
            if let Some(status) = xvfb.child.try_wait()? {
                bail!("Xvfb {} exited with {status}", xvfb.name);
            }
            sleep(Duration::from_millis(50));
        }
        bail!("Xvfb did not open {}", socket(number).display())
    }
}

fn socket(number: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X11-unix/X{number}"))
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // SIGTERM first: Xvfb then removes its lock file and socket, which SIGKILL would leave.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..40 {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
