use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use zi_core::{CoreError, Result};
use zi_demo::SimConfig;

use crate::cli::{SimSampleArgs, SimServeArgs};

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
        ..SimConfig::demo()
    };
    let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))
        .map_err(|e| CoreError::Invalid(format!("Cannot listen on port {}: {e}", args.port)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    drop(listener);
    println!(
        "ZoomInfo simulator listening on http://{addr} (username {}, password {}). Press Ctrl-C to stop.",
        config.username, config.password
    );
    std::io::stdout().flush().ok();
    tokio::select! {
        served = zi_demo::serve(config, addr) => served.map_err(|e| CoreError::Demo(e.to_string())),
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
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
