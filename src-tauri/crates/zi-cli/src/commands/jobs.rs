use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use zi_core::{thousands, CoreError, Result};

use crate::cli::JobsArgs;
use crate::output::emit;

pub async fn jobs(args: &JobsArgs, demo: bool) -> Result<()> {
    let store = crate::session::open_store(demo).await?;
    let jobs = zi_core::enrich::list_jobs(&store).await?;
    if args.json {
        emit(serde_json::to_string_pretty(&jobs).map_err(|e| CoreError::Invalid(e.to_string()))?);
        return Ok(());
    }
    if jobs.is_empty() {
        emit("No enrichment jobs yet.");
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header([
        "Job",
        "State",
        "Kind",
        "Rows",
        "Left",
        "Credits",
        "Maybe twice",
        "Updated",
        "File",
        "Note",
    ]);
    for job in &jobs {
        table.add_row([
            job.id.to_string(),
            job.state.clone(),
            job.kind.clone(),
            thousands(job.rows),
            thousands(job.keys_pending),
            thousands(job.credits_spent),
            maybe_twice(job.possibly_charged_twice),
            job.updated_at
                .chars()
                .take(16)
                .collect::<String>()
                .replace('T', " "),
            job.source.clone(),
            job.stop_reason.clone().unwrap_or_default(),
        ]);
    }
    emit(table);
    Ok(())
}

/// Records ZoomInfo may have charged twice: "up to N", or nothing to say.
fn maybe_twice(records: u64) -> String {
    if records == 0 {
        String::new()
    } else {
        format!("up to {}", thousands(records))
    }
}
