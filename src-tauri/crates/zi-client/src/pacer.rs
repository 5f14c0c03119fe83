//! Client-side pacing. ZoomInfo's legacy API sends 429 without `Retry-After`, and a 429 comes
//! for one of two reasons: the account's real limit (often shared with other users of the
//! account, so lower than the configured one), or a stray refusal that says nothing about the
//! rate. The pacer spaces requests evenly under the configured limit and lowers the rate only
//! when the 429s show a real limit: a run of refusals in a row, a sustained share of them among
//! the recent answers, or a refusal while probing above a limit already found. It then aims
//! just under the rate the server was letting through, waits for the server's window to free,
//! remembers that rate and probes above it slowly. 5xx answers never lower the rate.

mod answers;
mod schedule;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

pub(crate) use answers::Answer;
use answers::Sends;
use schedule::Schedule;

use crate::limits;
use crate::shared_pace::SharedPace;

/// The account's request limits (accounts differ: make them configurable).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimits {
    pub per_second: u32,
    pub per_minute: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            per_second: limits::DEFAULT_REQUESTS_PER_SECOND,
            per_minute: limits::DEFAULT_REQUESTS_PER_MINUTE,
        }
    }
}

impl RateLimits {
    /// The steady rate that keeps every rolling second *and* every rolling minute under its
    /// limit. Requests are spaced evenly (no bursts), because a burst that a token bucket
    /// allows can still break a server's sliding window.
    fn steady_rate(self) -> f64 {
        let per_second = f64::from(self.per_second.max(1));
        let per_minute = f64::from(self.per_minute.max(1)) / 60.0;
        per_second.min(per_minute)
    }
}

/// Aim this much under the rate so jitter in arrival times does not cross it.
const HEADROOM: f64 = 0.99;
/// Never pace slower than this.
const MIN_RATE: f64 = 0.5;

/// A real limit shows as this many refusals in a row (a per-second window refuses everything
/// until it frees; stray refusals at 3% line up so in under 1% of 250-request jobs) ...
const REFUSED_IN_A_ROW: usize = 3;
/// ... or as at least `SHARE_MIN_REFUSED` refusals making `SHARE_REFUSED` of the newest
/// `SHARE_WINDOW` answers (stray ones at 3% reach that in about 0.2% of such jobs).
const SHARE_WINDOW: usize = 40;
const SHARE_MIN_REFUSED: usize = 5;
const SHARE_REFUSED: f64 = 0.2;

/// Once a limit shows, aim this far under the rate the server let through ...
const UNDER_LIMIT: f64 = 0.98;
/// ... or, when it let nothing through to measure, slow down by this factor.
const UNKNOWN_LIMIT_FACTOR: f64 = 0.5;

/// Below the target (the ceiling, or just under a limit found): add this many requests/s per
/// second of calm.
const INCREASE_STEP: f64 = 1.0;
const INCREASE_INTERVAL: Duration = Duration::from_secs(1);
/// At a limit found: after this long without a refusal, try this much faster (a share of the
/// rate, at least `PROBE_MIN_STEP`): the other users of the account may have gone quiet.
const PROBE_INTERVAL: Duration = Duration::from_secs(10);
const PROBE_STEP: f64 = 0.02;
const PROBE_MIN_STEP: f64 = 0.2;
/// Past this multiple of the limit found without a refusal, the limit is gone: forget it.
const FORGET_ABOVE: f64 = 1.1;
/// `X-RateLimit-Remaining: 0` holds the requests until `X-RateLimit-Reset`, at most this long
/// (the window is a minute; a clock far off must not stall the client).
const MAX_WINDOW_WAIT: Duration = Duration::from_secs(60);

/// Whether `alike` of `answered` recent answers are more than stray ones.
fn sustained_share(answered: usize, alike: usize) -> bool {
    alike >= SHARE_MIN_REFUSED && alike as f64 >= SHARE_REFUSED * answered as f64
}

