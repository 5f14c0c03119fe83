//! What the SCIM simulator follows, in one place.
//!
//! Sources: RFC 7643/7644; the seeds in `shared/seeds/` (`001_…` Entra ID, `002_…` Okta with
//! the `zi*` attributes and ZoomInfo's null email type, `003_…` Zoom SCIM2 with OAuth) as
//! summarised in `shared/docs/scim.md`.

use std::time::Duration;

/// Where the SCIM resources live below the server root.
pub const BASE_PATH: &str = "/scim/v2";
/// Zoom-style OAuth token endpoint (seed 003), below the server root.
pub const OAUTH_TOKEN_PATH: &str = "/oauth/token";

pub const SCIM_MEDIA_TYPE: &str = "application/scim+json";
pub const JSON_MEDIA_TYPE: &str = "application/json";

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const LIST_RESPONSE_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
pub const SERVICE_PROVIDER_CONFIG_SCHEMA: &str =
    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
/// The schema extension carrying Okta's ZoomInfo attributes (seed 002: `ziRole`,
/// `ziUserCredit`, `ziCreditLimit`, `ziResetUsage`, `ziProduct`).
pub const ZOOMINFO_USER_EXTENSION: &str =
    "urn:ietf:params:scim:schemas:extension:zoominfo:2.0:User";

/// Page size when a request gives no `count`, and the most one page holds.
pub const DEFAULT_PAGE_SIZE: usize = 100;
pub const MAX_PAGE_SIZE: usize = 1_000;
/// The page size of the `SmallPages` quirk (a server with its own, small page cap).
pub const SMALL_PAGE_SIZE: usize = 7;
/// How much the `LyingItemsPerPage` quirk overstates each page.
pub const ITEMS_PER_PAGE_LIE: usize = 17;

/// What a throttled request is told to wait (`Retry-After`, seconds), when the server's
/// per-second window has no room left.
pub const THROTTLE_RETRY_AFTER_SECS: u64 = 1;

/// Zoom's OAuth access tokens live one hour (`expires_in: 3599`).
pub const OAUTH_TOKEN_LIFETIME: Duration = Duration::from_secs(3_599);

/// The products a subscription set can grant (seed 001).
pub const PRODUCTS: [&str; 3] = ["Sales", "Marketing", "Talent"];

/// Okta's defaults for the credit attributes (seed 002's attribute-mapping table).
pub const DEFAULT_ZI_ROLE: &str = "User";
pub const DEFAULT_ZI_USER_CREDIT: &str = "Limited";
pub const DEFAULT_ZI_CREDIT_LIMIT: u64 = 1_000;
pub const DEFAULT_ZI_RESET_USAGE: &str = "Monthly";
