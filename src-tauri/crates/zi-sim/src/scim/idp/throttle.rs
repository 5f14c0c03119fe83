//! One provider's request budget: a fixed window that lets a number of requests through and
//! says how many are left and when the window starts again.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::util::lock;

/// What the window decided about one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Admission {
    pub allowed: bool,
    /// Requests the window holds.
    pub limit: u32,
    /// Requests still allowed in this window after this one.
    pub remaining: u32,
    /// When the window starts again, in UTC epoch seconds.
    pub reset_epoch: u64,
    /// Whole seconds until then (at least 1).
    pub retry_after_secs: u64,
}

struct Window {
    began: Instant,
    began_epoch: u64,
    length: Duration,
    used: u32,
}

pub(crate) struct RateWindow(Mutex<Window>);

fn epoch_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl RateWindow {
    pub fn new() -> Self {
        RateWindow(Mutex::new(Window {
            began: Instant::now(),
            began_epoch: epoch_now(),
            length: Duration::from_secs(60),
            used: 0,
        }))
    }

    /// Counts one request. With `per_second` set, the window is one second long and refuses
    /// what exceeds it; otherwise it is a minute long, holds `nominal_per_minute` and never
    /// refuses (the headers still count down).
    pub fn admit(&self, per_second: Option<u32>, nominal_per_minute: u32) -> Admission {
        let (length, limit, enforce) = match per_second {
            Some(n) => (Duration::from_secs(1), n, true),
            None => (Duration::from_secs(60), nominal_per_minute, false),
        };
        let mut w = lock(&self.0);
        if w.length != length || w.began.elapsed() >= w.length {
            *w = Window {
                began: Instant::now(),
                began_epoch: epoch_now(),
                length,
                used: 0,
            };
        }
        let allowed = !enforce || w.used < limit;
        if allowed {
            w.used = w.used.saturating_add(1);
        }
        let left = w.length.saturating_sub(w.began.elapsed());
        Admission {
            allowed,
            limit,
            remaining: limit.saturating_sub(w.used),
            reset_epoch: w.began_epoch + w.length.as_secs(),
            retry_after_secs: left.as_secs_f64().ceil().max(1.0) as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_per_second_window_refuses_the_excess_and_counts_down() {
        let window = RateWindow::new();
        let first = window.admit(Some(2), 600);
        assert!(first.allowed);
        assert_eq!((first.limit, first.remaining), (2, 1));
        assert!(window.admit(Some(2), 600).allowed);
        let third = window.admit(Some(2), 600);
        assert!(!third.allowed);
        assert_eq!(third.remaining, 0);
        assert!(third.retry_after_secs >= 1);
        // Without a switch the nominal window never refuses.
        let nominal = window.admit(None, 600);
        assert!(nominal.allowed);
        assert_eq!((nominal.limit, nominal.remaining), (600, 599));
        assert!(nominal.reset_epoch > epoch_now());
    }
}
