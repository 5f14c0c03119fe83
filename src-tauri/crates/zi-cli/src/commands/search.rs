use std::io::IsTerminal;

use zi_core::{export, thousands, Result, SearchRequest};

use crate::cli::SearchArgs;

pub async fn search(args: &SearchArgs, target: crate::session::Target) -> Result<()> {
    if args.list_fields {
        crate::output::emit(crate::output::search_fields_table(args.kind));
        return Ok(());
    }
    // Refuse a bad output name before spending any requests.
    if let Some(path) = &args.output {
        export::ExportFormat::from_path(path)?;
    }
    let console = crate::session::open(target).await?;
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
    match &outcome.cost {
        Some(cost) => eprintln!(
            "This search used {} by the account's usage counters ({} requests).",
            credits(cost.credits),
            cost.requests
        ),
        None => {
            eprintln!("What this search cost could not be read from the account's usage counters.")
        }
    }
    Ok(())
}

fn credits(n: i64) -> String {
    match n {
        1 => "1 credit".to_string(),
        n => format!("{} credits", thousands(n.max(0) as u64)),
    }
}