/// What a 429 meant, as far as the pacer can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The answer was not a 429.
    None,
    /// A 429 amid answers that go through: it says nothing about the rate.
    Stray,
    /// The server's limit: the pacer slowed down (or had already, for this send).
    Limit,
}

/// One request let out by [`Pacer::acquire`]; hand it back with the answer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ticket {
    number: u64,
    /// Sent while probing above a limit already found.
    probing: bool,
}

struct State {
    /// The configured rate: never faster.
    ceiling: f64,
    rate: f64,
    /// The send slots, spaced at `rate` less the headroom.
    schedule: Schedule,
    sends: Sends,
    /// Sends numbered below this went out before the last slow-down: their refusals were
    /// already acted on.
    since: u64,
    /// The rate the server let through when a real limit last showed.
    limit_found: Option<f64>,
    /// When the rate last moved.
    last_change: Instant,
}

pub(crate) struct Pacer {
    state: Mutex<State>,
    /// The account's schedule shared with other processes (team mode), once joined.
    shared: Mutex<Option<Arc<dyn SharedPace>>>,
}

impl Pacer {
    pub(crate) fn new(limits: RateLimits) -> Self {
        let rate = limits.steady_rate();
        Pacer {
            state: Mutex::new(State {
                ceiling: rate,
                rate,
                schedule: Schedule::new(rate * HEADROOM),
                sends: Sends::default(),
                since: 0,
                limit_found: None,
                last_change: Instant::now(),
            }),
            shared: Mutex::new(None),
        }
    }

    /// Joins the account's schedule shared with other processes (`None`: leaves it).
    pub(crate) fn share(&self, pace: Option<Arc<dyn SharedPace>>) {
        *self
            .shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = pace;
    }

    fn shared(&self) -> Option<Arc<dyn SharedPace>> {
        self.shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A poisoned lock only means another thread panicked mid-update; the numbers are still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits until one more request may go out.
    pub(crate) async fn acquire(&self) -> Ticket {
        loop {
            let slot = self.lock().schedule.reserve(Instant::now());
            tokio::time::sleep_until(slot.at).await;
            let (probing, ceiling) = {
                let mut state = self.lock();
                if !state.schedule.holds(slot) {
                    continue; // the rate changed, or a pause began, while it waited
                }
                if state.schedule.missed(slot, Instant::now()) {
                    continue; // woke too late (a busy machine): catching up would be a burst
                }
                state.schedule.sent(slot);
                (state.probing(), state.ceiling)
            };
            if let Some(shared) = self.shared() {
                shared
                    .wait_turn(Duration::from_secs_f64(1.0 / (ceiling * HEADROOM)))
                    .await;
            }
            return Ticket {
                number: self.lock().sends.record_send(Instant::now()),
                probing,
            };
        }
    }

    /// The answer to a request let out by `acquire`. Says whether a refusal was a stray one:
    /// its retry need not wait, the pacer spaces it like any other request.
    pub(crate) fn on_answer(&self, ticket: Ticket, answer: Answer) -> Refusal {
        let mut state = self.lock();
        if !state.sends.record_answer(ticket.number, answer) {
            return Refusal::None;
        }
        let now = Instant::now();
        match answer {
            Answer::Refused => state.on_refused(ticket, now),
            Answer::Accepted => {
                state.on_accepted(now);
                Refusal::None
            }
            Answer::Failed => Refusal::None,
        }
    }

    /// The API said its request window is used up (`X-RateLimit-Remaining: 0`) for `reset_in`
    /// more: send nothing until then rather than collect refusals.
    pub(crate) fn on_window_spent(&self, reset_in: Duration) {
        if reset_in.is_zero() {
            return;
        }
        let until = Instant::now() + reset_in.min(MAX_WINDOW_WAIT);
        self.lock().schedule.pause_until(until);
        tracing::debug!(
            ?reset_in,
            "the API's request window is spent; waiting for its reset"
        );
    }

    /// Whether server errors are stray ones, the recent answers mostly going through: the
    /// first retry of a request that met one need not back off, its slot is wait enough.
    pub(crate) fn failures_are_stray(&self) -> bool {
        let (answered, failed) = self.lock().sends.share_of(Answer::Failed, 0, SHARE_WINDOW);
        !sustained_share(answered, failed)
    }

    /// The rate currently aimed at, in requests per second.
    pub(crate) fn current_rate(&self) -> f64 {
        self.lock().rate
    }
}

impl State {
    /// Whether the rate is above where a limit found put it.
    fn probing(&self) -> bool {
        self.limit_found
            .is_some_and(|limit| self.rate > limit * UNDER_LIMIT + 1e-9)
    }

