//! Bulk enrichment: a spreadsheet in, the same spreadsheet out with ZoomInfo's data appended.
//!
//! read → map columns → normalize and dedupe keys (within the file and against the cache)
//! → estimate → batches of 25 through the paced client, each committed with its cache and
//! ledger entries in one transaction → export. A killed run resumes from the job's keys.

mod account_fields;
mod control;
mod dry_run;
pub(crate) mod fields;
pub mod inputs;
mod jobs;
mod journal;
pub mod keys;
pub mod mapping;
pub mod normalize;
mod output;
mod plan;
mod receipt;
mod replay;
mod review;
mod row_batch;
mod run;
mod running;
mod types;
mod waterfall;

pub use account_fields::{FieldLists, OutputColumns};
pub use control::JobControl;
pub use fields::{parse_columns, FieldError, FieldList};
pub use jobs::list_jobs;
pub use review::{
    ReviewCounts, ReviewFacet, ReviewLine, ReviewMemo, ReviewPage, ReviewQuery,
    LOW_CONFIDENCE_BELOW, MAX_REVIEW_PAGE,
};
pub use run::RunOptions;
pub use running::{RunGuard, RunningJobs};
pub use types::*;
pub use waterfall::{ConnectorEstimate, ConnectorRun, ConnectorStep};

#[cfg(test)]
mod tests {
    use super::keys::row_key;
    use super::mapping::suggest;
    use zi_client::RecordKind;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn suggested_mapping_feeds_row_keys() {
        let headers = strings(&["Vorname", "Nachname", "Firma", "E-Mail"]);
        let m = suggest(RecordKind::Contact, &headers, &[]);
        for (row, key) in [
            (
                ["Jörg", "Müller", "Beispiel AG", "Joerg.Mueller@Beispiel.de"],
                "contact:email:joerg.mueller@beispiel.de",
            ),
            (
                ["Jörg", "Müller", "Beispiel AG", ""],
                "contact:name:jörg müller|company_name=beispiel ag",
            ),
        ] {
            let k = row_key(RecordKind::Contact, &m, &strings(&row)).expect("usable");
            assert_eq!(k.key, key, "{row:?}");
        }
    }
}
