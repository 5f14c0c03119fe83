//! What the Provisioning screen and `zi scim status` show. No secrets: the token never
//! appears here, only its dates and whether the server accepted it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a finding is about; the UI switches on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingKind {
    /// The server refused the token: provisioning has stopped.
    TokenRejected,
    /// The token's expiry date has passed.
    TokenExpired,
    /// The token expires within 30, 14, 7 or 1 days.
    TokenExpiring,
    /// Neither the token nor the admin says when it expires.
    TokenExpiryUnknown,
    /// More users hold a product than seats were bought: provisioning fails for the rest.
    SeatsOverAssigned,
    /// Every seat is used: the next user assigned will fail.
    SeatsExhausted,
    /// At the current growth the seats run out soon.
    SeatsRunningOut,
    /// Users hold a product for which no purchased seat count was entered.
    SeatsNotEntered,
    /// A user is in more than one group (not allowed).
    UserInMultipleGroups,
    /// A group / subscription-set name breaks the naming rule.
    GroupNameInvalid,
    /// An active user has no work email.
    ActiveUserWithoutWorkEmail,
    /// An inactive user still holds a product.
    InactiveUserHoldsProduct,
    /// An active user holds no product (provisioning fails for them).
    ActiveUserWithoutProduct,
    /// A group → product mapping names a group the server does not have.
    MappedGroupMissing,
    /// A subscription set and an IdP group differ only in case or spacing: names must match
    /// exactly, so the set's members get nothing.
    GroupNameNearMiss,
    /// Users whose `externalId` is Entra ID's default `mailNickname` rather than the `objectId`
    /// GUID the ZoomInfo app needs.
    ExternalIdNotObjectId,
    /// Users whose `userName` is not their work email: for an existing ZoomInfo org both must
    /// be the user's ZoomInfo login.
    UserNameNotEmail,
    /// The endpoint has no `/Groups` (Okta's ZoomInfo app pushes users only): products come
    /// from each user's `ziProduct`, and group rules cannot be checked.
    GroupsNotOffered,
    /// The identity provider could not be read (credentials refused, unreachable).
    IdpUnreadable,
    /// The identity provider has no app by the name given.
    IdpAppMissing,
    /// Users the identity provider tried and failed to provision.
    IdpUsersFailed,
    /// Entra ID has quarantined the provisioning job.
    IdpJobQuarantined,
    /// The provisioning job is paused, never ran, or scheduled off.
    IdpJobStopped,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::TokenRejected => "token_rejected",
            FindingKind::TokenExpired => "token_expired",
            FindingKind::TokenExpiring => "token_expiring",
            FindingKind::TokenExpiryUnknown => "token_expiry_unknown",
            FindingKind::SeatsOverAssigned => "seats_over_assigned",
            FindingKind::SeatsExhausted => "seats_exhausted",
            FindingKind::SeatsRunningOut => "seats_running_out",
            FindingKind::SeatsNotEntered => "seats_not_entered",
            FindingKind::UserInMultipleGroups => "user_in_multiple_groups",
            FindingKind::GroupNameInvalid => "group_name_invalid",
            FindingKind::ActiveUserWithoutWorkEmail => "active_user_without_work_email",
            FindingKind::InactiveUserHoldsProduct => "inactive_user_holds_product",
            FindingKind::ActiveUserWithoutProduct => "active_user_without_product",
            FindingKind::MappedGroupMissing => "mapped_group_missing",
            FindingKind::GroupNameNearMiss => "group_name_near_miss",
            FindingKind::GroupsNotOffered => "groups_not_offered",
            FindingKind::ExternalIdNotObjectId => "external_id_not_object_id",
            FindingKind::UserNameNotEmail => "user_name_not_email",
            FindingKind::IdpUnreadable => "idp_unreadable",
            FindingKind::IdpAppMissing => "idp_app_missing",
            FindingKind::IdpUsersFailed => "idp_users_failed",
            FindingKind::IdpJobQuarantined => "idp_job_quarantined",
            FindingKind::IdpJobStopped => "idp_job_stopped",
        }
    }
}

