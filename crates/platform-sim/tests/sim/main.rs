//! The simulator over real HTTP on 127.0.0.1: every platform rule, idempotency, the change
//! feed, tokens, the creators' side, faults, seeds, covers, media, scheduling, topics, threads,
//! comment likes, totals, teams (roles and four-eyes approval), the upgrade of an old database, and conformance to docs/platform-api.yaml.
#![allow(clippy::unwrap_used)]

mod client;
mod conformance;
mod consent;
mod covers;
mod feed;
mod idempotency;
mod likes;
mod media;
mod rules;
mod secrets;
mod seeds;
mod snapshot;
mod team;
mod threads;
mod topics;
mod totals;
mod upgrade;
mod works;
