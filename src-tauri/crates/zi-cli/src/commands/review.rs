//! `zi review JOB`: the review screen's table on the terminal (or as JSON).

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use zi_core::enrich::{ReviewFacet, ReviewLine, ReviewQuery};
use zi_core::{thousands, CoreError, Result};

use crate::cli::{ReviewArgs, ReviewOnly};
use crate::output::emit;
use crate::session::Target;

pub async fn review(args: &ReviewArgs, target: Target) -> Result<()> {
    let console = crate::session::open(target).await?;
    let query = ReviewQuery {
        facet: args.only.map(facet),
        text: args.text.clone(),
        offset: args.offset,
        limit: args.limit,
        columns: Vec::new(),
    };
    let page = console.review_enrichment(args.job, &query).await?;
    if args.json {
        emit(serde_json::to_string_pretty(&page).map_err(|e| CoreError::Invalid(e.to_string()))?);
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let mut header = vec!["Row".to_string(), "Sent".into(), "Outcome".into()];
    header.extend(page.columns.iter().cloned());
    header.extend(page.connector_columns.iter().cloned());
    table.set_header(header);
    for line in &page.lines {
        let mut cells = vec![line.row.to_string(), line.sent.clone(), outcome(line)];
        cells.extend(line.values.iter().cloned());
        cells.extend(line.connector_values.iter().cloned());
        table.add_row(cells);
    }
    emit(table);
    if let Some(counts) = &page.counts {
        emit(format!(
            "{} in all · {} matched · {} no match · {} found by connectors · {} not sent yet · {} from cache",
            thousands(counts.total),
            thousands(counts.matched),
            thousands(counts.no_match),
            thousands(counts.found_by_connector),
            thousands(counts.pending),
            thousands(counts.from_cache),
        ));
    }
    Ok(())
}

fn facet(only: ReviewOnly) -> ReviewFacet {
    match only {
        ReviewOnly::Matched => ReviewFacet::Matched,
        ReviewOnly::NoMatch => ReviewFacet::NoMatch,
        ReviewOnly::Pending => ReviewFacet::Pending,
        ReviewOnly::FromCache => ReviewFacet::FromCache,
        ReviewOnly::LowConfidence => ReviewFacet::LowConfidence,
        ReviewOnly::FoundByConnector => ReviewFacet::FoundByConnector,
    }
}

/// ZoomInfo's status, or the connector that found what ZoomInfo did not.
fn outcome(line: &ReviewLine) -> String {
    match &line.found_by {
        Some(connector) => format!("{} · found by {connector}", line.status),
        None => line.status.clone(),
    }
}
