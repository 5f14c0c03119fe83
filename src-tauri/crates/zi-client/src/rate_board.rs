//! The latest rate and usage headers seen on any answer, kept for the Usage screen and the
//! pacer. Each answer updates what it carried and leaves the rest as it was.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};

use crate::headers::{Observed, WindowHeaders};
use crate::model::{RateSnapshot, RateWindow, UsageLimit};

#[derive(Default)]
struct Latest {
    snapshot: Option<RateSnapshot>,
    /// The raw window of the latest answer that described one.
    window: Option<WindowHeaders>,
}

#[derive(Default)]
pub(crate) struct RateBoard {
    latest: Mutex<Latest>,
}

impl RateBoard {
    fn lock(&self) -> std::sync::MutexGuard<'_, Latest> {
        // A poisoned lock only means another thread panicked mid-update; the values are usable.
        self.latest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes in what one answer's headers said, arrived now.
    pub(crate) fn update(&self, observed: Observed) {
        if observed.window.is_none() && observed.usage.is_empty() {
            return;
        }
        let now = Utc::now();
        let mut latest = self.lock();
        let snapshot = latest.snapshot.get_or_insert_with(RateSnapshot::default);
        if let Some(window) = observed.window {
            snapshot.window = Some(RateWindow {
                limit: window.limit,
                remaining: window.remaining,
                resets_at: window
                    .reset
                    .and_then(|secs| DateTime::from_timestamp(secs, 0))
                    .map(|at| at.to_rfc3339()),
                seen_at: now.to_rfc3339(),
            });
        }
        if !observed.usage.is_empty() {
            snapshot.usage = observed
                .usage
                .iter()
                .map(|u| UsageLimit {
                    limit_type: u.limit_type.to_string(),
                    description: None,
                    limit: u.limit,
                    current_usage: u
                        .limit
                        .zip(u.remaining)
                        .map(|(l, r)| l.saturating_sub(r).max(0)),
                    usage_remaining: u.remaining,
                })
                .collect();
            snapshot.usage_seen_at = Some(now.to_rfc3339());
        }
        if observed.window.is_some() {
            latest.window = observed.window;
        }
    }

    /// `None` until an answer carried any of the headers.
    pub(crate) fn snapshot(&self) -> Option<RateSnapshot> {
        self.lock().snapshot.clone()
    }

    /// How long until the window frees, when the latest answer said none is left in it.
    pub(crate) fn spent_window_wait(&self) -> Option<Duration> {
        let window = self.lock().window?;
        if window.remaining? > 0 {
            return None;
        }
        let reset =
            UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(window.reset?).ok()?))?;
        reset.duration_since(SystemTime::now()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::UsageHeader;

    fn window(remaining: i64, reset: i64) -> Observed {
        Observed {
            window: Some(WindowHeaders {
                limit: Some(1500),
                remaining: Some(remaining),
                reset: Some(reset),
            }),
            usage: Vec::new(),
        }
    }

    fn epoch_now() -> i64 {
        Utc::now().timestamp()
    }

    #[test]
    fn an_answer_without_usage_keeps_the_usage_seen_before() {
        let board = RateBoard::default();
        assert_eq!(board.snapshot(), None);
        board.update(Observed {
            window: None,
            usage: vec![UsageHeader {
                limit_type: "recordLimit",
                limit: Some(25_000),
                remaining: Some(24_000),
            }],
        });
        board.update(window(1_400, epoch_now() + 30));
        let snapshot = board.snapshot().expect("seen");
        assert_eq!(snapshot.usage.len(), 1);
        assert_eq!(snapshot.usage[0].current_usage, Some(1_000));
        assert_eq!(snapshot.usage[0].usage_remaining, Some(24_000));
        assert!(snapshot.usage_seen_at.is_some());
        let window = snapshot.window.expect("window");
        assert_eq!(window.remaining, Some(1_400));
        assert!(window.resets_at.is_some());
    }

    #[test]
    fn a_spent_window_says_how_long_until_it_frees() {
        let board = RateBoard::default();
        board.update(window(3, epoch_now() + 30));
        assert_eq!(board.spent_window_wait(), None);
        board.update(window(0, epoch_now() + 30));
        let wait = board.spent_window_wait().expect("spent");
        assert!(wait > Duration::from_secs(28) && wait <= Duration::from_secs(30));
        board.update(window(0, epoch_now() - 5));
        assert_eq!(board.spent_window_wait(), None, "already reset");
    }
}
