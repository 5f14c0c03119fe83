//! Enrich screen: plan a file (mapping + estimate, free), run it with live progress over a
//! Channel (pause / resume / cancel reach the running job), export, job history, and the demo's
//! sample file.
//!
//! File paths must be ones the user picked in the open/save dialogs or dropped on the window
//! ([`FileAccess`]); the window has no file-system permission of its own.

use std::path::PathBuf;

use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use zi_core::enrich::{
    EnrichPlan, EnrichProgress, EnrichRequest, EnrichSummary, JobSummary, OutputColumns,
    PlanProgress, ReviewPage, ReviewQuery, RunOptions, RunOutcome, RunningJobs,
};
use zi_core::RecordKind;

use crate::error::{CommandResult, ErrorCode, ErrorReply};
use crate::file_access::{Access, FileAccess};
use crate::state::AppState;

/// Reads the file, maps its columns and estimates the cost. Spends nothing. The same file with
/// the same options finds the job an earlier run left, so it resumes without paying twice.
/// Reports the rows read as it goes (at most ~10 a second); `cancel_planning` stops it.
#[tauri::command]
pub async fn plan_enrichment(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    running: State<'_, RunningJobs>,
    request: EnrichRequest,
    on_progress: Channel<PlanProgress>,
) -> CommandResult<EnrichPlan> {
    files.check(Access::Read, &request.input)?;
    let console = state.require_console().await?;
    let control = running.begin_planning();
    let on_cancel = control.clone();
    Ok(console
        .plan_enrichment_with(&request, &control, move |progress| {
            // Nobody is listening any more (the window went away): stop reading.
            if on_progress.send(progress.clone()).is_err() {
                on_cancel.cancel();
            }
        })
        .await?)
}

/// Stops reading the file being planned; nothing of it is kept.
#[tauri::command]
pub fn cancel_planning(running: State<'_, RunningJobs>) {
    running.cancel_planning();
}

/// Runs (or resumes) a planned job, streaming progress (at most ~10 events a second).
/// If the window goes away the job is cancelled; what was bought is kept.
#[tauri::command]
// A command's arguments arrive flat from the UI, one per option of the run.
#[allow(clippy::too_many_arguments)]
pub async fn start_enrichment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    running: State<'_, RunningJobs>,
    job_id: i64,
    budget: Option<u64>,
    columns: Vec<String>,
    min_accuracy: Option<u32>,
    on_progress: Channel<EnrichProgress>,
) -> CommandResult<RunOutcome> {
    let console = state.require_console().await?;
    let run = running.begin(job_id)?;
    let options = RunOptions {
        budget,
        columns,
        min_accuracy,
    };
    let control = run.control.clone();
    let outcome = console
        .run_enrichment(job_id, &options, &run.control, move |progress| {
            if on_progress.send(progress.clone()).is_err() {
                control.cancel();
            }
        })
        .await?;
    drop(run);
    announce(&app, &outcome);
    Ok(outcome)
}

/// Tells the user a run ended, which matters when the window is in the background.
fn announce<R: Runtime>(app: &AppHandle<R>, outcome: &RunOutcome) {
    let credits = outcome.credits_spent;
    if outcome.keys_pending == 0 {
        crate::notifications::show(
            app,
            "Enrichment finished",
            &format!("{credits} credits spent. Export the file from the Enrich screen."),
        );
    } else {
        crate::notifications::show(
            app,
            "Enrichment stopped",
            &format!(
                "{} still to enrich after {credits} credits. Resume it from the Enrich screen.",
                outcome.keys_pending
            ),
        );
    }
}

/// Sends no new batches until resumed (batches in flight still complete).
#[tauri::command]
pub fn pause_enrichment(running: State<'_, RunningJobs>, job_id: i64) -> CommandResult<()> {
    running.control(job_id)?.pause();
    Ok(())
}

#[tauri::command]
pub fn resume_enrichment(running: State<'_, RunningJobs>, job_id: i64) -> CommandResult<()> {
    running.control(job_id)?.resume();
    Ok(())
}

/// Stops after the batches in flight are committed; the job can be run again later.
#[tauri::command]
pub fn cancel_enrichment(running: State<'_, RunningJobs>, job_id: i64) -> CommandResult<()> {
    running.control(job_id)?.cancel();
    Ok(())
}

/// Writes the job's output (.csv or .xlsx, chosen by the extension) and accounts for every row;
/// the data connectors the job ran add their columns after the `zi_` ones.
#[tauri::command]
pub async fn export_enrichment(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    job_id: i64,
    path: String,
    columns: Vec<String>,
) -> CommandResult<EnrichSummary> {
    files.check(Access::Write, &path)?;
    Ok(state
        .require_console()
        .await?
        .export_enrichment(job_id, &PathBuf::from(path), &columns)
        .await?)
}

