//! Pause, resume and cancel, shared between whoever started a job and the job itself.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

#[derive(Clone, Default)]
pub struct JobControl {
    inner: Arc<State>,
}

#[derive(Default)]
struct State {
    cancelled: AtomicBool,
    paused: AtomicBool,
    changed: Notify,
}

impl JobControl {
    /// Stops the job after the batches in flight are committed.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        self.inner.changed.notify_waiters();
    }

    /// Sends no new batches until `resume`.
    pub fn pause(&self) {
        self.inner.paused.store(true, Ordering::SeqCst);
        self.inner.changed.notify_waiters();
    }

    pub fn resume(&self) {
        self.inner.paused.store(false, Ordering::SeqCst);
        self.inner.changed.notify_waiters();
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    pub fn is_paused(&self) -> bool {
        self.inner.paused.load(Ordering::SeqCst)
    }

    /// Returns once not paused (or cancelled).
    pub(crate) async fn wait_while_paused(&self) {
        loop {
            let changed = self.inner.changed.notified();
            if !self.is_paused() || self.is_cancelled() {
                return;
            }
            changed.await;
        }
    }
}
