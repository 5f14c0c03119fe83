//! Paid-for answers kept the moment they arrive. ZoomInfo charges when it answers; if the
//! process dies before the answer is committed (kill -9, power cut, a crash while storing),
//! the next run reads it back from here instead of buying it again.
//!
//! One file per job beside the database, one line per answer: `{"ref", "keys", "body"}`.
//! Appending a line is a single `write`, so after a kill it is either whole or ignored.

use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The batch it answers (see the ledger's `batch_ref`).
    #[serde(rename = "ref")]
    pub batch_ref: String,
    /// The match keys sent, in order: answers are matched to them by position.
    pub keys: Vec<String>,
    pub body: String,
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

    /// Keeps one answer. Failing to keep it is not fatal (the answer is still committed
    /// normally); it is logged, since a crash right after would cost it again.
    pub(crate) fn append(&self, batch_ref: &str, keys: &[String], body: &str) {
        let Some(path) = &self.path else { return };
        let entry = Entry {
            batch_ref: batch_ref.to_string(),
            keys: keys.to_vec(),
            body: body.to_string(),
        };
        let result = (|| -> std::io::Result<()> {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            let mut line = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
            line.push(b'\n');
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            file.write_all(&line)
        })();
        if let Err(error) = result {
            tracing::warn!(%error, "could not keep an enrich answer in the journal");
        }
    }

    /// Every whole entry, oldest first (a line cut short by a crash is skipped).
    pub(crate) fn entries(&self) -> Vec<Entry> {
        let Some(path) = &self.path else {
            return Vec::new();
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            return Vec::new();
        };
        text.lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
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
    fn entries_survive_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().expect("dir");
        let journal = Journal::for_job(Some(dir.path()), 7);
        journal.append("a", &["k1".into()], "{\"x\":1}");
        journal.append("b", &["k2".into(), "k3".into()], "{\"y\":\n2}");
        let path = dir.path().join("journal/job-7.jsonl");
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open");
        file.write_all(b"{\"ref\":\"c\",\"keys\":[\"k4\"],\"bo")
            .expect("torn write");
        let entries = journal.entries();
        assert_eq!(
            entries
                .iter()
                .map(|e| e.batch_ref.as_str())
                .collect::<Vec<_>>(),
            vec!["a", "b"]
        );
        assert_eq!(entries[1].body, "{\"y\":\n2}");
        journal.clear();
        assert!(journal.entries().is_empty() && !path.exists());
    }
}
