//! The IPC surface: one module per screen. Each command unpacks its arguments, calls one zi-core
//! function and maps the result; errors cross as `{code, message, detail?}` ([`ShellError`]).
//!
//! [`ShellError`]: crate::error::ShellError

pub mod app;
pub mod connect;
pub mod search;
pub mod usage;
