//! Unit tests' demo console: the simulator started directly and handed over as the session's
//! [`DemoWorld`], the way zi-demo does it for the app (zi-demo depends on this crate, so the
//! unit tests inside it cannot use it).

use std::any::Any;
use std::path::Path;
use std::sync::Arc;

use zi_client::LegacyClient;
use zi_sim::{Sim, SimConfig, SimHandle};

use crate::{paths, ConnectionSettings, Console, Credentials, DemoWorld};

struct TestSimulator(SimHandle);

impl DemoWorld for TestSimulator {
    fn shutdown(&self) {
        self.0.shutdown();
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A console signed in to a simulator without limits, its demo database under `data_dir`.
pub(crate) async fn demo_console(data_dir: &Path) -> Console {
    let config = SimConfig::unlimited();
    let sim = Sim::start(config.clone()).await.expect("simulator");
    let store = paths::open_store(data_dir, true).await.expect("store");
    let settings = ConnectionSettings {
        api_url: sim.url(),
        rate_per_second: 1_000,
        rate_per_minute: 60_000,
    };
    let client = LegacyClient::new(
        settings.client_config(),
        Credentials::password(config.username.clone(), config.password),
    )
    .expect("client");
    let world = Arc::new(TestSimulator(sim));
    let console = Console::from_parts(Arc::new(client), store, config.username, Some(world));
    console.backend().sign_in().await.expect("sign in");
    console
}
