//! `platform-sim`: a faithful reference server of the platform API v1.
//!
//! Used as a binary (`platform-sim serve`) and as a library: the app embeds it as the demo
//! platform and tests start it on `127.0.0.1:0`.

mod cover;
mod db;
mod error;
mod fans;
mod faults;
mod guard;
mod idem;
mod password;
mod routes;
mod rows;
mod seed;
mod server;
mod team_rows;
mod tick;
mod transitions;
mod vocabulary;

pub use error::SimError;
pub use faults::Faults;
pub use seed::{FeedOrder, Seed, DEMO_PASSWORD, DEMO_TEAM, DEMO_USERNAME};
pub use server::{RunningSim, SimConfig, ADMIN_TOKEN_HEADER};
pub use tick::TickReport;
