//! Precise rolling-window rate limiting (a sliding log of admitted calls).
//!
//! A benchmark measures client throughput against these limits, so the windows are exact:
//! a call is admitted only if fewer than `per_sec` calls were admitted in the preceding
//! second and fewer than `per_min` in the preceding minute. Refused calls do not count.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::util::lock;

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

#[derive(Default)]
pub(crate) struct RateLimiter {
    admitted: Mutex<VecDeque<Instant>>,
}

impl RateLimiter {
    /// Admits and records one call, or refuses it. A limit of 0 means unlimited.
    pub fn try_admit(&self, per_sec: u32, per_min: u32) -> bool {
        if per_sec == 0 && per_min == 0 {
            return true;
        }
        let now = Instant::now();
        let mut log = lock(&self.admitted);
        // Keep only what the longest active window still needs.
        let keep = if per_min > 0 { MINUTE } else { SECOND };
        while log.front().is_some_and(|&t| now.duration_since(t) >= keep) {
            log.pop_front();
        }
        if per_min > 0 && log.len() >= per_min as usize {
            return false;
        }
        if per_sec > 0 {
            let last_second = log
                .iter()
                .rev()
                .take_while(|&&t| now.duration_since(t) < SECOND)
                .count();
            if last_second >= per_sec as usize {
                return false;
            }
        }
        log.push_back(now);
        true
    }

    /// The rolling minute as it stands; `None` when there is no per-minute limit.
    pub fn minute_window(&self, per_min: u32) -> Option<MinuteWindow> {
        if per_min == 0 {
            return None;
        }
        let now = Instant::now();
        let log = lock(&self.admitted);
        let in_window = log.iter().filter(|&&t| now.duration_since(t) < MINUTE);
        let (used, oldest) =
            in_window.fold((0u32, None), |(n, oldest), &t| (n + 1, oldest.or(Some(t))));
        Some(MinuteWindow {
            limit: per_min,
            remaining: per_min.saturating_sub(used),
            frees_in: oldest.map_or(Duration::ZERO, |t| MINUTE - now.duration_since(t)),
        })
    }
}

/// The per-minute window as an answer's `X-RateLimit-*` headers describe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MinuteWindow {
    pub limit: u32,
    pub remaining: u32,
    /// How long until the oldest call in the window leaves it and a place frees.
    pub frees_in: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_up_to_the_per_second_limit() {
        let rl = RateLimiter::default();
        let admitted = (0..10).filter(|_| rl.try_admit(3, 0)).count();
        assert_eq!(admitted, 3);
    }

    #[test]
    fn per_minute_limit_applies() {
        let rl = RateLimiter::default();
        let admitted = (0..10).filter(|_| rl.try_admit(0, 4)).count();
        assert_eq!(admitted, 4);
    }

    #[test]
    fn the_minute_window_counts_what_was_admitted() {
        let rl = RateLimiter::default();
        assert!((0..3).all(|_| rl.try_admit(0, 10)));
        let window = rl.minute_window(10).expect("limited");
        assert_eq!((window.limit, window.remaining), (10, 7));
        assert!(window.frees_in > Duration::from_secs(59) && window.frees_in <= MINUTE);
        assert_eq!(rl.minute_window(0), None);
    }

    #[test]
    fn zero_is_unlimited() {
        let rl = RateLimiter::default();
        assert!((0..1000).all(|_| rl.try_admit(0, 0)));
    }
}
