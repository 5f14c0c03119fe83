//! "Enrich selected" on the Search screen: the chosen search hits become a small spreadsheet
//! keyed by ZoomInfo id, planned like any dropped file, so the estimate, budget, run, review and
//! export are the ones every file gets. The same selection gives the same file name, so choosing
//! it again finds its earlier job instead of paying twice.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};
use zi_client::RecordKind;

use crate::enrich::fields::cell_text;
use crate::error::{CoreError, Result};

/// A search returns at most this many records (the API's paging ceiling), so no selection is larger.
const MAX_SELECTION: usize = zi_client::limits::MAX_SEARCH_DEPTH as usize;

/// Columns of the selection file: the id first (the strongest match input), then what a person
/// reading the file needs to recognise each row. Headers the column mapper knows.
fn columns(kind: RecordKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        RecordKind::Contact => &[
            ("ZoomInfo Person ID", "id"),
            ("First Name", "firstName"),
            ("Last Name", "lastName"),
            ("Job Title", "jobTitle"),
            ("Company", "companyName"),
        ],
        RecordKind::Company => &[
            ("ZoomInfo Company ID", "id"),
            ("Company Name", "name"),
            ("Website", "website"),
        ],
    }
}

/// Writes the selected search `hits` to a CSV in `folder` and returns its path.
pub fn write_selection_file(kind: RecordKind, hits: &[Value], folder: &Path) -> Result<PathBuf> {
    if hits.is_empty() {
        return Err(CoreError::Invalid(
            "Select at least one search result to enrich.".into(),
        ));
    }
    if hits.len() > MAX_SELECTION {
        return Err(CoreError::Invalid(format!(
            "Select at most {MAX_SELECTION} results; a search never returns more."
        )));
    }
    let columns = columns(kind);
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|hit| {
            columns
                .iter()
                .map(|(_, field)| cell_text(hit, field))
                .collect()
        })
        .collect();
    if let Some(position) = rows.iter().position(|row| row[0].is_empty()) {
        return Err(CoreError::Invalid(format!(
            "Selected result {} has no ZoomInfo id, so it cannot be enriched.",
            position + 1
        )));
    }
    let mut ids: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
    ids.sort_unstable();
    let digest = Sha256::digest(ids.join(",").as_bytes());
    let name = format!(
        "selected-{}-{}.csv",
        match kind {
            RecordKind::Contact => "contacts",
            RecordKind::Company => "companies",
        },
        &format!("{digest:x}")[..12]
    );
    std::fs::create_dir_all(folder)
        .map_err(|e| CoreError::Invalid(format!("Could not create {}: {e}", folder.display())))?;
    let path = folder.join(name);
    let mut writer = zi_sheet::create(&path)?;
    writer.write_row(
        &columns
            .iter()
            .map(|(header, _)| *header)
            .collect::<Vec<_>>(),
    )?;
    for row in &rows {
        writer.write_row(&row.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    writer.finish()?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::*;
    use crate::enrich::EnrichRequest;
    use crate::search::SearchRequest;
    use crate::test_support::demo_console;

    #[tokio::test]
    async fn selected_hits_plan_as_a_file_matched_by_id() {
        let dir = tempfile::tempdir().expect("dir");
        let console = demo_console(&dir.path().join("data")).await;
        let hits = console
            .search(SearchRequest {
                kind: RecordKind::Contact,
                criteria: vec![],
                max: Some(30),
            })
            .await
            .expect("search")
            .records;
        let chosen: Vec<Value> = hits.iter().step_by(3).cloned().map(Value::Object).collect();
        let path = write_selection_file(RecordKind::Contact, &chosen, dir.path()).expect("file");
        // The same selection in another order is the same file, hence the same job.
        let mut reversed = chosen.clone();
        reversed.reverse();
        assert_eq!(
            write_selection_file(RecordKind::Contact, &reversed, dir.path()).expect("again"),
            path
        );

        let plan = console
            .plan_enrichment(&EnrichRequest::for_file(RecordKind::Contact, &path))
            .await
            .expect("plan");
        assert_eq!(plan.estimate.rows, chosen.len() as u64);
        assert_eq!(plan.estimate.to_send, chosen.len() as u64);
        assert_eq!(
            plan.mapping[0].input,
            Some(crate::enrich::mapping::MatchInput::PersonId),
            "{:?}",
            plan.mapping
        );
    }

    #[test]
    fn an_empty_selection_or_a_hit_without_id_is_refused_in_words() {
        let dir = tempfile::tempdir().expect("dir");
        let error = write_selection_file(RecordKind::Company, &[], dir.path()).unwrap_err();
        assert!(error.to_string().contains("Select at least one"), "{error}");
        let error = write_selection_file(
            RecordKind::Company,
            &[json!({"id": 5, "name": "Acme"}), json!({"name": "No id"})],
            dir.path(),
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("result 2 has no ZoomInfo id"),
            "{error}"
        );
    }
}
