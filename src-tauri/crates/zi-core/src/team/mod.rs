//! Team mode: a RevOps team sharing one ZoomInfo account shares one record cache, one credit
//! ledger and one request pace on PostgreSQL (zi-team). Each member's machine keeps its jobs in
//! its local SQLite as before; the team's database is consulted before each batch is bought
//! and told of each purchase.

mod buying;
mod open;
mod usage;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use zi_team::TeamStore;

pub(crate) use buying::{publish_purchase, team_answers_for_job};
pub use open::{
    open_team, TeamConnection, DATABASE_PASSWORD_ACCOUNT, DATABASE_URL_ENV, MEMBER_ENV,
};
pub use usage::{TeamConnectorCalls, TeamJobSpend, TeamMemberSpend, TeamUsage};

use crate::console::Console;

/// Team mode as this console is in it.
#[derive(Clone, Default)]
pub(crate) enum TeamState {
    #[default]
    Off,
    Joined(TeamLink),
    /// Set up, but the database did not answer (the message says why): nothing is bought
    /// until it does, or the team would pay twice.
    Unreachable(String),
}

/// Team mode as Settings shows it: what is set up, and whether this session is in it.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize, ts_rs::TS, PartialEq, Eq)]
#[ts(export)]
pub struct TeamStatus {
    pub connection: TeamConnection,
    /// This session buys through the team.
    pub joined: bool,
    /// Why it is not, when team mode is set up (the database did not answer, refused the
    /// password…).
    pub problem: Option<String>,
}

impl TeamStatus {
    /// What is set up in `store`, and how `console` (the open session, if any) stands.
    pub async fn of(
        store: &zi_store::Store,
        vault: Option<&dyn crate::sessions::SessionVault>,
        console: Option<&Console>,
    ) -> crate::Result<TeamStatus> {
        let connection = TeamConnection::load(store, vault).await?;
        let state = console.map(Console::team_state).unwrap_or_default();
        Ok(TeamStatus {
            connection,
            joined: matches!(state, TeamState::Joined(_)),
            problem: match state {
                TeamState::Unreachable(message) => Some(message),
                _ => None,
            },
        })
    }
}

/// This process's membership: the team's store and the account whose pace it shares.
#[derive(Clone)]
pub struct TeamLink {
    pub(crate) store: TeamStore,
}

impl TeamLink {
    /// The team set up in `ZI_DATABASE_URL` or the settings, connected; `None` when team mode
    /// is off. Needs no ZoomInfo account (the team's figures only).
    pub async fn open(
        store: &zi_store::Store,
        vault: Option<&dyn crate::sessions::SessionVault>,
    ) -> crate::Result<Option<TeamLink>> {
        Ok(open_team(store, vault)
            .await?
            .map(|store| TeamLink { store }))
    }

    pub fn database(&self) -> &str {
        self.store.database()
    }

    pub fn member(&self) -> &str {
        self.store.member()
    }
}

/// The account's request schedule kept in the team's database.
struct TeamPace {
    store: TeamStore,
    account: String,
    /// Warned once that the schedule cannot be reached (the run stops at its next commit).
    warned: std::sync::atomic::AtomicBool,
}

#[async_trait]
impl zi_client::SharedPace for TeamPace {
    async fn wait_turn(&self, interval: Duration) {
        match self.store.take_slot(&self.account, interval).await {
            Ok(wait) => tokio::time::sleep(wait).await,
            Err(error) => {
                if !self.warned.swap(true, std::sync::atomic::Ordering::SeqCst) {
                    tracing::warn!(%error, "the team's request pace cannot be read; pacing alone");
                }
            }
        }
    }
}

impl Console {
    /// Joins the team: its cache and ledger for every job from now on, and its pace for every
    /// request to the account.
    pub fn join_team(&self, store: TeamStore) {
        let pace = TeamPace {
            store: store.clone(),
            account: format!("{} {}", self.backend().base_url(), self.username()),
            warned: Default::default(),
        };
        self.backend().share_pace(Some(Arc::new(pace)));
        self.set_team_state(TeamState::Joined(TeamLink { store }));
    }

    /// Leaves team mode: this machine alone from now on.
    pub fn leave_team(&self) {
        self.backend().share_pace(None);
        self.set_team_state(TeamState::Off);
    }

    /// Joins the team set up in `ZI_DATABASE_URL` or the settings, if any (its password from
    /// `vault` when the address has none).
    pub async fn join_team_if_set(
        &self,
        vault: Option<&dyn crate::sessions::SessionVault>,
    ) -> crate::Result<()> {
        if self.is_demo() {
            return Ok(());
        }
        match open_team(self.store(), vault).await {
            Ok(Some(store)) => {
                tracing::info!(
                    database = store.database(),
                    member = store.member(),
                    "team mode"
                );
                self.join_team(store);
                Ok(())
            }
            Ok(None) => {
                self.leave_team();
                Ok(())
            }
            Err(error) => {
                self.backend().share_pace(None);
                self.set_team_state(TeamState::Unreachable(error.to_string()));
                Err(error)
            }
        }
    }

    /// The team joined, if any.
    pub fn team(&self) -> Option<TeamLink> {
        match self.team_state() {
            TeamState::Joined(link) => Some(link),
            _ => None,
        }
    }

    /// Refuses to buy while team mode is set up but its database did not answer: buying alone
    /// then could pay again for what a colleague bought.
    pub(crate) fn check_team(&self) -> crate::Result<()> {
        match self.team_state() {
            TeamState::Unreachable(message) => Err(crate::CoreError::Invalid(format!(
                "{message} Team mode is on, so nothing is bought until the team database answers (Settings → Team: save to connect again)."
            ))),
            _ => Ok(()),
        }
    }
}
