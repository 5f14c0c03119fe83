//! Fault switches that tests and benchmarks flip while the simulator runs.
//! Every setter takes effect for the next request.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::account::RecordKind;
use crate::config::SimConfig;
use crate::util::lock;

/// `credit_limit` stored in an atomic: this value means "no limit".
const NO_LIMIT: u64 = u64::MAX;

/// Runtime-adjustable faults and limits.
pub struct Knobs {
    latency_us: AtomicU64,
    share_429: AtomicU64,
    share_500: AtomicU64,
    share_truncated: AtomicU64,
    outage_until: Mutex<Option<Instant>>,
    token_lifetime_ms: AtomicU64,
    token_epoch: AtomicU64,
    credit_limit: AtomicU64,
    rate_per_sec: AtomicU32,
    rate_per_min: AtomicU32,
    omit_match_status: AtomicBool,
    /// Output fields withheld from the account, lower-cased.
    withheld_contact: Mutex<Vec<String>>,
    withheld_company: Mutex<Vec<String>>,
}

fn lowered(names: &[impl AsRef<str>]) -> Vec<String> {
    names
        .iter()
        .map(|n| n.as_ref().trim().to_ascii_lowercase())
        .collect()
}

fn share_bits(p: f64) -> u64 {
    // A share is a probability: clamp, and treat NaN as "never".
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
    p.to_bits()
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl Knobs {
    pub(crate) fn new(config: &SimConfig) -> Self {
        Self {
            latency_us: AtomicU64::new(micros(config.latency)),
            share_429: AtomicU64::new(share_bits(config.share_429)),
            share_500: AtomicU64::new(share_bits(config.share_500)),
            share_truncated: AtomicU64::new(share_bits(config.share_truncated)),
            outage_until: Mutex::new(None),
            token_lifetime_ms: AtomicU64::new(millis(config.token_lifetime)),
            token_epoch: AtomicU64::new(0),
            credit_limit: AtomicU64::new(config.credit_limit.unwrap_or(NO_LIMIT)),
            rate_per_sec: AtomicU32::new(config.rate_per_sec),
            rate_per_min: AtomicU32::new(config.rate_per_min),
            omit_match_status: AtomicBool::new(config.omit_match_status),
            withheld_contact: Mutex::new(lowered(&config.withheld_contact_fields)),
            withheld_company: Mutex::new(lowered(&config.withheld_company_fields)),
        }
    }

    /// Delay added to every answer.
    pub fn set_latency(&self, d: Duration) {
        self.latency_us.store(micros(d), Ordering::Relaxed);
    }

    /// Share of authorised calls answered with a random 429 (no Retry-After).
    pub fn set_share_429(&self, p: f64) {
        self.share_429.store(share_bits(p), Ordering::Relaxed);
    }

    /// Share of authorised calls answered with 500.
    pub fn set_share_500(&self, p: f64) {
        self.share_500.store(share_bits(p), Ordering::Relaxed);
    }

    /// Share of authorised calls answered 200 with the body cut in half.
    pub fn set_share_truncated(&self, p: f64) {
        self.share_truncated.store(share_bits(p), Ordering::Relaxed);
    }

    /// Every request (auth included) answers 503 until now + `length`.
    pub fn start_outage(&self, length: Duration) {
        *lock(&self.outage_until) = Instant::now().checked_add(length);
    }

    /// Lifetime of tokens issued from now on.
    pub fn set_token_lifetime(&self, d: Duration) {
        self.token_lifetime_ms.store(millis(d), Ordering::Relaxed);
    }

    /// Every token issued so far answers 401 from now on (a token that died early).
    pub fn revoke_all_tokens(&self) {
        self.token_epoch.fetch_add(1, Ordering::SeqCst);
    }

    /// Account record (credit) limit; `None` = no cap.
    pub fn set_credit_limit(&self, limit: Option<u64>) {
        self.credit_limit
            .store(limit.unwrap_or(NO_LIMIT), Ordering::Relaxed);
    }

    /// Non-auth request limits per rolling second and minute; 0 = unlimited.
    pub fn set_rate_limits(&self, per_sec: u32, per_min: u32) {
        self.rate_per_sec.store(per_sec, Ordering::Relaxed);
        self.rate_per_min.store(per_min, Ordering::Relaxed);
    }

    /// Drop the `matchStatus` key from enrich results, like the published example.
    pub fn set_omit_match_status(&self, on: bool) {
        self.omit_match_status.store(on, Ordering::Relaxed);
    }

    /// Contact output fields the account's plan withholds from now on (replaces the list).
    pub fn withhold_contact_fields(&self, names: &[&str]) {
        *lock(&self.withheld_contact) = lowered(names);
    }

    /// Company output fields the account's plan withholds from now on (replaces the list).
    pub fn withhold_company_fields(&self, names: &[&str]) {
        *lock(&self.withheld_company) = lowered(names);
    }

    pub(crate) fn is_output_field_denied(&self, kind: RecordKind, name: &str) -> bool {
        let list = match kind {
            RecordKind::Person => &self.withheld_contact,
            RecordKind::Company => &self.withheld_company,
        };
        let name = name.trim().to_ascii_lowercase();
        lock(list).contains(&name)
    }

    pub(crate) fn latency(&self) -> Duration {
        Duration::from_micros(self.latency_us.load(Ordering::Relaxed))
    }

    pub(crate) fn share_429(&self) -> f64 {
        f64::from_bits(self.share_429.load(Ordering::Relaxed))
    }

    pub(crate) fn share_500(&self) -> f64 {
        f64::from_bits(self.share_500.load(Ordering::Relaxed))
    }

    pub(crate) fn share_truncated(&self) -> f64 {
        f64::from_bits(self.share_truncated.load(Ordering::Relaxed))
    }

    pub(crate) fn in_outage(&self) -> bool {
        let mut until = lock(&self.outage_until);
        match *until {
            Some(t) if Instant::now() < t => true,
            Some(_) => {
                *until = None;
                false
            }
            None => false,
        }
    }

    pub(crate) fn token_lifetime(&self) -> Duration {
        Duration::from_millis(self.token_lifetime_ms.load(Ordering::Relaxed))
    }

    pub(crate) fn token_epoch(&self) -> u64 {
        self.token_epoch.load(Ordering::SeqCst)
    }

    pub(crate) fn credit_limit(&self) -> Option<u64> {
        match self.credit_limit.load(Ordering::Relaxed) {
            NO_LIMIT => None,
            n => Some(n),
        }
    }

    pub(crate) fn rate_limits(&self) -> (u32, u32) {
        (
            self.rate_per_sec.load(Ordering::Relaxed),
            self.rate_per_min.load(Ordering::Relaxed),
        )
    }

    pub(crate) fn omit_match_status(&self) -> bool {
        self.omit_match_status.load(Ordering::Relaxed)
    }
}
