//! The error every command returns over IPC: zi-core's [`ErrorReply`], `{code, message, detail?}`,
//! for the engine's failures and the shell's own (no session yet, a file not chosen) alike, so
//! the UI handles both one way and switches on one exported [`ErrorCode`].

pub use zi_core::{ErrorCode, ErrorReply};

/// What every command returns.
pub type CommandResult<T> = Result<T, ErrorReply>;
