use std::io::{BufRead, IsTerminal, Write};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use zi_core::enrich::{
    ConnectorRun, ConnectorStep, EnrichPlan, EnrichRequest, EnrichSummary, JobControl,
    PlanProgress, RunOptions, LOW_CONFIDENCE_BELOW,
};
use zi_core::{thousands, CoreError, Result};

use crate::cli::EnrichArgs;
use crate::output::emit;

fn check_output_name(path: &std::path::Path) -> Result<()> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv" | "xlsx") => Ok(()),
        _ => Err(CoreError::Invalid(format!(
            "Cannot tell what to write from '{}': the output must end in .csv or .xlsx.",
            path.display()
        ))),
    }
}

fn print_estimate(plan: &EnrichPlan, budget: Option<u64>) {
    let e = &plan.estimate;
    if plan.resumed && e.to_send == 0 {
        emit(format!(
            "This file was enriched before (job {}): nothing left to buy.",
            plan.job_id
        ));
    } else if plan.resumed {
        emit(format!(
            "Resuming job {}: {} answered by an earlier run, {} still to send.",
            plan.job_id,
            thousands(e.done_keys),
            thousands(e.to_send)
        ));
    }
    let mapped: Vec<String> = plan
        .mapping
        .iter()
        .filter_map(|m| {
            m.input
                .map(|input| format!("{} → {}", m.header, input.label()))
        })
        .collect();
    emit(format!("Columns:        {}", mapped.join(", ")));
    emit(format!("Rows:           {}", thousands(e.rows)));
    emit(format!(
        "  duplicates:   {} (sent once)",
        thousands(e.duplicate_rows)
    ));
    emit(format!(
        "  invalid:      {} (nothing to match on)",
        thousands(e.invalid_rows)
    ));
    emit(format!("Distinct:       {}", thousands(e.distinct_keys)));
    emit(format!(
        "  from cache:   {} (free)",
        thousands(e.cached_keys + e.done_keys)
    ));
    emit(format!("  to send:      {}", thousands(e.to_send)));
    let mut credits = format!("Credits:        at most {}", thousands(e.max_credits));
    if let Some(budget) = budget {
        credits.push_str(&format!(
            " (budget {}, {} spent so far)",
            thousands(budget),
            thousands(e.credits_spent)
        ));
    }
    emit(credits);
}

/// Asks before spending; refuses when there is nobody to ask.
fn confirm(max_credits: u64, yes: bool) -> Result<()> {
    if yes || max_credits == 0 {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(CoreError::Invalid(format!(
            "Not spending up to {} credits without confirmation: add --yes (or --dry-run to see the estimate only).",
            thousands(max_credits)
        )));
    }
    eprint!("Spend up to {} credits? [y/N] ", thousands(max_credits));
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok();
    if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(CoreError::Invalid("Nothing spent.".into()))
    }
}

fn progress_bar(total: u64) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(10));
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} · {per_sec} · ETA {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Counts the rows read while a large file is planned (on a terminal only).
fn reading_spinner() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
    let style = ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    spinner.set_style(style);
    spinner.set_message("Reading the file…");
    spinner.enable_steady_tick(std::time::Duration::from_millis(100));
    Some(spinner)
}

fn reading_message(progress: &PlanProgress) -> String {
    let rows = thousands(progress.rows_read);
    if progress.reading {
        format!("Reading the file… {rows} rows so far")
    } else {
        format!("Checking {rows} rows against the cache…")
    }
}

fn print_summary(summary: &EnrichSummary, spent_before: u64, seconds: f64) {
    emit(format!(
        "Done: {} rows · {} matched · {} no match · {} invalid · {} from cache · {} credits this run ({} in all) · {:.1} s",
        thousands(summary.rows),
        thousands(summary.matched),
        thousands(summary.no_match),
        thousands(summary.invalid),
        thousands(summary.from_cache),
        thousands(summary.credits_spent.saturating_sub(spent_before)),
        thousands(summary.credits_spent),
        seconds
    ));
    if summary.low_confidence > 0 {
        emit(format!(
            "{} matched rows have an accuracy score under {} (low confidence): check them before use.",
            thousands(summary.low_confidence),
            LOW_CONFIDENCE_BELOW
        ));
    }
    if summary.not_processed > 0 {
        emit(format!(
            "{} rows were not enriched (marked NOT_PROCESSED).",
            thousands(summary.not_processed)
        ));
    }
    emit(format!("Wrote {}", summary.output));
}

/// Said whenever a job may have paid twice for something, so it is never a surprise.
fn print_charged_twice(records: u64) {
    if records > 0 {
        emit(format!(
            "Note: up to {} records may have been counted twice by ZoomInfo: an answer arrived unreadable or a run ended with a request in flight, and the records were sent again. `zi jobs` shows it per job.",
            thousands(records)
        ));
    }
}

