//! What the caller learns about a paid-for request while it happens: when it leaves, and the
//! raw text of each answer before it is read. ZoomInfo charges when it answers, so a caller
//! that keeps both can tell, after a crash or an unreadable answer, what may have been paid
//! for without being received.

/// Told about one enrich request as it goes (retries included).
pub trait EnrichReceipt: Send + Sync {
    /// The request is about to leave, after pacing: on the first attempt and on each retry.
    fn sending(&self) {}
    /// The raw text of a successful (2xx) answer, before it is read: what has been paid for
    /// is kept even if reading or storing it fails.
    fn answered(&self, body: &str);
}

/// A closure over the answer's text is a receipt that ignores the sending.
impl<F: Fn(&str) + Send + Sync> EnrichReceipt for F {
    fn answered(&self, body: &str) {
        self(body)
    }
}

/// A receipt that keeps nothing (plain `enrich`).
pub(crate) struct Unkept;

impl EnrichReceipt for Unkept {
    fn answered(&self, _: &str) {}
}
