//! The team store against a real PostgreSQL server (started privately for these tests).

use std::time::Duration;

use secrecy::SecretString;
use zi_team::testing::TestServer;
use zi_team::{month_start, DatabaseAddress, Freshness, Purchase, TeamError, TeamJob, TeamStore};

const FRESH: Freshness = Freshness {
    match_max_age: 90 * 86_400,
    no_match_max_age: 30 * 86_400,
};

async fn member(server: &TestServer, db: &str, name: &str, claim_timeout: Duration) -> TeamStore {
    let address = DatabaseAddress::parse(&server.url(db)).expect("address");
    TeamStore::connect_with(&address, None, name, claim_timeout)
        .await
        .expect("connect")
}

fn keys(range: std::ops::Range<u32>) -> Vec<String> {
    range
        .map(|i| format!("contact:email:p{i:04}@acme.example"))
        .collect()
}

fn purchase(batch: &str, keys: &[String]) -> Purchase {
    Purchase {
        job_ref: "host:1".into(),
        batch_ref: batch.into(),
        credits: keys.len() as i64,
        keys: keys.to_vec(),
        answers: keys
            .iter()
            .map(|k| (k.clone(), "FULL_MATCH".into(), Some(format!("id-{k}"))))
            .collect(),
        records: keys
            .iter()
            .map(|k| (format!("id-{k}"), format!(r#"{{"email":"{k}"}}"#)))
            .collect(),
    }
}

#[tokio::test]
async fn of_two_members_claiming_the_same_keys_at_once_each_key_goes_to_exactly_one() {
    let Some(server) = TestServer::start() else {
        return;
    };
    let db = server.new_database();
    let ana = member(&server, &db, "ana", zi_team::CLAIM_TIMEOUT).await;
    let ben = member(&server, &db, "ben", zi_team::CLAIM_TIMEOUT).await;
    let wanted = keys(0..400);
    // Overlapping halves, claimed 25 at a time by both at once.
    let (a, b) = tokio::join!(
        async {
            let mut got = Vec::new();
            for chunk in wanted[..300].chunks(25) {
                got.extend(
                    ana.claim("contact", chunk, FRESH)
                        .await
                        .expect("claim")
                        .to_buy,
                );
            }
            got
        },
        async {
            let mut got = Vec::new();
            for chunk in wanted[100..].chunks(25) {
                got.extend(
                    ben.claim("contact", chunk, FRESH)
                        .await
                        .expect("claim")
                        .to_buy,
                );
            }
            got
        }
    );
    let mut all = a.clone();
    all.extend(b.iter().cloned());
    all.sort();
    let before = all.len();
    all.dedup();
    assert_eq!(before, all.len(), "a key was claimed by both members");
    assert_eq!(all, wanted, "every key is claimed by someone");

    // Ana publishes hers: Ben, asking again, gets her answers without buying.
    ana.publish("contact", &purchase("a1", &a))
        .await
        .expect("publish");
    let overlap: Vec<String> = a
        .iter()
        .filter(|k| wanted[100..].contains(k))
        .cloned()
        .collect();
    let again = ben.claim("contact", &overlap, FRESH).await.expect("claim");
    assert!(again.to_buy.is_empty(), "bought again: {:?}", again.to_buy);
    assert_eq!(again.answered.len(), overlap.len());
    assert!(
        again.answered.iter().all(|x| x.data.is_some()),
        "records come with the answers"
    );
}

#[tokio::test]
async fn a_claim_left_by_a_dead_process_is_taken_over_after_the_timeout_and_not_before() {
    let Some(server) = TestServer::start() else {
        return;
    };
    let db = server.new_database();
    let timeout = Duration::from_secs(2);
    let crashed = member(&server, &db, "ana", timeout).await;
    let batch = keys(0..25);
    assert_eq!(
        crashed
            .claim("contact", &batch, FRESH)
            .await
            .expect("claim")
            .to_buy
            .len(),
        25
    );
    drop(crashed); // died mid-batch: its claims stay

    let ben = member(&server, &db, "ben", timeout).await;
    let early = ben.claim("contact", &batch, FRESH).await.expect("claim");
    assert_eq!((early.to_buy.len(), early.held.len()), (0, 25));
    tokio::time::sleep(timeout + Duration::from_millis(300)).await;
    let late = ben.claim("contact", &batch, FRESH).await.expect("claim");
    assert_eq!((late.to_buy.len(), late.held.len()), (25, 0));
}

#[tokio::test]
async fn an_answer_past_the_freshness_rule_is_bought_again_and_a_replayed_batch_is_charged_once() {
    let Some(server) = TestServer::start() else {
        return;
    };
    let db = server.new_database();
    let ana = member(&server, &db, "ana", zi_team::CLAIM_TIMEOUT).await;
    let batch = keys(0..10);
    ana.claim("contact", &batch, FRESH).await.expect("claim");
    ana.publish("contact", &purchase("b1", &batch))
        .await
        .expect("publish");
    // The same answer replayed after an outage: the ledger holds the batch once.
    ana.publish("contact", &purchase("b1", &batch))
        .await
        .expect("publish again");
    assert_eq!(
        ana.member_spent("ana", month_start()).await.expect("spent"),
        10
    );

    let stale = Freshness {
        match_max_age: -10,
        no_match_max_age: -10,
    };
    let again = ana.claim("contact", &batch, stale).await.expect("claim");
    assert_eq!(again.to_buy.len(), 10, "too old to serve");
}

#[tokio::test]
async fn members_taking_slots_at_once_are_spaced_as_one_account() {
    let Some(server) = TestServer::start() else {
        return;
    };
    let db = server.new_database();
    let interval = Duration::from_millis(40);
    let mut members = Vec::new();
    for name in ["ana", "ben", "cy", "dee"] {
        members.push(member(&server, &db, name, zi_team::CLAIM_TIMEOUT).await);
    }
    let started = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for m in members {
        tasks.spawn(async move {
            let mut sent = Vec::new();
            for _ in 0..15 {
                let wait = m.take_slot("acct", interval).await.expect("slot");
                tokio::time::sleep(wait).await;
                sent.push(std::time::Instant::now());
            }
            sent
        });
    }
    let mut sent: Vec<std::time::Instant> = tasks.join_all().await.into_iter().flatten().collect();
    sent.sort();
    let span = sent[sent.len() - 1].duration_since(sent[0]);
    // 60 requests at 25/s take 59 intervals (2.36 s); four unshared paces would take a quarter.
    assert!(
        span >= interval * 55,
        "60 sends in {span:?}: faster than the account's pace"
    );
    assert!(
        started.elapsed() < interval * 59 * 2,
        "far slower than the pace: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_outage_names_the_database_and_the_store_works_again_once_it_is_back() {
    let Some(server) = TestServer::start() else {
        return;
    };
    let db = server.new_database();
    let ana = member(&server, &db, "ana", zi_team::CLAIM_TIMEOUT).await;
    server.stop();
    let error = ana
        .claim("contact", &keys(0..3), FRESH)
        .await
        .expect_err("down");
    assert!(error.is_unreachable(), "{error:?}");
    let message = error.to_string();
    assert!(message.contains(&format!("/{db}")), "{message}");
    assert!(!message.contains(zi_team::testing::PASSWORD), "{message}");
    server.start_again();
    ana.ping().await.expect("back");
    assert_eq!(
        ana.claim("contact", &keys(0..3), FRESH)
            .await
            .expect("claim")
            .to_buy
            .len(),
        3
    );
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_plain_words_and_the_keychain_password_replaces_the_address()
{
    let Some(server) = TestServer::start() else {
        return;
    };
    let db = server.new_database();
    let address = DatabaseAddress::parse(&server.url_without_password(&db)).expect("address");
    let wrong = SecretString::from("not-the-password");
    let error = TeamStore::connect(&address, Some(&wrong), "ana")
        .await
        .expect_err("refused");
    assert!(
        matches!(error, TeamError::SignInRefused { .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains("not-the-password"));
    let right = SecretString::from(zi_team::testing::PASSWORD);
    TeamStore::connect(&address, Some(&right), "ana")
        .await
        .expect("signed in");
}

#[tokio::test]
async fn the_ledger_tells_credits_per_member_and_per_job_against_each_budget() {
    let Some(server) = TestServer::start() else {
        return;
    };
    let db = server.new_database();
    let ana = member(&server, &db, "ana", zi_team::CLAIM_TIMEOUT).await;
    let ben = member(&server, &db, "ben", zi_team::CLAIM_TIMEOUT).await;
    for (m, file) in [(&ana, "leads.csv"), (&ben, "accounts.xlsx")] {
        m.record_job(&TeamJob {
            job_ref: "host:1".into(),
            file_name: file.into(),
            kind: "contact".into(),
            state: "completed".into(),
            keys_total: 10,
        })
        .await
        .expect("job");
    }
    ana.publish("contact", &purchase("a", &keys(0..7)))
        .await
        .expect("publish");
    ben.publish("contact", &purchase("b", &keys(7..10)))
        .await
        .expect("publish");
    ana.set_budget("ben", Some(500)).await.expect("budget");
    ana.set_budget("cy", Some(100)).await.expect("budget");
    let by_member = ana.spend_by_member(month_start()).await.expect("members");
    let summary: Vec<(&str, i64, Option<i64>)> = by_member
        .iter()
        .map(|m| (m.member.as_str(), m.credits, m.budget))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("ana", 7, None),
            ("ben", 3, Some(500)),
            ("cy", 0, Some(100))
        ]
    );
    let by_job = ben.spend_by_job(month_start(), 10).await.expect("jobs");
    let mut jobs: Vec<(&str, &str, i64)> = by_job
        .iter()
        .map(|j| (j.member.as_str(), j.file_name.as_str(), j.credits))
        .collect();
    jobs.sort();
    assert_eq!(
        jobs,
        vec![("ana", "leads.csv", 7), ("ben", "accounts.xlsx", 3)]
    );
}
