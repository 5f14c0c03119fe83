//! Paid-for answers kept the moment they arrive. ZoomInfo charges when it answers; if the
//! process dies before the answer is committed (kill -9, power cut, a crash while storing),
//! the next run reads it back from here instead of buying it again.
//!
//! It also tells what may have been paid for without being received: a line is written just
//! before each batch leaves, so a batch marked as sent with no answer kept was in flight when
//! the process died (ZoomInfo may have charged for it, and it will be sent again).
//!
//! One file per job beside the database, one line per event of a batch: `{"ref", "sent"}` as
//! it leaves, `{"ref", "keys", "body"}` per answer, `{"ref", "closed"}` when it ended without
//! one. Appending a line is a single `write`, so after a kill it is either whole or ignored.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// One line of the journal (told apart by its fields).
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Line {
    /// A paid-for answer, as it arrived.
    Answer {
        /// The batch it answers (see the ledger's `batch_ref`).
        #[serde(rename = "ref")]
        batch_ref: String,
        /// The match keys sent, in order: answers are matched to them by position.
        keys: Vec<String>,
        body: String,
    },
    /// The batch is about to leave with `sent` inputs.
    Sent {
        #[serde(rename = "ref")]
        batch_ref: String,
        sent: usize,
    },
    /// The batch ended without an answer to keep (refused, failed): nothing is in flight.
    Closed {
        #[serde(rename = "ref")]
        batch_ref: String,
        closed: bool,
    },
}

/// An answer kept for a batch.
pub(crate) struct Answer {
    pub keys: Vec<String>,
    pub body: String,
}

/// Everything the journal holds about one batch.
pub(crate) struct Batch {
    pub batch_ref: String,
    /// Inputs sent, if the batch was marked as leaving.
    pub sent: Option<usize>,
    /// Answers, oldest first (an unreadable one is followed by its retry's).
    pub answers: Vec<Answer>,
    pub closed: bool,
}

#[derive(Clone)]
pub(crate) struct Journal {
    path: Option<PathBuf>,
}

impl Journal {
    /// The journal of `job_id`; without a folder (an in-memory store) nothing is kept.
    pub(crate) fn for_job(folder: Option<&std::path::Path>, job_id: i64) -> Self {
        Journal {
            path: folder.map(|f| f.join("journal").join(format!("job-{job_id}.jsonl"))),
        }
    }

    /// Marks the batch as leaving with `sent` inputs.
    pub(crate) fn mark_sent(&self, batch_ref: &str, sent: usize) {
        self.write(&Line::Sent {
            batch_ref: batch_ref.to_string(),
            sent,
        });
    }

    /// Keeps one answer.
    pub(crate) fn append(&self, batch_ref: &str, keys: &[String], body: &str) {
        self.write(&Line::Answer {
            batch_ref: batch_ref.to_string(),
            keys: keys.to_vec(),
            body: body.to_string(),
        });
    }

    /// The batch ended without an answer: it is no longer in flight.
    pub(crate) fn close(&self, batch_ref: &str) {
        self.write(&Line::Closed {
            batch_ref: batch_ref.to_string(),
            closed: true,
        });
    }

    /// Appends one line. Failing to is not fatal (an answer is still committed normally); it
    /// is logged, since a crash right after would cost it again.
    fn write(&self, line: &Line) {
        let Some(path) = &self.path else { return };
        let result = (|| -> std::io::Result<()> {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            let mut bytes = serde_json::to_vec(line).map_err(std::io::Error::other)?;
            bytes.push(b'\n');
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            file.write_all(&bytes)
        })();
        if let Err(error) = result {
            tracing::warn!(%error, "could not write to the enrich journal");
        }
    }

    /// Every batch with a whole line, in the order they first appear (a line cut short by a
    /// crash is skipped).
    pub(crate) fn batches(&self) -> Vec<Batch> {
        let Some(path) = &self.path else {
            return Vec::new();
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            return Vec::new();
        };
        let mut batches: Vec<Batch> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for line in text.lines() {
            let Ok(line) = serde_json::from_str::<Line>(line) else {
                continue;
            };
            let batch_ref = match &line {
                Line::Answer { batch_ref, .. }
                | Line::Sent { batch_ref, .. }
                | Line::Closed { batch_ref, .. } => batch_ref,
            };
            let at = *index.entry(batch_ref.clone()).or_insert_with(|| {
                batches.push(Batch {
                    batch_ref: batch_ref.clone(),
                    sent: None,
                    answers: Vec::new(),
                    closed: false,
                });
                batches.len() - 1
            });
            let batch = &mut batches[at];
            match line {
                Line::Answer { keys, body, .. } => batch.answers.push(Answer { keys, body }),
                Line::Sent { sent, .. } => batch.sent = Some(sent),
                Line::Closed { closed, .. } => batch.closed |= closed,
            }
        }
        batches
    }

    /// Forgets the kept answers once they are all committed.
    pub(crate) fn clear(&self) {
        if let Some(path) = &self.path {
            if let Err(error) = std::fs::remove_file(path) {
                if error.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(%error, "could not clear the enrich journal");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_survive_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().expect("dir");
        let journal = Journal::for_job(Some(dir.path()), 7);
        journal.mark_sent("a", 1);
        journal.append("a", &["k1".into()], "{\"x\":1}");
        journal.mark_sent("b", 2);
        journal.append("b", &["k2".into(), "k3".into()], "{\"y\":\n2}");
        journal.mark_sent("d", 3);
        journal.close("d");
        journal.mark_sent("e", 4);
        let path = dir.path().join("journal/job-7.jsonl");
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open");
        file.write_all(b"{\"ref\":\"c\",\"keys\":[\"k4\"],\"bo")
            .expect("torn write");
        let batches = journal.batches();
        let summary: Vec<_> = batches
            .iter()
            .map(|b| (b.batch_ref.as_str(), b.sent, b.answers.len(), b.closed))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("a", Some(1), 1, false),
                ("b", Some(2), 1, false),
                ("d", Some(3), 0, true),
                ("e", Some(4), 0, false),
            ]
        );
        assert_eq!(batches[1].answers[0].body, "{\"y\":\n2}");
        assert_eq!(batches[1].answers[0].keys, vec!["k2", "k3"]);
        journal.clear();
        assert!(journal.batches().is_empty() && !path.exists());
    }

    #[test]
    fn a_journal_written_before_the_sent_marks_still_reads() {
        let dir = tempfile::tempdir().expect("dir");
        let journal = Journal::for_job(Some(dir.path()), 1);
        let path = dir.path().join("journal/job-1.jsonl");
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(&path, "{\"ref\":\"a\",\"keys\":[\"k\"],\"body\":\"{}\"}\n").expect("old");
        let batches = journal.batches();
        assert_eq!(batches.len(), 1);
        assert_eq!((batches[0].sent, batches[0].answers.len()), (None, 1));
    }
}
