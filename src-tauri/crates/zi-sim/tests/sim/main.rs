//! End-to-end tests: a real simulator on a random port, driven over HTTP with reqwest,
//! asserting what a client would notice.

mod common;

mod auth;
mod dataset;
mod enrich;
mod faults;
mod headers;
mod rate;
mod search;
mod spec_fields;
mod usage;
