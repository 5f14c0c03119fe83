//! Demo mode: zi-core signed in to the embedded ZoomInfo simulator, the demo SCIM organisation,
//! and sample files made from the simulator's data set. The domain crate knows nothing of the
//! simulator; this crate hands it over as a [`DemoWorld`] that lives as long as the session.

pub mod provisioning;
pub mod sample;

use std::any::Any;
use std::path::Path;
use std::sync::Arc;

use zi_core::{
    paths, ConnectionSettings, Console, CoreError, Credentials, DemoScimStart, DemoWorld, Result,
};
pub use zi_sim::{serve, SimConfig, SimHandle, SimStats};

/// The embedded simulator, kept by the console for as long as the session.
struct Simulator(SimHandle);

impl DemoWorld for Simulator {
    fn shutdown(&self) {
        self.0.shutdown();
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn start_scim(&self) -> DemoScimStart {
        Box::pin(async {
            provisioning::demo_endpoint()
                .await
                .map(provisioning::DemoScim::into_server)
        })
    }
}

/// Starts the embedded simulator in this process (the demo data set and limits) and signs in
/// to it, with the demo's own database under `data_dir`.
pub async fn start(data_dir: &Path) -> Result<Console> {
    start_with(data_dir, SimConfig::demo()).await
}

/// [`start`] with another simulator configuration (tests: no limits, faults).
pub async fn start_with(data_dir: &Path, config: SimConfig) -> Result<Console> {
    let sim = zi_sim::Sim::start(config.clone())
        .await
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    let api_url = sim.url();
    let world = Arc::new(Simulator(sim));
    let store = paths::open_store(data_dir, true).await?;
    let settings = ConnectionSettings {
        api_url,
        // A simulator without limits (0) still gets a finite pace.
        rate_per_second: if config.rate_per_sec == 0 {
            1_000
        } else {
            config.rate_per_sec
        },
        rate_per_minute: if config.rate_per_min == 0 {
            60_000
        } else {
            config.rate_per_min
        },
    };
    let credentials = Credentials::password(config.username, config.password);
    Console::connect_demo(store, &settings, credentials, world).await
}

/// The embedded simulator `console` runs against, in demo mode (tests read its counters and
/// turn its fault knobs).
pub fn simulator(console: &Console) -> Option<&SimHandle> {
    console
        .demo_world()?
        .as_any()
        .downcast_ref::<Simulator>()
        .map(|world| &world.0)
}
