//! The jobs running in this process, so pause / resume / cancel reach them, and the file being
//! planned, so its reading can be cancelled. One run per job at a time.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use super::JobControl;
use crate::{CoreError, Result};

#[derive(Default)]
pub struct RunningJobs {
    controls: Mutex<HashMap<i64, JobControl>>,
    planning: Mutex<Option<JobControl>>,
}

impl RunningJobs {
    /// Registers the reading of a file to plan; one planned earlier and still reading is
    /// cancelled (the newest file chosen is the one the user wants).
    pub fn begin_planning(&self) -> JobControl {
        let control = JobControl::default();
        if let Some(earlier) = relock(&self.planning).replace(control.clone()) {
            earlier.cancel();
        }
        control
    }

    pub fn cancel_planning(&self) {
        if let Some(control) = relock(&self.planning).take() {
            control.cancel();
        }
    }

    /// Registers a run of `job_id`; refuses a second run of a job that is already running.
    pub fn begin(&self, job_id: i64) -> Result<RunGuard<'_>> {
        let mut controls = relock(&self.controls);
        if controls.contains_key(&job_id) {
            return Err(CoreError::AlreadyRunning(job_id));
        }
        let control = JobControl::default();
        controls.insert(job_id, control.clone());
        Ok(RunGuard {
            jobs: self,
            job_id,
            control,
        })
    }

    /// The controls of a running job.
    pub fn control(&self, job_id: i64) -> Result<JobControl> {
        relock(&self.controls)
            .get(&job_id)
            .cloned()
            .ok_or(CoreError::NotRunning(job_id))
    }
}

/// A panic elsewhere while holding the lock leaves the map as it was; keep using it.
fn relock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A run in progress; dropping it (however the run ends) forgets the job's control.
pub struct RunGuard<'a> {
    jobs: &'a RunningJobs,
    job_id: i64,
    pub control: JobControl,
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        relock(&self.jobs.controls).remove(&self.job_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn a_job_runs_once_at_a_time_and_is_forgotten_when_its_run_ends() {
        let jobs = RunningJobs::default();
        let run = jobs.begin(7).expect("first run");
        assert_eq!(
            jobs.begin(7).err().map(|e| e.code()),
            Some(ErrorCode::AlreadyRunning)
        );
        jobs.control(7).expect("reachable while running").pause();
        assert!(run.control.is_paused());
        drop(run);
        assert_eq!(
            jobs.control(7).err().map(|e| e.code()),
            Some(ErrorCode::NotRunning)
        );
        jobs.begin(7).expect("runs again after the first ended");
    }

    #[test]
    fn planning_a_new_file_cancels_the_one_still_reading() {
        let jobs = RunningJobs::default();
        let first = jobs.begin_planning();
        let second = jobs.begin_planning();
        assert!(first.is_cancelled());
        assert!(!second.is_cancelled());
        jobs.cancel_planning();
        assert!(second.is_cancelled());
    }
}