/// One page of a job's review: each distinct person or company, what was sent, the answer and
/// the chosen fields; filtered by outcome or text, with the counts per outcome.
#[tauri::command]
pub async fn review_enrichment(
    state: State<'_, AppState>,
    job_id: i64,
    query: ReviewQuery,
) -> CommandResult<ReviewPage> {
    Ok(state
        .require_console()
        .await?
        .review_enrichment(job_id, &query)
        .await?)
}

/// The ZoomInfo fields the account lists for a file of `kind`, the defaults first, each with
/// its description and whether the account's plan grants it.
#[tauri::command]
pub async fn output_columns(
    state: State<'_, AppState>,
    kind: RecordKind,
) -> CommandResult<OutputColumns> {
    Ok(state.require_console().await?.output_columns(kind).await?)
}

/// Past, stopped and interrupted jobs, newest first.
#[tauri::command]
pub async fn list_jobs(state: State<'_, AppState>) -> CommandResult<Vec<JobSummary>> {
    Ok(state.require_console().await?.list_jobs().await?)
}

/// "Enrich selected" on the Search screen: writes the chosen search hits to a file keyed by
/// ZoomInfo id (in the data folder) and returns its path, which the Enrich screen then plans.
#[tauri::command]
pub async fn selection_file(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    kind: RecordKind,
    hits: Vec<serde_json::Value>,
) -> CommandResult<String> {
    state.require_console().await?;
    let folder = state.data_dir().join("selections");
    let path = tauri::async_runtime::spawn_blocking(move || {
        zi_core::search_selection::write_selection_file(kind, &hits, &folder)
    })
    .await
    .map_err(|e| {
        ErrorReply::new(
            ErrorCode::Internal,
            format!("Writing the selection failed: {e}"),
        )
    })??;
    files.grant(Access::Read, &path);
    Ok(path.display().to_string())
}

/// Demo only: the sample file the simulator knows (see `zi_demo::sample::demo_sample_file`),
/// in the app's data folder.
#[tauri::command]
pub async fn demo_sample_file(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    kind: RecordKind,
) -> CommandResult<String> {
    let console = state.require_console().await?;
    let folder = state.data_dir().join("samples");
    let path = tauri::async_runtime::spawn_blocking(move || {
        zi_demo::sample::demo_sample_file(&console, kind, &folder)
    })
    .await
    .map_err(|e| {
        ErrorReply::new(
            ErrorCode::Internal,
            format!("Writing the sample file failed: {e}"),
        )
    })??;
    files.grant(Access::Read, &path);
    Ok(path.display().to_string())
}

