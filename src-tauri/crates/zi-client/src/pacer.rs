//! Client-side pacing: ZoomInfo's legacy API sends 429 without `Retry-After`, so the
//! client keeps itself under the account's limit and backs off when told to (AIMD).

use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::{Clock, ReasonablyRealtime};
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use tokio::time::Instant;

use crate::limits;

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

/// Aim this much under the limit so jitter in arrival times does not cross it.
const HEADROOM: f64 = 0.99;
/// Never pace slower than this.
const MIN_RATE: f64 = 0.5;
/// On a 429: multiply the rate by this, at most once per `DECREASE_COOLDOWN`
/// (the in-flight requests of one burst all see the same 429 wave).
const DECREASE_FACTOR: f64 = 0.7;
const DECREASE_COOLDOWN: Duration = Duration::from_secs(1);
/// After 429s stop: add this many requests/s per second of calm.
const INCREASE_STEP: f64 = 1.0;
const INCREASE_INTERVAL: Duration = Duration::from_secs(1);

/// governor clock that follows tokio's clock, so tests with a paused clock pace too.
#[derive(Clone, Copy, Debug, Default)]
struct TokioClock;

impl Clock for TokioClock {
    type Instant = std::time::Instant;
    fn now(&self) -> Self::Instant {
        Instant::now().into_std()
    }
}
impl ReasonablyRealtime for TokioClock {}

type Limiter = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<std::time::Instant>>;

struct State {
    ceiling: f64,
    rate: f64,
    limiter: Arc<Limiter>,
    /// When the rate last moved; `None` until the first 429.
    last_change: Option<Instant>,
}

pub(crate) struct Pacer {
    state: Mutex<State>,
}

fn limiter_for(rate: f64) -> Arc<Limiter> {
    let period = Duration::from_secs_f64(1.0 / (rate * HEADROOM));
    let quota = Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::MIN);
    Arc::new(RateLimiter::direct_with_clock(quota, TokioClock))
}

impl Pacer {
    pub(crate) fn new(limits: RateLimits) -> Self {
        let rate = limits.steady_rate();
        Pacer {
            state: Mutex::new(State {
                ceiling: rate,
                rate,
                limiter: limiter_for(rate),
                last_change: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A poisoned lock only means another thread panicked mid-update; the numbers are still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits until one more request may go out.
    pub(crate) async fn acquire(&self) {
        loop {
            let limiter = self.lock().limiter.clone();
            match limiter.check() {
                Ok(()) => return,
                Err(not_until) => {
                    tokio::time::sleep(not_until.wait_time_from(TokioClock.now())).await
                }
            }
        }
    }

    /// A 429 came back: slow down (multiplicative decrease).
    pub(crate) fn on_throttled(&self) {
        let mut state = self.lock();
        let now = Instant::now();
        if state
            .last_change
            .is_some_and(|at| now.duration_since(at) < DECREASE_COOLDOWN)
        {
            return;
        }
        state.rate = (state.rate * DECREASE_FACTOR).max(MIN_RATE);
        state.limiter = limiter_for(state.rate);
        state.last_change = Some(now);
        tracing::debug!(rate = state.rate, "rate limited by the API; slowing down");
    }

    /// A request went through: creep back up to the ceiling (additive increase).
    pub(crate) fn on_success(&self) {
        let mut state = self.lock();
        if state.rate >= state.ceiling {
            return;
        }
        let now = Instant::now();
        if state
            .last_change
            .is_some_and(|at| now.duration_since(at) < INCREASE_INTERVAL)
        {
            return;
        }
        state.rate = (state.rate + INCREASE_STEP).min(state.ceiling);
        state.limiter = limiter_for(state.rate);
        state.last_change = Some(now);
    }

    /// The rate currently aimed at, in requests per second.
    pub(crate) fn current_rate(&self) -> f64 {
        self.lock().rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_requests_at_the_account_rate() {
        let pacer = Pacer::new(RateLimits {
            per_second: 25,
            per_minute: 1500,
        });
        let start = Instant::now();
        for _ in 0..51 {
            pacer.acquire().await;
        }
        // 50 gaps at 1/(25 × 0.99) s each ≈ 2.02 s.
        let elapsed = start.elapsed().as_secs_f64();
        assert!(
            (2.0..2.1).contains(&elapsed),
            "51 requests took {elapsed} s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_minute_limit_binds_when_it_is_lower() {
        let pacer = Pacer::new(RateLimits {
            per_second: 25,
            per_minute: 600,
        });
        let start = Instant::now();
        for _ in 0..11 {
            pacer.acquire().await;
        }
        let elapsed = start.elapsed().as_secs_f64();
        assert!(
            (1.0..1.1).contains(&elapsed),
            "11 requests at 10/s took {elapsed} s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn backs_off_on_429_and_recovers_when_they_stop() {
        let pacer = Pacer::new(RateLimits::default());
        pacer.on_throttled();
        pacer.on_throttled(); // same wave: counted once
        assert!((pacer.current_rate() - 25.0 * DECREASE_FACTOR).abs() < 1e-9);
        for _ in 0..20 {
            tokio::time::advance(Duration::from_secs(1)).await;
            pacer.on_success();
        }
        assert!((pacer.current_rate() - 25.0).abs() < 1e-9);
    }
}
