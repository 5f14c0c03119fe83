//! Paging through a search up to what the API lets a client reach.

use crate::backend::ZoomInfoBackend;
use crate::error::Result;
use crate::model::{Record, RecordKind, SearchCriteria};

/// Everything a search brought back, and whether it stopped at the API's ceiling.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    pub records: Vec<Record>,
    /// How many records match the query in all.
    pub total_results: u64,
    /// `Some(depth)` when more records matched than paging can reach and the search stopped there.
    pub stopped_at_ceiling: Option<u32>,
}

/// Fetches pages until `max` records (or all matches, or the API's deepest page).
/// `on_page(fetched_so_far, total)` is called after each page.
pub async fn search_all(
    backend: &dyn ZoomInfoBackend,
    kind: RecordKind,
    criteria: &SearchCriteria,
    max: Option<u32>,
    mut on_page: impl FnMut(usize, u64) + Send,
) -> Result<SearchResults> {
    let depth = backend.max_search_depth();
    let wanted = max.unwrap_or(u32::MAX).min(depth) as usize;
    // Same page size on every page: page N starts at (N-1) × size.
    let page_size = backend.max_page_size().min(wanted.max(1) as u32);
    let mut records: Vec<Record> = Vec::new();
    let mut total_results = 0u64;
    let mut page = 1u32;
    while records.len() < wanted && (page as u64) * (page_size as u64) <= depth as u64 {
        let answer = backend.search_page(kind, criteria, page, page_size).await?;
        total_results = answer.total_results;
        let got = answer.records.len();
        records.extend(answer.records);
        on_page(records.len().min(wanted), total_results);
        if got < page_size as usize || records.len() as u64 >= total_results {
            break;
        }
        page += 1;
    }
    records.truncate(wanted);
    let asked_beyond_depth = max.is_none_or(|m| m > depth);
    let stopped_at_ceiling =
        (asked_beyond_depth && total_results > depth as u64 && records.len() >= depth as usize)
            .then_some(depth);
    Ok(SearchResults {
        records,
        total_results,
        stopped_at_ceiling,
    })
}
