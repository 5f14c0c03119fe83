//! The IPC surface: one module per screen. Each command unpacks its arguments, calls one zi-core
//! function and maps the result; errors cross as `{code, message, detail?}` ([`ErrorReply`]).
//!
//! [`ErrorReply`]: crate::error::ErrorReply

pub mod app;
pub mod connect;
pub mod connectors;
pub mod enrich;
pub mod files;
pub mod network;
pub mod provisioning;
pub mod search;
pub mod settings;
pub mod team;
pub mod updates;
pub mod usage;

#[cfg(test)]
mod account_tests;
#[cfg(test)]
pub(crate) mod test_support;
