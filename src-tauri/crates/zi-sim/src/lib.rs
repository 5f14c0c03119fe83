//! zi-sim: an embedded, deterministic simulation of the ZoomInfo legacy Enterprise API.
//!
//! It also speaks the GTM Data API under `/gtm/data/v1/...`, from the same data set and
//! account (see the `gtm` module).
//!
//! A real HTTP server (axum) on 127.0.0.1 that demo mode, the `zi` CLI, tests and
//! benchmarks run in-process. It follows the published response examples (see
//! `shared/docs/zoominfo-api.md`) and can be made to misbehave through [`Knobs`]:
//! latency, random 429/500s, truncated bodies, outages, early token death, credit limits.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sim = zi_sim::Sim::start(zi_sim::SimConfig::demo()).await?;
//! println!("ZoomInfo simulator at {}", sim.url());
//! # Ok(()) }
//! ```

mod account;
mod auth;
mod config;
mod dataset;
mod error;
mod faults;
mod gtm;
mod knobs;
pub mod limits;
mod media;
mod pipeline;
mod rate_headers;
mod routes;
pub mod scim;
mod server;
mod state;
mod stats;
mod throttle;
mod util;

pub use config::{SimConfig, DEMO_PASSWORD, DEMO_USERNAME, GTM_DEMO_TOKEN};
pub use dataset::{email_digests, normalize_domain, Company, Dataset, Person};
pub use knobs::Knobs;
pub use server::{serve, stop_requested, Sim, SimHandle};
pub use stats::SimStats;
