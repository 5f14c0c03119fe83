//! The pacer against scripted answers and a fake server, on tokio's paused clock.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;

#[tokio::test(start_paused = true)]
async fn spaces_requests_at_the_account_rate() {
    let pacer = Pacer::new(RateLimits {
        per_second: 25,
        per_minute: 1500,
    });
    let start = Instant::now();
    for _ in 0..51 {
        pacer.acquire().await;
    }
    // 50 gaps at 1/(25 × 0.99) s each ≈ 2.02 s.
    let elapsed = start.elapsed().as_secs_f64();
    assert!(
        (2.0..2.1).contains(&elapsed),
        "51 requests took {elapsed} s"
    );
}

#[tokio::test(start_paused = true)]
async fn the_minute_limit_binds_when_it_is_lower() {
    let pacer = Pacer::new(RateLimits {
        per_second: 25,
        per_minute: 600,
    });
    let start = Instant::now();
    for _ in 0..11 {
        pacer.acquire().await;
    }
    let elapsed = start.elapsed().as_secs_f64();
    assert!(
        (1.0..1.1).contains(&elapsed),
        "11 requests at 10/s took {elapsed} s"
    );
}

/// A server that lets `limit` requests through per rolling second (0: no limit), refuses a
/// random `stray_429` share and fails a random `stray_500` share of what it lets through.
struct FakeServer {
    limit: usize,
    /// Refuse this many first requests whatever the rate (a passing hiccup).
    refuse_first: usize,
    admitted: VecDeque<Instant>,
    stray_429: f64,
    stray_500: f64,
    dice: StdRng,
}

impl FakeServer {
    fn new(limit: usize) -> Self {
        FakeServer {
            limit,
            refuse_first: 0,
            admitted: VecDeque::new(),
            stray_429: 0.0,
            stray_500: 0.0,
            dice: StdRng::seed_from_u64(7),
        }
    }

    fn with_noise(mut self, stray_429: f64, stray_500: f64) -> Self {
        self.stray_429 = stray_429;
        self.stray_500 = stray_500;
        self
    }

    fn answer(&mut self, now: Instant) -> Answer {
        if self.refuse_first > 0 {
            self.refuse_first -= 1;
            return Answer::Refused;
        }
        while self
            .admitted
            .front()
            .is_some_and(|&at| now.duration_since(at) >= Duration::from_secs(1))
        {
            self.admitted.pop_front();
        }
        if self.limit > 0 && self.admitted.len() >= self.limit {
            return Answer::Refused;
        }
        self.admitted.push_back(now);
        if self.dice.random::<f64>() < self.stray_429 {
            Answer::Refused
        } else if self.dice.random::<f64>() < self.stray_500 {
            Answer::Failed
        } else {
            Answer::Accepted
        }
    }
}

#[derive(Default)]
struct Tally {
    sent: AtomicU64,
    accepted: AtomicU64,
    refused: AtomicU64,
}

