pub mod enrich;
pub mod jobs;
pub mod login;
pub mod scim;
pub mod search;
pub mod sim;
pub mod status;
pub mod usage;
