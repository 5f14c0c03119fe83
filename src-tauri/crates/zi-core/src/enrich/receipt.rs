//! The receipt of one sent batch: journals it as it leaves and each answer as it arrives, and
//! counts the answers that could not be read. ZoomInfo charges when it answers, readable or
//! not, and the client sends such a batch again: each unreadable answer is a batch that may
//! have been charged twice.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use zi_client::EnrichReceipt;
use zi_store::{charged_twice_reason, ChargedTwice};

use super::journal::Journal;

pub(super) struct BatchReceipt<'a> {
    journal: &'a Journal,
    batch_ref: &'a str,
    keys: &'a [String],
    marked: AtomicBool,
    unreadable: AtomicUsize,
}

impl<'a> BatchReceipt<'a> {
    pub(super) fn new(journal: &'a Journal, batch_ref: &'a str, keys: &'a [String]) -> Self {
        BatchReceipt {
            journal,
            batch_ref,
            keys,
            marked: AtomicBool::new(false),
            unreadable: AtomicUsize::new(0),
        }
    }

    /// One entry per unreadable answer received so far.
    pub(super) fn charged_twice(&self) -> Vec<ChargedTwice> {
        let unreadable = self.unreadable.load(Ordering::SeqCst);
        (0..unreadable)
            .map(|_| unreadable_answer(self.batch_ref, self.keys.len()))
            .collect()
    }
}

impl EnrichReceipt for BatchReceipt<'_> {
    fn sending(&self) {
        // Once is enough: a retry of the same batch is the same batch in flight.
        if !self.marked.swap(true, Ordering::SeqCst) {
            self.journal.mark_sent(self.batch_ref, self.keys.len());
        }
    }

    fn answered(&self, body: &str) {
        self.journal.append(self.batch_ref, self.keys, body);
        if zi_client::parse_enrich_answer(body, self.keys.len()).is_err() {
            self.unreadable.fetch_add(1, Ordering::SeqCst);
        }
    }
}

pub(super) fn unreadable_answer(batch_ref: &str, records: usize) -> ChargedTwice {
    ChargedTwice {
        batch_ref: batch_ref.to_string(),
        records: records as i64,
        reason: charged_twice_reason::UNREADABLE_ANSWER,
    }
}

pub(super) fn interrupted(batch_ref: &str, records: usize) -> ChargedTwice {
    ChargedTwice {
        batch_ref: batch_ref.to_string(),
        records: records as i64,
        reason: charged_twice_reason::INTERRUPTED,
    }
}