/// Eight workers send through the pacer for `length`, each answer coming back 80 ms later,
/// like the enrich pipeline against the API.
async fn drive(pacer: &Arc<Pacer>, server: &Arc<Mutex<FakeServer>>, length: Duration) -> Tally {
    let tally = Arc::new(Tally::default());
    let end = Instant::now() + length;
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let (pacer, server, tally) = (pacer.clone(), server.clone(), tally.clone());
            tokio::spawn(async move {
                while Instant::now() < end {
                    let ticket = pacer.acquire().await;
                    let answer = server
                        .lock()
                        .map(|mut s| s.answer(Instant::now()))
                        .unwrap_or(Answer::Failed);
                    tokio::time::sleep(Duration::from_millis(80)).await;
                    pacer.on_answer(ticket, answer);
                    tally.sent.fetch_add(1, Ordering::Relaxed);
                    let counter = match answer {
                        Answer::Accepted => &tally.accepted,
                        Answer::Refused => &tally.refused,
                        Answer::Failed => continue,
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker");
    }
    Arc::into_inner(tally).unwrap_or_default()
}

fn count(counter: &AtomicU64) -> f64 {
    counter.load(Ordering::Relaxed) as f64
}

#[tokio::test(start_paused = true)]
async fn a_lone_429_among_successes_barely_moves_the_rate() {
    let pacer = Pacer::new(RateLimits::default());
    // Every 33rd answer refused, another failed: 3% each, never two in a row.
    for i in 0..2_000u32 {
        let ticket = pacer.acquire().await;
        let answer = match i % 33 {
            7 => Answer::Refused,
            20 => Answer::Failed,
            _ => Answer::Accepted,
        };
        pacer.on_answer(ticket, answer);
    }
    assert!((pacer.current_rate() - 25.0).abs() < 1e-9);
}

#[tokio::test(start_paused = true)]
async fn random_429s_and_500s_keep_the_client_near_its_ceiling() {
    let pacer = Arc::new(Pacer::new(RateLimits::default()));
    let server = Arc::new(Mutex::new(FakeServer::new(0).with_noise(0.03, 0.03)));
    let tally = drive(&pacer, &server, Duration::from_secs(60)).await;
    let sent_per_second = count(&tally.sent) / 60.0;
    assert!(
        sent_per_second >= 0.95 * 25.0,
        "{sent_per_second:.2} requests/s against stray 429s and 500s"
    );
    assert!(pacer.current_rate() >= 0.9 * 25.0);
}

#[tokio::test(start_paused = true)]
async fn a_false_alarm_does_not_wear_the_rate_down_over_a_long_job() {
    // A hiccup refuses a dozen requests in a row (taken for a limit), then only stray 429s
    // and 500s come, for ten minutes.
    let pacer = Arc::new(Pacer::new(RateLimits::default()));
    let mut server = FakeServer::new(0).with_noise(0.03, 0.03);
    server.refuse_first = 12;
    let server = Arc::new(Mutex::new(server));
    drive(&pacer, &server, Duration::from_secs(30)).await;
    let tally = drive(&pacer, &server, Duration::from_secs(600)).await;
    let sent_per_second = count(&tally.sent) / 600.0;
    assert!(
        sent_per_second >= 0.93 * 25.0,
        "{sent_per_second:.2} requests/s after the false alarm"
    );
}

#[tokio::test(start_paused = true)]
async fn a_real_limit_is_found_and_held_just_under() {
    // Another user of the account takes part of it: the server lets 10/s through, not 25.
    let pacer = Arc::new(Pacer::new(RateLimits::default()));
    let server = Arc::new(Mutex::new(FakeServer::new(10)));
    let tally = drive(&pacer, &server, Duration::from_secs(30)).await;
    let accepted_per_second = count(&tally.accepted) / 30.0;
    let refused_share = count(&tally.refused) / count(&tally.sent);
    assert!(
        (9.3..=10.4).contains(&accepted_per_second),
        "settled at {accepted_per_second:.2}/s against a 10/s limit"
    );
    assert!(
        refused_share < 0.05,
        "{:.1}% of the requests refused",
        refused_share * 100.0
    );
    let rate = pacer.current_rate();
    assert!((9.5..=10.3).contains(&rate), "aiming at {rate:.2}/s");
}

#[tokio::test(start_paused = true)]
async fn the_rate_climbs_back_when_the_limit_lifts() {
    let pacer = Arc::new(Pacer::new(RateLimits::default()));
    let server = Arc::new(Mutex::new(FakeServer::new(10)));
    drive(&pacer, &server, Duration::from_secs(5)).await;
    assert!(pacer.current_rate() < 10.0);
    // The other user stops: the whole 25/s is free again, and found within a few minutes.
    server.lock().expect("server").limit = 0;
    drive(&pacer, &server, Duration::from_secs(180)).await;
    assert!((pacer.current_rate() - 25.0).abs() < 1e-9);
}

#[tokio::test(start_paused = true)]
async fn a_storm_of_429s_slows_the_client_down() {
    let pacer = Arc::new(Pacer::new(RateLimits::default()));
    let server = Arc::new(Mutex::new(FakeServer::new(0).with_noise(0.3, 0.0)));
    drive(&pacer, &server, Duration::from_secs(5)).await;
    assert!(pacer.current_rate() < 20.0, "{}", pacer.current_rate());
}

#[tokio::test(start_paused = true)]
async fn server_errors_never_lower_the_rate() {
    let pacer = Arc::new(Pacer::new(RateLimits::default()));
    let server = Arc::new(Mutex::new(FakeServer::new(0).with_noise(0.0, 0.5)));
    drive(&pacer, &server, Duration::from_secs(10)).await;
    assert!((pacer.current_rate() - 25.0).abs() < 1e-9);
}

#[tokio::test(start_paused = true)]
async fn a_spent_window_holds_requests_until_it_resets() {
    let pacer = Pacer::new(RateLimits::default());
    pacer.acquire().await;
    pacer.on_window_spent(Duration::from_secs(3));
    let start = Instant::now();
    pacer.acquire().await;
    let waited = start.elapsed();
    assert!(
        (Duration::from_secs(3)..Duration::from_millis(3_100)).contains(&waited),
        "waited {waited:?}"
    );
    // A far-off reset (a clock that is wrong) waits a minute at most.
    pacer.on_window_spent(Duration::from_secs(3_600));
    let start = Instant::now();
    pacer.acquire().await;
    assert!(start.elapsed() <= MAX_WINDOW_WAIT + Duration::from_millis(100));
}
