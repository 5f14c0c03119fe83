//! A dry run's estimate without storing a job: each row's key is read into one reused buffer
//! and kept only as a 128-bit digest, and the distinct digests are checked against the keys
//! the cache answers. The figures are the ones planning stores and counts (a test holds both
//! to that), in a fraction of the time and memory.

use siphasher::sip128::SipHasher13;
use zi_client::RecordKind;
use zi_sheet::{Row, Rows};

use super::keys::{KeyReader, RowCells};
use super::mapping::ColumnMapping;
use super::row_batch::read_in_batches;
use super::types::Estimate;
use crate::error::Result;

/// Fresh cache keys read from the store at a time.
const CACHE_KEYS_PER_PAGE: i64 = 10_000;

/// A key's 128-bit SipHash-1-3 digest. Among n distinct keys two share a digest with a
/// probability of about n²/2¹²⁹: below 10⁻²⁴ for ten million keys, so counting digests is
/// counting keys.
fn digest(key: &str) -> u128 {
    SipHasher13::new().hash(key.as_bytes()).as_u128()
}

/// What reading the rows found: the digests of the distinct keys, sorted.
pub(super) struct DryScan {
    pub rows: u64,
    pub invalid: u64,
    digests: Vec<u128>,
}

/// Reads every row's key: the sampled rows first, then the rest from a reading thread, so
/// reading the file and working out the keys each have a core.
pub(super) fn scan(
    kind: RecordKind,
    mapping: &[ColumnMapping],
    first_rows: &[Row],
    rows: Rows,
) -> Result<DryScan> {
    let mut counter = Counter {
        keys: KeyReader::new(kind, mapping),
        key: String::new(),
        scan: DryScan {
            rows: 0,
            invalid: 0,
            digests: Vec::new(),
        },
    };
    for row in first_rows {
        counter.add(&row.view());
    }
    read_in_batches(rows, |batch| {
        for row in batch.rows() {
            counter.add(&row);
        }
    })?;
    let mut scan = counter.scan;
    scan.digests.sort_unstable();
    scan.digests.dedup();
    Ok(scan)
}

/// Keys rows one by one into one reused buffer, keeping only their digests.
struct Counter {
    keys: KeyReader,
    key: String,
    scan: DryScan,
}

impl Counter {
    fn add<C: RowCells + ?Sized>(&mut self, row: &C) {
        self.scan.rows += 1;
        if self.keys.key_into(row, &mut self.key) {
            self.scan.digests.push(digest(&self.key));
        } else {
            self.scan.invalid += 1;
        }
    }
}

impl DryScan {
    /// The estimate: distinct keys, and how many of them the cache answers, counted by
    /// walking the cache's fresh keys of this kind in pages.
    pub(super) async fn estimate(
        self,
        store: &zi_store::Store,
        kind: RecordKind,
        (match_max_age, no_match_max_age): (i64, i64),
    ) -> Result<Estimate> {
        let mut cached = 0u64;
        let mut after = String::new();
        loop {
            let page = store
                .fresh_match_keys(
                    kind.as_str(),
                    match_max_age,
                    no_match_max_age,
                    &after,
                    CACHE_KEYS_PER_PAGE,
                )
                .await?;
            cached += page
                .iter()
                .filter(|k| self.digests.binary_search(&digest(k)).is_ok())
                .count() as u64;
            match page.last() {
                Some(last) if page.len() as i64 == CACHE_KEYS_PER_PAGE => after.clone_from(last),
                _ => break,
            }
        }
        let distinct_keys = self.digests.len() as u64;
        let to_send = distinct_keys.saturating_sub(cached);
        Ok(Estimate {
            rows: self.rows,
            invalid_rows: self.invalid,
            distinct_keys,
            duplicate_rows: self
                .rows
                .saturating_sub(self.invalid)
                .saturating_sub(distinct_keys),
            cached_keys: cached,
            done_keys: 0,
            to_send,
            max_credits: to_send,
            credits_spent: 0,
        })
    }
}
