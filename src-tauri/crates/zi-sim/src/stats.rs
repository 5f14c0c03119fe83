//! What the simulator saw and answered, for tests and benchmarks.

use std::sync::atomic::{AtomicU64, Ordering};

/// A snapshot of the counters since start (or the last `reset_stats`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimStats {
    /// Successful `/authenticate` calls.
    pub logins: u64,
    /// All `/authenticate` calls.
    pub login_attempts: u64,
    /// `/authenticate` calls answered 429.
    pub login_throttled: u64,
    /// All non-auth calls received (unknown routes included).
    pub requests: u64,
    /// Non-auth calls answered 2xx with a complete body.
    pub accepted: u64,
    /// 429s sent on non-auth calls (rate limit and random).
    pub rate_limited: u64,
    /// 500s and 503s sent (auth included).
    pub server_errors: u64,
    /// 200s whose body was cut in half.
    pub truncated: u64,
    /// 401s sent (auth included: a wrong password counts).
    pub unauthorized: u64,
    /// Calls received on `/enrich/*`.
    pub enrich_calls: u64,
    /// Calls received on `/search/*`.
    pub search_calls: u64,
    /// Records returned by enrich: each costs one credit, re-fetches too.
    pub credits_used: u64,
    /// Ids charged for the first time ever on this simulator.
    pub distinct_records_charged: u64,
}

macro_rules! counters {
    ($($field:ident),* $(,)?) => {
        /// Live counters behind [`SimStats`].
        #[derive(Default)]
        pub(crate) struct Counters { $(pub $field: AtomicU64,)* }

        impl Counters {
            pub fn snapshot(&self) -> SimStats {
                SimStats { $($field: self.$field.load(Ordering::Relaxed),)* }
            }

            pub fn reset(&self) {
                $(self.$field.store(0, Ordering::Relaxed);)*
            }
        }
    };
}

counters!(
    logins,
    login_attempts,
    login_throttled,
    requests,
    accepted,
    rate_limited,
    server_errors,
    truncated,
    unauthorized,
    enrich_calls,
    search_calls,
    credits_used,
    distinct_records_charged,
);

/// `bump(&counters.requests)`: add one.
pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}
