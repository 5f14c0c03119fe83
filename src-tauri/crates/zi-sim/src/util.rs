//! Small helpers shared by the modules.

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex, ignoring poisoning: every guarded value here stays valid if a holder panicked.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
