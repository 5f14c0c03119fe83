//! A session kept between runs: a new client (a new `zi` run) starts from the token the last
//! one kept and signs in only when it nears expiry or is refused.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use secrecy::ExposeSecret;
use zi_client::{LegacyClient, SavedSession, SessionCache, ZoomInfoBackend};
use zi_sim::{Sim, SimConfig, SimHandle};

/// What a keychain would hold, in memory, with a record of what was asked of it.
#[derive(Default)]
struct Kept {
    session: Mutex<Option<SavedSession>>,
    saves: Mutex<u32>,
    forgets: Mutex<u32>,
}

impl SessionCache for Kept {
    fn load(&self) -> Option<SavedSession> {
        self.session.lock().expect("lock").clone()
    }
    fn save(&self, session: &SavedSession) {
        *self.session.lock().expect("lock") = Some(session.clone());
        *self.saves.lock().expect("lock") += 1;
    }
    fn forget(&self) {
        *self.session.lock().expect("lock") = None;
        *self.forgets.lock().expect("lock") += 1;
    }
}

impl Kept {
    fn jwt(&self) -> Option<String> {
        self.load().map(|s| s.jwt.expose_secret().to_string())
    }
}

async fn sim(config: SimConfig) -> SimHandle {
    Sim::start(SimConfig {
        people: 100,
        companies: 10,
        ..config
    })
    .await
    .expect("sim")
}

fn run(sim: &SimHandle, kept: &Arc<Kept>) -> LegacyClient {
    LegacyClient::new(config_for(sim), demo_credentials())
        .expect("client")
        .with_session_cache(kept.clone())
}

#[tokio::test]
async fn ten_runs_share_one_login() {
    let sim = sim(unlimited()).await;
    let kept = Arc::new(Kept::default());
    for _ in 0..10 {
        let client = run(&sim, &kept);
        client.usage().await.expect("usage");
        assert!(client.token_status().await.signed_in);
    }
    assert_eq!(sim.stats().logins, 1, "{:?}", sim.stats());
    assert_eq!(*kept.saves.lock().expect("lock"), 1);
    let saved = kept.load().expect("kept");
    let left = saved.renew_at - chrono::Utc::now();
    assert!(
        (50..=55).contains(&left.num_minutes()),
        "renewed five minutes before the hour: {left:?}"
    );
    assert!(saved.expires_at > saved.renew_at);
}

#[tokio::test]
async fn a_kept_token_near_expiry_is_renewed_and_replaced() {
    let sim = sim(SimConfig {
        token_lifetime: Duration::from_secs(2),
        ..unlimited()
    })
    .await;
    let kept = Arc::new(Kept::default());
    run(&sim, &kept).usage().await.expect("first run");
    let first = kept.jwt().expect("kept");
    // Past the renewal point (the last fifth of a 2 s token).
    tokio::time::sleep(Duration::from_millis(1_700)).await;
    run(&sim, &kept).usage().await.expect("second run");
    assert_eq!(sim.stats().logins, 2);
    assert_eq!(sim.stats().unauthorized, 0, "renewed before it was refused");
    assert_ne!(kept.jwt().expect("kept"), first, "the new token is kept");
}

#[tokio::test]
async fn a_kept_token_revoked_server_side_is_replaced_after_one_401() {
    let sim = sim(unlimited()).await;
    let kept = Arc::new(Kept::default());
    run(&sim, &kept).usage().await.expect("first run");
    let revoked = kept.jwt().expect("kept");
    sim.knobs().revoke_all_tokens();

    let client = run(&sim, &kept);
    client.usage().await.expect("recovers transparently");
    let stats = sim.stats();
    assert_eq!(stats.unauthorized, 1, "one 401: {stats:?}");
    assert_eq!(stats.logins, 2, "one new login: {stats:?}");
    let replacement = kept.jwt().expect("a token is kept");
    assert_ne!(replacement, revoked);

    // The next run uses the replacement without signing in.
    run(&sim, &kept).usage().await.expect("third run");
    assert_eq!(sim.stats().logins, 2);
    assert_eq!(sim.stats().unauthorized, 1);
}

#[tokio::test]
async fn a_refused_token_is_forgotten_even_when_signing_in_again_fails() {
    let sim = sim(unlimited()).await;
    let kept = Arc::new(Kept::default());
    run(&sim, &kept).usage().await.expect("first run");
    sim.knobs().revoke_all_tokens();
    // The password changed meanwhile: this run cannot sign in.
    let wrong = LegacyClient::new(
        config_for(&sim),
        zi_client::Credentials::password(zi_sim::DEMO_USERNAME, "changed"),
    )
    .expect("client")
    .with_session_cache(kept.clone());
    wrong.usage().await.expect_err("refused");
    assert!(kept.load().is_none(), "the dead token is not kept");
    assert_eq!(*kept.forgets.lock().expect("lock"), 1);
}

/// A cache that never answers (a keychain waiting for the user to unlock it).
struct Stuck;
impl SessionCache for Stuck {
    fn load(&self) -> Option<SavedSession> {
        std::thread::sleep(Duration::from_secs(30));
        None
    }
    fn save(&self, _: &SavedSession) {}
    fn forget(&self) {}
}

#[tokio::test]
async fn a_cache_that_does_not_answer_only_delays_the_login() {
    let sim = sim(unlimited()).await;
    let client = LegacyClient::new(config_for(&sim), demo_credentials())
        .expect("client")
        .with_session_cache(Arc::new(Stuck));
    let started = std::time::Instant::now();
    client.usage().await.expect("signs in instead");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(sim.stats().logins, 1);
}
