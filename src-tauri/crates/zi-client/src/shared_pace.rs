//! A pace shared with other processes that spend the same account (a team's members): each
//! request waits for its local slot, then for its turn in the account's shared schedule.

use std::time::Duration;

use async_trait::async_trait;

#[async_trait]
pub trait SharedPace: Send + Sync {
    /// Waits for this process's next turn, turns `interval` apart across every process of the
    /// account. A schedule that cannot be reached lets the request go on the local pace.
    async fn wait_turn(&self, interval: Duration);
}