/// One problem, naming the users, groups or product concerned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// One plain sentence (or two) an admin can act on.
    pub message: String,
    /// userNames concerned.
    pub users: Vec<String>,
    /// Group names concerned.
    pub groups: Vec<String>,
    pub product: Option<String>,
    /// For token findings: days left (negative once expired).
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
}

impl Finding {
    pub(crate) fn new(kind: FindingKind, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            kind,
            severity,
            message: message.into(),
            users: Vec::new(),
            groups: Vec::new(),
            product: None,
            days_left: None,
        }
    }

    pub(crate) fn users(mut self, users: impl IntoIterator<Item = String>) -> Self {
        self.users = users.into_iter().collect();
        self
    }

    pub(crate) fn groups(mut self, groups: impl IntoIterator<Item = String>) -> Self {
        self.groups = groups.into_iter().collect();
        self
    }

    pub(crate) fn product(mut self, product: impl Into<String>) -> Self {
        self.product = Some(product.into());
        self
    }

    pub(crate) fn days_left(mut self, days: i64) -> Self {
        self.days_left = Some(days);
        self
    }
}

/// What the admin entered about the token (the token itself stays in the keychain).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TokenDates {
    /// The day the token was generated.
    #[ts(type = "string | null")]
    pub issued_on: Option<NaiveDate>,
    /// 90, 180 or 365.
    pub lifetime_days: Option<u32>,
    /// The expiry date, when entered directly.
    #[ts(type = "string | null")]
    pub expires_on: Option<NaiveDate>,
}

/// Where the expiry date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExpirySource {
    /// The token is a JWT with an `exp` claim.
    Token,
    /// The admin entered an expiry date.
    EnteredDate,
    /// The admin entered the issue date and lifetime.
    IssuedPlusLifetime,
    /// OAuth client credentials (Zoom): short-lived tokens fetched again as they expire.
    Renewed,
    Unknown,
}

/// The live check's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TokenCheck {
    Accepted,
    Rejected,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TokenHealth {
    /// The server accepted the token just now.
    pub valid: bool,
    pub check: TokenCheck,
    /// The server's reason when it refused the token.
    pub rejection: Option<String>,
    #[ts(type = "string | null")]
    pub expires_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub expiry_source: ExpirySource,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserCounts {
    pub total: u32,
    pub active: u32,
    pub inactive: u32,
}

/// Seats of one product. `free` is negative when over-assigned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SeatCount {
    pub product: String,
    /// As entered by the admin; `None` when not entered.
    #[ts(type = "number | null")]
    pub purchased: Option<i64>,
    /// Active users holding the product (through a group or their own product attribute).
    #[ts(type = "number")]
    pub used: i64,
    #[ts(type = "number | null")]
    pub free: Option<i64>,
}

/// When a product's seats run out at the current growth.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SeatForecast {
    pub product: String,
    /// Users gained per week (least squares over the snapshots; may be negative).
    pub growth_per_week: f64,
    /// `None` when the count is not growing or no purchased seats are known.
    #[ts(type = "string | null")]
    pub runs_out_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    /// Snapshots the forecast rests on.
    pub snapshots: u32,
}

/// Purchased seats of one product, as the admin entered them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SeatEntry {
    pub product: String,
    #[ts(type = "number")]
    pub purchased: i64,
}

/// A subscription set: members of `group` hold `product`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupProduct {
    pub group: String,
    pub product: String,
}

/// What the admin entered for one endpoint (everything but the token).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HealthSettings {
    pub token: TokenDates,
    pub seats: Vec<SeatEntry>,
    pub group_products: Vec<GroupProduct>,
}

/// The health of one SCIM endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HealthReport {
    /// The SCIM base URL.
    pub endpoint: String,
    /// RFC 3339.
    pub checked_at: String,
    pub token: TokenHealth,
    pub users: UserCounts,
    pub groups: u32,
    /// Whether the server has `/Groups` at all (Okta-style endpoints may not).
    pub groups_offered: bool,
    pub seats: Vec<SeatCount>,
    pub forecasts: Vec<SeatForecast>,
    /// Worst first.
    pub findings: Vec<Finding>,
    /// What the endpoint's identity provider said, when one is connected.
    #[serde(default)]
    pub idp: Option<super::idp::IdpReport>,
}

impl HealthReport {
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}