pub async fn enrich(args: &EnrichArgs, target: crate::session::Target) -> Result<()> {
    if let Some(output) = &args.output {
        check_output_name(output)?;
    }
    let run_options = RunOptions {
        budget: args.budget,
        columns: args.fields.clone(),
        min_accuracy: args.min_accuracy,
    };
    run_options.check(args.kind)?;
    // Connector files and their keys are checked before anything is spent.
    let steps = connector_steps(&args.connectors)?;
    let started = Instant::now();
    let console = crate::session::open(target).await?;
    let request = EnrichRequest {
        kind: args.kind,
        input: args.file.display().to_string(),
        sheet: args.sheet.clone(),
        mapping_overrides: args.map.clone(),
        columns: args.fields.clone(),
        max_age_days: args.max_age,
    };
    let plan = if args.dry_run {
        console.estimate_enrichment(&request).await?
    } else {
        let spinner = reading_spinner();
        let plan = console
            .plan_enrichment_with(&request, &JobControl::default(), |progress| {
                if let Some(spinner) = &spinner {
                    spinner.set_message(reading_message(progress));
                }
            })
            .await;
        if let Some(spinner) = spinner {
            spinner.finish_and_clear();
        }
        plan?
    };
    print_estimate(&plan, args.budget);
    if args.dry_run {
        emit("Dry run: nothing was sent and no credits were spent.");
        return Ok(());
    }
    let Some(output) = &args.output else {
        return Err(CoreError::Invalid(
            "Say where to write the result with --output FILE.csv or FILE.xlsx.".into(),
        ));
    };
    let spend_room = args
        .budget
        .map(|b| b.saturating_sub(plan.estimate.credits_spent))
        .unwrap_or(u64::MAX);
    confirm(plan.estimate.max_credits.min(spend_room), args.yes)?;

    let control = JobControl::default();
    let bar = progress_bar(plan.estimate.distinct_keys);

    let interrupt = control.clone();
    let watcher = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("\nStopping after the requests in flight…");
            interrupt.cancel();
        }
    });
    let outcome = console
        .run_enrichment(plan.job_id, &run_options, &control, |p| {
            if let Some(bar) = &bar {
                bar.set_position(p.keys_settled);
                bar.set_message(format!("{} credits", thousands(p.credits_spent)));
            }
        })
        .await;
    watcher.abort();
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let outcome = outcome?;
    match outcome.stop_code.as_deref() {
        // Nothing finished to hand over: say how to continue.
        Some("cancelled") | Some("error") => {
            print_charged_twice(outcome.possibly_charged_twice);
            return Err(CoreError::Invalid(
                outcome
                    .stop_reason
                    .unwrap_or_else(|| "The job stopped.".into()),
            ));
        }
        _ => {}
    }
    if outcome.requests > 0 {
        emit(format!(
            "Sent {} enrich requests in {:.1} s ({:.1} requests/s).",
            thousands(outcome.requests),
            outcome.seconds,
            outcome.requests as f64 / outcome.seconds.max(0.001)
        ));
    }
    let connector_runs = if steps.is_empty() {
        Vec::new()
    } else {
        // One bar per connector, on a terminal: its keys asked of those it has to ask.
        let mut bar: Option<(String, ProgressBar)> = None;
        let runs = console
            .run_connectors(plan.job_id, &steps, |run| {
                let step = format!("{} / {}", run.connector, run.action);
                if bar.as_ref().is_none_or(|(shown, _)| shown != &step) {
                    if let Some((_, done)) = bar.take() {
                        done.finish_and_clear();
                    }
                    bar = progress_bar(run.to_ask).map(|b| (step, b));
                }
                if let Some((_, bar)) = &bar {
                    bar.set_position(run.asked);
                    bar.set_message(format!("{}: {} calls", run.connector, thousands(run.calls)));
                }
            })
            .await;
        if let Some((_, bar)) = bar {
            bar.finish_and_clear();
        }
        let runs = runs?;
        for run in &runs {
            emit(connector_line(run));
        }
        runs
    };
    let summary = console
        .export_enrichment(plan.job_id, output, &args.fields)
        .await?;
    print_summary(
        &summary,
        plan.estimate.credits_spent,
        started.elapsed().as_secs_f64(),
    );
    print_charged_twice(outcome.possibly_charged_twice);
    for run in &connector_runs {
        if let (Some(reason), true) = (&run.stopped, run.over_budget) {
            eprintln!("{}: {reason}", run.connector);
        }
    }
    if let Some(failed) = connector_runs
        .iter()
        .find(|r| r.stopped.is_some() && !r.over_budget)
    {
        return Err(CoreError::Invalid(format!(
            "{} The file was written with what was answered; run the same command again once it is fixed (answers kept are not asked again).",
            failed.stopped.clone().unwrap_or_default()
        )));
    }
    match outcome.stop_code.as_deref() {
        Some("credit_limit") => Err(CoreError::Invalid(outcome.stop_reason.unwrap_or_default())),
        Some("budget") | Some("member_budget") => {
            eprintln!("{}", outcome.stop_reason.unwrap_or_default());
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `--connector FILE[:ACTION]` as waterfall steps.
fn connector_steps(specs: &[String]) -> Result<Vec<ConnectorStep>> {
    specs
        .iter()
        .map(|spec| {
            let (file, action) =
                zi_connect::split_choice(spec, |file| std::path::Path::new(file).is_file());
            let connector = zi_connect::Connector::load(std::path::Path::new(file))?;
            let client = super::connector::client_for(connector)?;
            ConnectorStep::new(client, action)
        })
        .collect()
}

/// "Acme People (person by email): asked about 52 rows, 40 calls, 12 from earlier calls, 38 matched".
fn connector_line(run: &ConnectorRun) -> String {
    let mut line = format!(
        "{} ({}): asked about {} rows ZoomInfo did not match · {} calls · {} from earlier calls (free) · {} matched",
        run.connector,
        run.action,
        thousands(run.asked),
        thousands(run.calls),
        thousands(run.from_cache),
        thousands(run.matched)
    );
    if run.no_input > 0 {
        line.push_str(&format!(
            " · {} without the input it needs",
            thousands(run.no_input)
        ));
    }
    line
}
