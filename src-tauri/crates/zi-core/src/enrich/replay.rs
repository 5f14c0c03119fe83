//! What an earlier run left in the journal: answers it paid for but did not get to store are
//! committed now, and batches it lost on the way are recorded as possibly charged twice.

use zi_client::RecordKind;
use zi_store::{ChargedTwice, PendingKey, Store};

use super::journal::{Batch, Journal};
use super::receipt::{interrupted, unreadable_answer};
use super::run::{to_commit, SentBatch};
use crate::error::Result;
use crate::team::{publish_purchase, TeamLink};

/// Commits the kept answers an earlier run did not store, and records what it may have been
/// charged twice for; then forgets the journal.
pub(super) async fn replay_journal(
    store: &Store,
    journal: &Journal,
    job_id: i64,
    kind: RecordKind,
    team: Option<&TeamLink>,
) -> Result<()> {
    let (mut replayed, mut lost) = (0usize, 0usize);
    for batch in journal.batches() {
        if store.batch_committed(&batch.batch_ref).await? {
            continue;
        }
        // An answer stored in the same run recorded its unreadable ones first: recorded now
        // means recorded in full.
        if !batch.closed && !store.charged_twice_recorded(&batch.batch_ref).await? {
            let entries = charged_twice(&batch);
            lost += entries.len();
            store.record_charged_twice(job_id, &entries).await?;
        }
        let readable = batch.answers.iter().find_map(|answer| {
            zi_client::parse_enrich_answer(&answer.body, answer.keys.len())
                .ok()
                .map(|results| (answer, results))
        });
        let Some((answer, results)) = readable else {
            continue;
        };
        let keys = answer
            .keys
            .iter()
            .map(|k| PendingKey {
                seq: 0,
                match_key: k.clone(),
                input: String::new(),
            })
            .collect();
        let sent = SentBatch {
            keys,
            inputs: Vec::new(),
        };
        let (commit, _) = to_commit(&sent, results, Some(batch.batch_ref.clone()));
        if let Some(team) = team {
            // Told to the team first (at most once: the team's ledger holds each batch once).
            publish_purchase(team, job_id, kind, &answer.keys, &commit).await?;
        }
        store.commit_batch(job_id, kind.as_str(), &commit).await?;
        replayed += 1;
    }
    if replayed > 0 || lost > 0 {
        tracing::info!(
            replayed,
            lost,
            job_id,
            "committed answers kept from an interrupted run"
        );
    }
    journal.clear();
    Ok(())
}

/// What a batch the earlier run did not store may have been charged twice for: each answer
/// that arrived unreadable; or, when nothing arrived at all, the batch itself if it had left
/// (it was in flight when the run ended). A batch that never left, or whose answer arrived
/// whole, cost nothing twice.
fn charged_twice(batch: &Batch) -> Vec<ChargedTwice> {
    let readable = |body: &str, keys: usize| zi_client::parse_enrich_answer(body, keys).is_ok();
    let unreadable: Vec<ChargedTwice> = batch
        .answers
        .iter()
        .filter(|a| !readable(&a.body, a.keys.len()))
        .map(|a| unreadable_answer(&batch.batch_ref, a.keys.len()))
        .collect();
    match batch.sent {
        Some(sent) if batch.answers.is_empty() => vec![interrupted(&batch.batch_ref, sent)],
        _ => unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::journal::Answer;

    const WHOLE: &str = r#"{"success":true,"data":{"outputFields":[["id"]],"result":[{"input":{"emailaddress":"a@b.com"},"data":[{"id":1}],"matchStatus":"FULL_MATCH"}]}}"#;

    fn batch(sent: Option<usize>, bodies: &[&str]) -> Batch {
        Batch {
            batch_ref: "r".into(),
            sent,
            answers: bodies
                .iter()
                .map(|body| Answer {
                    keys: vec!["k".into()],
                    body: body.to_string(),
                })
                .collect(),
            closed: false,
        }
    }

    fn reasons(batch: &Batch) -> Vec<&'static str> {
        charged_twice(batch).iter().map(|c| c.reason).collect()
    }

    #[test]
    fn only_what_may_have_been_paid_without_being_received_counts() {
        assert!(zi_client::parse_enrich_answer(WHOLE, 1).is_ok());
        let cut = &WHOLE[..WHOLE.len() / 2];
        // Sent, nothing came back: in flight when the run ended.
        assert_eq!(reasons(&batch(Some(25), &[])), vec!["interrupted"]);
        assert_eq!(charged_twice(&batch(Some(25), &[]))[0].records, 25);
        // Answered whole: the journal gives it back, nothing is lost.
        assert!(reasons(&batch(Some(1), &[WHOLE])).is_empty());
        // Each cut answer was paid for; the whole retry is not.
        assert_eq!(
            reasons(&batch(Some(1), &[cut, cut, WHOLE])),
            vec!["unreadable_answer"; 2]
        );
        // A cut answer and then nothing: the retry may not have left; count what is known.
        assert_eq!(reasons(&batch(Some(1), &[cut])), vec!["unreadable_answer"]);
        // Never marked as sent: it never left.
        assert!(reasons(&batch(None, &[])).is_empty());
    }
}
