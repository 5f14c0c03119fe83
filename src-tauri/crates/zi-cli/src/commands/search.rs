use std::io::IsTerminal;

use zi_core::{export, thousands, Result, SearchRequest};

use crate::cli::SearchArgs;

pub async fn search(args: &SearchArgs, demo: bool) -> Result<()> {
    // Refuse a bad output name before spending any requests.
    if let Some(path) = &args.output {
        export::ExportFormat::from_path(path)?;
    }
    let console = crate::session::open(demo).await?;
    let request = SearchRequest {
        kind: args.kind,
        criteria: args.fields.clone(),
        max: args.max,
    };
    let show_progress = std::io::stderr().is_terminal();
    let outcome = console
        .search_with_progress(&request, |fetched, total| {
            if show_progress {
                eprint!(
                    "\rFetched {} of {}…",
                    thousands(fetched as u64),
                    thousands(total)
                );
            }
        })
        .await?;
    if show_progress {
        eprint!("\r\x1b[2K");
    }
    match &args.output {
        Some(path) => {
            let written = export::write_records(path, &outcome.records)?;
            eprintln!(
                "Wrote {} records to {} ({} match in all).",
                thousands(written as u64),
                path.display(),
                thousands(outcome.total_results)
            );
        }
        None => {
            crate::output::emit(crate::output::search_table(outcome.kind, &outcome.records));
            eprintln!(
                "{} of {} matching records.",
                thousands(outcome.records.len() as u64),
                thousands(outcome.total_results)
            );
        }
    }
    if let Some(notice) = &outcome.notice {
        eprintln!("{notice}");
    }
    Ok(())
}
