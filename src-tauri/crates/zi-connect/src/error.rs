//! What can go wrong with a connector, in words that name it and say what to do.

#[derive(Debug, thiserror::Error)]
pub enum ConnectorError {
    #[error("{path}: {detail}")]
    File { path: String, detail: String },
    #[error("The connector \"{connector}\" is not usable: {detail}")]
    Invalid { connector: String, detail: String },
    #[error("The connector \"{connector}\" has no action named \"{action}\"; it has: {known}.")]
    NoSuchAction {
        connector: String,
        action: String,
        known: String,
    },
    #[error("The connector \"{connector}\" needs a value for {{{name}}}: pass --param {name}=… (or map a column of that name).")]
    MissingParam { connector: String, name: String },
    #[error("The connector \"{connector}\" needs its API key: {detail}")]
    NoKey { connector: String, detail: String },
    /// The kept sign-in did not give a token; `detail` (zi-oauth's message naming the
    /// connector's provider) says what to do.
    #[error("{detail}")]
    SignIn { connector: String, detail: String },
    #[error("{connector} refused the API key (HTTP {status}). Check the key (and where the connector places it: {placement}), then try again; nothing was kept from this call.")]
    KeyRefused {
        connector: String,
        status: u16,
        placement: String,
    },
    #[error("{connector} answered what its output does not describe: the answer has {found}, the connector's output expects {expected}. Update the connector's output from a test answer (zi connector test).")]
    UnexpectedAnswer {
        connector: String,
        found: String,
        expected: String,
    },
    #[error("{connector} answered HTTP {status}: {detail}")]
    Refused {
        connector: String,
        status: u16,
        detail: String,
    },
    #[error("{connector} kept answering HTTP {status} after {attempts} tries; try again later.")]
    GaveUp {
        connector: String,
        status: u16,
        attempts: usize,
    },
    #[error("{connector} could not be reached: {detail}")]
    Unreachable { connector: String, detail: String },
    #[error("{connector}'s answer is not JSON: {detail}")]
    Unreadable { connector: String, detail: String },
}

pub type Result<T, E = ConnectorError> = std::result::Result<T, E>;