    fn set_rate(&mut self, rate: f64, now: Instant) {
        self.rate = rate;
        self.schedule.set_rate(rate * HEADROOM);
        self.last_change = now;
    }

    /// A 429: a real limit, or a stray one to ride out with a retry.
    fn on_refused(&mut self, ticket: Ticket, now: Instant) -> Refusal {
        if ticket.number < self.since {
            return Refusal::Limit; // sent at the old rate; the slow-down already happened
        }
        let (answered, refused) = self
            .sends
            .share_of(Answer::Refused, self.since, SHARE_WINDOW);
        let sustained = self
            .sends
            .refused_in_a_row(ticket.number, REFUSED_IN_A_ROW, self.since)
            || sustained_share(answered, refused);
        // What the server let through in the second before it refused is what it allows now,
        // if it never let more through in a second just before: once a limit is found, 429s
        // that do not fit one (a storm that comes whatever the rate) lower it no further.
        let (admitted, earliest) = self.sends.admitted_in_second_before(ticket.number);
        let fits_a_limit = self.limit_found.is_none()
            || admitted + 1 >= self.sends.most_admitted_in_a_second_before(ticket.number);
        let limit = match self.limit_found {
            _ if sustained && fits_a_limit => admitted as f64,
            // Probing above the limit found and refused: back under it, the limit unchanged.
            Some(found) if ticket.probing => found,
            _ => {
                tracing::trace!(rate = self.rate, "a stray 429; the rate stays");
                return Refusal::Stray;
            }
        };
        let rate = if limit > 0.0 {
            self.limit_found = Some(limit);
            limit * UNDER_LIMIT
        } else {
            // Nothing went through in the last second: no measure of the limit, halve.
            self.rate * UNKNOWN_LIMIT_FACTOR
        };
        let rate = rate.clamp(MIN_RATE, self.rate.max(MIN_RATE));
        self.set_rate(rate, now);
        // The server's window frees a place a second after the earliest of those went out.
        if let Some(earliest) = earliest {
            self.schedule.pause_until(earliest + Duration::from_secs(1));
        }
        self.since = self.sends.next();
        tracing::debug!(
            rate,
            limit,
            "the API is limiting the rate; slowing down to just under it"
        );
        Refusal::Limit
    }

    /// A request went through: climb back toward the target, then probe above it slowly.
    fn on_accepted(&mut self, now: Instant) {
        if self.rate >= self.ceiling {
            return;
        }
        let calm = now.duration_since(self.last_change);
        let target = self.limit_found.map_or(self.ceiling, |limit| {
            (limit * UNDER_LIMIT).min(self.ceiling)
        });
        let rate = if self.rate < target {
            if calm < INCREASE_INTERVAL {
                return;
            }
            (self.rate + INCREASE_STEP).min(target)
        } else {
            if calm < PROBE_INTERVAL {
                return;
            }
            let rate = self.rate + (self.rate * PROBE_STEP).max(PROBE_MIN_STEP);
            if self
                .limit_found
                .is_some_and(|limit| rate > limit * FORGET_ABOVE)
            {
                self.limit_found = None;
            }
            rate.min(self.ceiling)
        };
        self.set_rate(rate, now);
    }
}

#[cfg(test)]
mod tests;
