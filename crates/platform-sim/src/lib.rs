//! `platform-sim`: a faithful reference server of the platform API v1.
//!
//! Used as a binary (`platform-sim serve`) and as a library: the app embeds it as the demo
//! platform and tests start it on `127.0.0.1:0`.

mod db;
mod error;
mod routes;
mod seed;
mod server;

pub use error::SimError;
pub use seed::{Seed, DEMO_PASSWORD, DEMO_USERNAME};
pub use server::{RunningSim, SimConfig};
