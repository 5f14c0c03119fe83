//! Data connectors: a team's own HTTP APIs as enrichment steps after ZoomInfo (a waterfall),
//! described in connector files with the vocabulary of ZoomInfo's Data Connectors. Knows
//! nothing of ZoomInfo, the store or Tauri.

mod choice;
mod client;
mod error;
pub mod fields;
mod spec;
pub mod template;

pub use choice::split_choice;
pub use client::{Answer, BearerSource, ConnectorClient};
pub use error::{ConnectorError, Result};
pub use spec::{
    Action, ActionCategory, Auth, Connector, Placement, RequestType, DEFAULT_RATE_PER_SECOND,
};
