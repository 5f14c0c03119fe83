//! The simulated account's usage: requests made, records (credits) charged, distinct ids.
//! Unlike `SimStats`, this is never reset: it is what `/lookup/usage` reports.

use std::collections::HashSet;

/// Which kind of record an id belongs to (person and company ids are separate spaces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum RecordKind {
    Person,
    Company,
}

#[derive(Default)]
pub(crate) struct Account {
    pub requests: u64,
    pub records_used: u64,
    charged_ids: HashSet<(RecordKind, i64)>,
}

impl Account {
    pub fn distinct_ids(&self) -> u64 {
        self.charged_ids.len() as u64
    }

    /// Charges one credit for returning a record; true if this id was never charged before.
    pub fn charge(&mut self, kind: RecordKind, id: i64) -> bool {
        self.records_used += 1;
        self.charged_ids.insert((kind, id))
    }
}
