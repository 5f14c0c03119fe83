//! What the engine's tests share: a demo console and a job planned and run to its end.
#![allow(dead_code)] // each test file uses its own share of these

use std::path::Path;

use zi_core::enrich::{EnrichPlan, EnrichRequest, JobControl, RunOptions, RunOutcome};
use zi_core::Console;
use zi_sim::SimConfig;

/// A console on the embedded simulator, its data kept in `data`.
pub async fn demo(data: &Path, config: SimConfig) -> Console {
    zi_demo::start_with(data, config)
        .await
        .expect("demo console")
}

/// Plans `request` and runs the job until it completes or stops (budget, credits, faults).
pub async fn plan_and_run(
    console: &Console,
    request: &EnrichRequest,
    budget: Option<u64>,
) -> (EnrichPlan, RunOutcome) {
    let plan = console.plan_enrichment(request).await.expect("plan");
    let outcome = console
        .run_enrichment(
            plan.job_id,
            &RunOptions {
                budget,
                ..RunOptions::default()
            },
            &JobControl::default(),
            |_| {},
        )
        .await
        .expect("a run reports its outcome rather than failing");
    (plan, outcome)
}