/// The Enrich commands through Tauri's IPC with a mock runtime, against the demo simulator.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::commands::test_support::TestApp;
    use serde_json::{json, Value};

    #[test]
    fn demo_sample_plans_runs_and_exports() {
        let app = TestApp::signed_out();
        // Without a session, the sample file is refused in words.
        let error = app
            .invoke("demo_sample_file", json!({ "kind": "contact" }))
            .unwrap_err();
        assert_eq!(error["code"], "not_connected", "{error}");

        app.invoke("start_demo", json!({})).unwrap();
        let sample = app
            .invoke("demo_sample_file", json!({ "kind": "contact" }))
            .unwrap();
        let sample = sample.as_str().unwrap().to_owned();
        assert!(std::path::Path::new(&sample).is_file(), "{sample}");

        let request = json!({
            "kind": "contact", "input": sample, "mapping_overrides": [], "columns": []
        });
        let plan = app
            .invoke(
                "plan_enrichment",
                json!({ "request": request, "onProgress": "__CHANNEL__:3" }),
            )
            .unwrap();
        assert_eq!(plan["estimate"]["rows"], 500, "{plan}");
        assert!(plan["estimate"]["to_send"].as_u64().unwrap() > 0, "{plan}");
        assert!(plan["estimate"]["invalid_rows"].as_u64().unwrap() > 0);
        let email = plan["mapping"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["header"] == "Email")
            .unwrap();
        assert_eq!(email["input"], "email", "{plan}");
        let job_id = plan["job_id"].as_i64().unwrap();

        // A mapping correction re-plans: the phone column ignored leaves more rows with nothing
        // to match on. It is another job (other keys); the first one is untouched.
        let request_without_phone = json!({
            "kind": "contact", "input": sample, "mapping_overrides": ["#5=none"], "columns": []
        });
        let replan = app
            .invoke(
                "plan_enrichment",
                json!({ "request": request_without_phone, "onProgress": "__CHANNEL__:3" }),
            )
            .unwrap();
        let phone = &replan["mapping"].as_array().unwrap()[4];
        assert_eq!(
            (phone["input"].clone(), phone["source"].clone()),
            (Value::Null, json!("user")),
            "{replan}"
        );
        assert!(
            replan["estimate"]["invalid_rows"].as_u64() > plan["estimate"]["invalid_rows"].as_u64(),
            "{replan}"
        );
        // Asking for the sample again gives the same file, so the same job.
        let again = app
            .invoke("demo_sample_file", json!({ "kind": "contact" }))
            .unwrap();
        assert_eq!(again, json!(sample));

        // Nothing runs yet, so there is nothing to pause.
        let error = app
            .invoke("pause_enrichment", json!({ "jobId": job_id }))
            .unwrap_err();
        assert_eq!(error["code"], "not_running", "{error}");

        let outcome = app
            .invoke(
                "start_enrichment",
                json!({ "jobId": job_id, "budget": null, "columns": [], "minAccuracy": null, "onProgress": "__CHANNEL__:7" }),
            )
            .unwrap();
        assert_eq!(outcome["state"], "completed", "{outcome}");
        assert!(outcome["credits_spent"].as_u64().unwrap() > 0, "{outcome}");
        assert_eq!(outcome["keys_pending"], 0);

        let output = app.data_dir().join("out").join("enriched.csv");
        std::fs::create_dir_all(output.parent().unwrap()).unwrap();
        app.choose(crate::file_access::Access::Write, &output);
        let summary = app
            .invoke(
                "export_enrichment",
                json!({ "jobId": job_id, "path": output.display().to_string(), "columns": [], "connectors": [] }),
            )
            .unwrap();
        assert!(summary["matched"].as_u64().unwrap() > 0, "{summary}");
        assert_eq!(summary["rows"], 500, "{summary}");
        assert!(output.is_file());

        let review = app
            .invoke(
                "review_enrichment",
                json!({ "jobId": job_id, "query": { "facet": "matched", "offset": 0, "limit": 50, "columns": [] } }),
            )
            .unwrap();
        assert!(
            review["counts"]["matched"].as_u64().unwrap() > 0,
            "{review}"
        );
        assert_eq!(review["total"], review["counts"]["matched"]);
        assert!(review["lines"][0]["zi_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty()));
        let columns = app
            .invoke("output_columns", json!({ "kind": "contact" }))
            .unwrap();
        assert_eq!(columns["default"], review["columns"], "{columns}");

        let jobs = app.invoke("list_jobs", json!({})).unwrap();
        let job = jobs
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["id"] == job_id)
            .unwrap();
        assert_eq!(job["state"], "completed", "{jobs}");
    }

    #[test]
    fn the_company_sample_maps_name_and_website() {
        let app = TestApp::signed_out();
        app.invoke("start_demo", json!({})).unwrap();
        let sample = app
            .invoke("demo_sample_file", json!({ "kind": "company" }))
            .unwrap();
        let request = json!({
            "kind": "company", "input": sample, "mapping_overrides": [], "columns": []
        });
        let plan = app
            .invoke(
                "plan_enrichment",
                json!({ "request": request, "onProgress": "__CHANNEL__:3" }),
            )
            .unwrap();
        assert_eq!(plan["estimate"]["rows"], 500, "{plan}");
        let inputs: Vec<&Value> = plan["mapping"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["input"])
            .collect();
        assert!(inputs.contains(&&json!("company_name")), "{plan}");
        assert!(inputs.contains(&&json!("website")), "{plan}");
    }

    #[test]
    fn an_unreadable_file_is_refused_in_words() {
        let app = TestApp::signed_out();
        app.invoke("start_demo", json!({})).unwrap();
        let path = app.data_dir().join("photo.csv");
        std::fs::write(&path, [0xff_u8, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]).unwrap();
        app.choose(crate::file_access::Access::Read, &path);
        let request = json!({
            "kind": "contact", "input": path.display().to_string(),
            "mapping_overrides": [], "columns": []
        });
        let error = app
            .invoke(
                "plan_enrichment",
                json!({ "request": request, "onProgress": "__CHANNEL__:3" }),
            )
            .unwrap_err();
        assert!(error["code"].is_string(), "{error}");
        assert!(!error["message"].as_str().unwrap().is_empty(), "{error}");
    }
}
