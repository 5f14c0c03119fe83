//! Routing, starting and stopping the HTTP server.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::SimConfig;
use crate::dataset::Dataset;
use crate::knobs::Knobs;
use crate::media;
use crate::pipeline::{self, AUTH_PATH};
use crate::routes::{self, auth, enrich, output_fields, search, usage};
use crate::state::Shared;
use crate::stats::SimStats;

fn router(shared: Arc<Shared>) -> Router {
    // Routes that need a token go through the auth → rate limit → faults layer.
    let api = Router::new()
        .route("/search/contact", post(search::contacts))
        .route("/search/company", post(search::companies))
        .route("/enrich/contact", post(enrich::contacts))
        .route("/enrich/company", post(enrich::companies))
        .route("/lookup/usage", get(usage::lookup))
        .route(
            "/lookup/outputfields/contact/enrich",
            get(output_fields::contact),
        )
        .route(
            "/lookup/outputfields/company/enrich",
            get(output_fields::company),
        )
        .route("/usage", get(usage::legacy))
        .route_layer(from_fn_with_state(shared.clone(), pipeline::api));
    Router::new()
        .route(AUTH_PATH, post(auth::authenticate))
        .merge(api)
        .merge(crate::gtm::router(shared.clone()))
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        // Outermost: outage, latency and the stats see every request.
        .layer(from_fn_with_state(shared.clone(), pipeline::front))
        .layer(axum::middleware::from_fn(media::documented_media_type))
        .with_state(shared)
}

/// Namespace for starting an embedded simulator.
pub struct Sim;

impl Sim {
    /// Binds 127.0.0.1 on a random port and serves in a background tokio task until
    /// [`SimHandle::shutdown`] is called or the runtime ends.
    pub async fn start(config: SimConfig) -> io::Result<SimHandle> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Shared::new(config).await?;
        let stop_tx = serve_in_background(listener, router(shared.clone()), "zi-sim");
        tracing::debug!(%addr, "zi-sim listening");
        Ok(SimHandle {
            shared,
            addr,
            stop: Arc::new(stop_tx),
        })
    }
}

/// Standalone serving for `zi sim serve --port N`: runs until ctrl-c (or, on Unix, a plain
/// `kill`), then returns what it answered.
pub async fn serve(config: SimConfig, addr: SocketAddr) -> io::Result<SimStats> {
    let listener = TcpListener::bind(addr).await?;
    let shared = Shared::new(config).await?;
    tracing::info!(addr = %listener.local_addr()?, "zi-sim serving");
    axum::serve(listener, router(shared.clone()))
        .with_graceful_shutdown(stop_requested())
        .await?;
    Ok(shared.stats.snapshot())
}

/// Ctrl-C, or SIGTERM on Unix. A signal that cannot be installed is never received.
pub async fn stop_requested() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// A running embedded simulator. Cheap to clone; the server keeps running when clones drop.
#[derive(Clone)]
pub struct SimHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Arc<watch::Sender<bool>>,
}

impl SimHandle {
    /// `"http://127.0.0.1:PORT"` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> SimStats {
        self.shared.stats.snapshot()
    }

    /// Zeroes the counters (the account's usage, as `/lookup/usage` reports it, stays).
    pub fn reset_stats(&self) {
        self.shared.stats.reset();
    }

    /// Runtime fault switches.
    pub fn knobs(&self) -> &Knobs {
        &self.shared.knobs
    }

    /// The bodies of the latest enrich requests received (the last 200, oldest first), as the
    /// client sent them.
    pub fn enrich_requests(&self) -> Vec<serde_json::Value> {
        crate::util::lock(&self.shared.recent_enrich)
            .iter()
            .cloned()
            .collect()
    }

    /// The synthetic people and companies served.
    pub fn dataset(&self) -> &Dataset {
        &self.shared.dataset
    }

    /// Stops accepting connections and lets in-flight requests finish.
    pub fn shutdown(&self) {
        self.stop.send_replace(true);
    }
}

/// Serves `app` on `listener` in a background task until `true` is sent on the returned
/// channel (or every sender is gone).
pub(crate) fn serve_in_background(
    listener: TcpListener,
    app: Router,
    name: &'static str,
) -> watch::Sender<bool> {
    let (stop_tx, mut stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        let stop = async move {
            // An error means every handle is gone: stop too.
            let _ = stop_rx.wait_for(|stop| *stop).await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::warn!("{name} server stopped: {e}");
        }
    });
    stop_tx
}
