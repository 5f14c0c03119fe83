//! When and how long to wait before trying again.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};

use crate::error::ClientError;

/// Capped exponential backoff with jitter for 429, 5xx, timeouts, dropped connections and
/// unreadable answers. 400/401/403 are never retried (see `ClientError::is_retryable`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub min_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Half a minute or so of patience in all: rides out a short outage or a 429 storm.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            min_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    pub(crate) fn backoff(&self) -> impl Iterator<Item = Duration> {
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_attempts.saturating_sub(1) as usize)
            .with_jitter()
            .build()
    }
}

/// A random pause in `0..=max`, so waiting clients do not come back in lockstep.
pub(crate) fn jitter(max: Duration) -> Duration {
    Duration::from_millis(rand::random_range(0..=max.as_millis() as u64))
}

/// Records how many attempts were made in the error the user finally sees.
pub(crate) fn with_attempts(error: ClientError, made: u32) -> ClientError {
    match error {
        ClientError::RateLimited { retry_after, .. } => ClientError::RateLimited {
            attempts: made,
            retry_after,
        },
        ClientError::Server {
            status, message, ..
        } => ClientError::Server {
            status,
            message,
            attempts: made,
        },
        other => other,
    }
}

/// Counts attempts, and how many failed the same way in a row, to decide when to stop.
#[derive(Default)]
pub(crate) struct Attempts {
    pub(crate) made: u32,
    streak: u32,
    last: Option<std::mem::Discriminant<ClientError>>,
}

impl Attempts {
    pub(crate) fn start(&mut self) {
        self.made += 1;
    }

    /// Notes a failure; true when it is time to give up.
    pub(crate) fn exhausted_by(&mut self, error: &ClientError, max_attempts: u32) -> bool {
        let kind = std::mem::discriminant(error);
        self.streak = if self.last == Some(kind) {
            self.streak + 1
        } else {
            1
        };
        self.last = Some(kind);
        self.made >= max_attempts
            || error
                .give_up_after_in_a_row()
                .is_some_and(|cap| self.streak >= cap)
    }
}
