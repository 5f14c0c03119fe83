//! Which files the window may have read or written: only those the user picked in an open or
//! save dialog, dropped on the window, or the demo's own sample file. A page that was tampered
//! with cannot name any other path, since every command that touches a file checks it here.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{CommandResult, ErrorCode, ErrorReply};

/// Answers for the file dialogs, one path per entry in the order they are asked, so automated
/// end-to-end runs can go through the dialogs. Honoured in demo mode only.
pub const SCRIPTED_CHOICES_ENV: &str = "ZI_DEMO_FILE_CHOICES";

#[derive(Default)]
pub struct FileAccess {
    readable: Mutex<HashSet<PathBuf>>,
    writable: Mutex<HashSet<PathBuf>>,
    scripted: Mutex<VecDeque<PathBuf>>,
}

/// Whether a path was chosen to be read from or written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl FileAccess {
    /// Queues the dialog answers of [`SCRIPTED_CHOICES_ENV`] (a path list); demo mode only.
    pub fn script_from_env(&self) {
        if let Some(list) = std::env::var_os(SCRIPTED_CHOICES_ENV) {
            self.script(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
        }
    }

    /// Queues answers for the next dialogs (demo end-to-end runs and tests).
    pub fn script(&self, answers: impl IntoIterator<Item = PathBuf>) {
        if let Ok(mut queue) = self.scripted.lock() {
            queue.extend(answers);
        }
    }

    /// The next scripted dialog answer, if any remain.
    pub fn next_scripted(&self) -> Option<PathBuf> {
        self.scripted.lock().ok()?.pop_front()
    }

    pub fn grant(&self, access: Access, path: &Path) {
        if let Ok(mut set) = self.set(access).lock() {
            set.insert(path.to_path_buf());
        }
    }

    /// Refuses a path the user did not choose for this kind of access.
    pub fn check(&self, access: Access, path: &str) -> CommandResult<()> {
        let granted = self
            .set(access)
            .lock()
            .map(|set| set.contains(Path::new(path)))
            .unwrap_or(false);
        if granted {
            return Ok(());
        }
        Err(ErrorReply::new(ErrorCode::FileNotChosen,
            match access {
                Access::Read => format!(
                    "zi-console only opens files you choose or drop on the window, and {path} was not one. Choose it with \"Choose file…\" or drop it on the window."
                ),
                Access::Write => format!(
                    "zi-console only writes where you choose in the save dialog, and {path} was not chosen. Export again and pick the place."
                ),
            },
        ))
    }

    fn set(&self, access: Access) -> &Mutex<HashSet<PathBuf>> {
        match access {
            Access::Read => &self.readable,
            Access::Write => &self.writable,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn only_granted_paths_pass_and_only_for_their_access() {
        let access = FileAccess::default();
        let error = access.check(Access::Read, "/home/u/leads.csv").unwrap_err();
        assert_eq!(error.code, ErrorCode::FileNotChosen);
        assert!(error.message.contains("/home/u/leads.csv"), "{error}");

        access.grant(Access::Read, Path::new("/home/u/leads.csv"));
        assert!(access.check(Access::Read, "/home/u/leads.csv").is_ok());
        // Read permission is not write permission, and a neighbour is not the file.
        assert!(access.check(Access::Write, "/home/u/leads.csv").is_err());
        assert!(access.check(Access::Read, "/home/u/other.csv").is_err());
        assert!(access
            .check(Access::Read, "/home/u/../u/leads.csv")
            .is_err());
    }

    #[test]
    fn scripted_answers_come_in_order_then_run_out() {
        let access = FileAccess::default();
        access.script([PathBuf::from("/a.csv"), PathBuf::from("/b.xlsx")]);
        assert_eq!(access.next_scripted(), Some(PathBuf::from("/a.csv")));
        assert_eq!(access.next_scripted(), Some(PathBuf::from("/b.xlsx")));
        assert_eq!(access.next_scripted(), None);
    }
}
