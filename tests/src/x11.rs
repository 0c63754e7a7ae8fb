//! Closing a window the way its close button does: the `WM_DELETE_WINDOW` message a window
//! manager sends. Xvfb runs with no window manager, so the test sends it itself.

use anyhow::{bail, Context, Result};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState};

/// Asks every visible top-level window whose title contains `title` to close.
pub fn close_window(display: &str, title: &str) -> Result<()> {
    let (conn, screen) = x11rb::connect(Some(display)).context("connecting to the X display")?;
    let root = conn.setup().roots.get(screen).context("the X screen")?.root;
    let atom = |name: &[u8]| -> Result<u32> { Ok(conn.intern_atom(false, name)?.reply()?.atom) };
    let (protocols, delete) = (atom(b"WM_PROTOCOLS")?, atom(b"WM_DELETE_WINDOW")?);
    let (net_name, utf8) = (atom(b"_NET_WM_NAME")?, atom(b"UTF8_STRING")?);
    let mut sent = 0;
    for window in conn.query_tree(root)?.reply()?.children {
        if conn.get_window_attributes(window)?.reply()?.map_state != MapState::VIEWABLE {
            continue;
        }
        let mut name = conn.get_property(false, window, net_name, utf8, 0, 256)?.reply()?.value;
        if name.is_empty() {
            name = conn
                .get_property(false, window, AtomEnum::WM_NAME, AtomEnum::STRING, 0, 256)?
                .reply()?
                .value;
        }
        if !String::from_utf8_lossy(&name).contains(title) {
            continue;
        }
        let message = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        conn.send_event(false, window, EventMask::NO_EVENT, message)?;
        sent += 1;
    }
    conn.flush()?;
    if sent == 0 {
        bail!("no visible window titled {title:?} on {display}");
    }
    Ok(())
}
