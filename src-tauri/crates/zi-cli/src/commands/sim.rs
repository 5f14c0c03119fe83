use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use zi_core::{thousands, CoreError, Result};
use zi_demo::SimConfig;

use zi_sim::scim::idp::facts::GRAPH_QUARANTINE_INVALID_CREDENTIALS;
use zi_sim::scim::{ScimSim, ScimSimConfig, SyncJobState};

use crate::cli::{SimSampleArgs, SimScimArgs, SimServeArgs};

pub async fn serve(args: &SimServeArgs) -> Result<()> {
    for (name, share) in [
        ("--share-429", args.share_429),
        ("--share-500", args.share_500),
        ("--share-truncated", args.share_truncated),
    ] {
        if !(0.0..=1.0).contains(&share) {
            return Err(CoreError::Invalid(format!(
                "{name} must be between 0.0 and 1.0"
            )));
        }
    }
    let pki_public_key_pem = match &args.pki_public_key {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| CoreError::Invalid(format!("Cannot read {}: {e}", path.display())))?,
        ),
        None => None,
    };
    let config = SimConfig {
        seed: args.seed,
        latency: Duration::from_millis(args.latency_ms),
        rate_per_sec: args.rate_per_sec,
        rate_per_min: args.rate_per_min,
        share_429: args.share_429,
        share_500: args.share_500,
        share_truncated: args.share_truncated,
        token_lifetime: Duration::from_secs(args.token_lifetime),
        credit_limit: args.credit_limit,
        pki_public_key_pem,
        gtm_userinfo_url: args.gtm_userinfo_url.clone(),
        ..SimConfig::demo()
    };
    let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))
        .map_err(|e| CoreError::Invalid(format!("Cannot listen on port {}: {e}", args.port)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    drop(listener);
    // One line: scripts read the first one and may close the pipe after it. The GTM API needs
    // no sign-in on the simulator: gtm_token (or a token from /authenticate) does.
    println!(
        "ZoomInfo simulator listening on http://{addr} (username {}, password {}); GTM Data API at http://{addr}/gtm (gtm_token {}). Press Ctrl-C to stop.",
        config.username, config.password, zi_sim::GTM_DEMO_TOKEN
    );
    std::io::stdout().flush().ok();
    let stats = zi_demo::serve(config, addr)
        .await
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    crate::output::emit(served_summary(&stats));
    Ok(())
}

/// What the simulator answered, printed when it stops (benchmarks read the refused share).
fn served_summary(stats: &zi_demo::SimStats) -> String {
    let share = |n: u64| 100.0 * n as f64 / stats.requests.max(1) as f64;
    format!(
        "Stopped after {} API requests: {} accepted, {} refused with 429 ({:.1}%), {} server errors ({:.1}%); {} logins.\nCharged {} credits for {} distinct records in {} enrich requests.",
        thousands(stats.requests),
        thousands(stats.accepted),
        thousands(stats.rate_limited),
        share(stats.rate_limited),
        thousands(stats.server_errors),
        share(stats.server_errors),
        thousands(stats.logins),
        thousands(stats.credits_used),
        thousands(stats.distinct_records_charged),
        thousands(stats.enrich_calls),
    )
}

pub fn sample(args: &SimSampleArgs) -> Result<()> {
    zi_demo::sample::write_sample_file(args.kind, args.rows, &args.output)?;
    crate::output::emit(format!(
        "Wrote {} sample {} rows to {}",
        zi_core::thousands(args.rows as u64),
        args.kind.as_str(),
        args.output.display()
    ));
    Ok(())
}

/// `zi sim scim`: the demo SCIM server and its identity providers, one `KEY=value` line per
/// fact a client needs, then serving until Ctrl-C or SIGTERM.
pub async fn scim(args: &SimScimArgs) -> Result<()> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, args.port))
        .await
        .map_err(|e| CoreError::Invalid(format!("Cannot listen on port {}: {e}", args.port)))?;
    let sim = ScimSim::start_on(ScimSimConfig::demo(), listener)
        .await
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    if args.quarantine {
        sim.set_sync_job(SyncJobState::Quarantine {
            reason: GRAPH_QUARANTINE_INVALID_CREDENTIALS,
            // Illustrative: `quarantine.error.code` is a free string.
            error_code: "Unauthorized".into(),
            message: "ZoomInfo refused the secret token (HTTP 401): it is invalid or expired."
                .into(),
        });
    }
    sim.set_idp_rate_limit(args.idp_rate_limit);
    let facts = [
        ("SCIM_URL", sim.url()),
        ("SCIM_TOKEN", sim.token()),
        ("OKTA_URL", sim.okta_url()),
        ("OKTA_TOKEN", sim.okta_token()),
        ("GRAPH_URL", sim.graph_url()),
        ("ENTRA_LOGIN_URL", sim.entra_login_url()),
        ("ENTRA_TENANT", sim.entra_tenant()),
        ("ENTRA_CLIENT_ID", sim.entra_client_id()),
        ("ENTRA_CLIENT_SECRET", sim.entra_client_secret()),
    ];
    let mut out = std::io::stdout().lock();
    for (key, value) in facts {
        writeln!(out, "{key}={value}").ok();
    }
    out.flush().ok();
    drop(out);
    zi_sim::stop_requested().await;
    sim.shutdown();
    Ok(())
}
