//! A demo session as the app and `zi --demo` open it: signed in to the embedded simulator,
//! which stops when the session ends.

use std::time::Duration;

use zi_demo::SimConfig;

#[tokio::test]
async fn the_demo_signs_in_to_its_simulator_and_stops_it_when_the_session_ends() {
    let dir = tempfile::tempdir().expect("dir");
    let console = zi_demo::start_with(dir.path(), SimConfig::unlimited())
        .await
        .expect("demo");
    assert!(console.is_demo());
    let status = console.connection_status().await;
    assert!(status.demo);
    let sim = zi_demo::simulator(&console).expect("simulator").clone();
    assert_eq!(status.api_url, sim.url());
    assert_eq!(sim.stats().logins, 1, "signed in once at start");
    assert!(zi_core::paths::database_path(dir.path(), true).exists());

    let second = console.clone();
    drop(console);
    assert!(
        tokio::net::TcpStream::connect(sim.addr()).await.is_ok(),
        "still serving while a handle on the session is left"
    );
    drop(second);
    let mut refused = false;
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(sim.addr()).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "the simulator stops with the session");
}
