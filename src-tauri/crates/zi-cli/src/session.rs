//! Opening the console the way the user asked: the demo, or the real account.

use zi_core::secrets::Keychain;
use zi_core::{paths, Console, Result};

pub async fn open(demo: bool) -> Result<Console> {
    let data_dir = paths::data_dir()?;
    if demo {
        zi_demo::start(&data_dir).await
    } else {
        Console::open(&data_dir, &Keychain::default()).await
    }
}

/// The local data only (job history): no sign-in, works offline.
pub async fn open_store(demo: bool) -> Result<zi_store::Store> {
    paths::open_store(&paths::data_dir()?, demo).await
}
