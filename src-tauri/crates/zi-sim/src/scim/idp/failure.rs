//! Why an identity provider failed to push a user to ZoomInfo, told the way each provider
//! tells it: Okta in its System Log (`displayMessage`, `outcome.reason`), Microsoft Graph in
//! its provisioning logs (`errorInformation`).

use super::facts;

/// A realistic cause of a failed push of one user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdpFailure {
    /// ZoomInfo already has a user with that userName (SCIM 409, `uniqueness`): it was
    /// created by hand or by another connection.
    AlreadyExists,
    /// No seat (licence) of the product is left in the ZoomInfo subscription.
    NoSeatAvailable { product: &'static str },
    /// The IdP sent no value for an attribute ZoomInfo requires.
    MissingAttribute { attribute: &'static str },
}

/// Graph's `errorCode` values used, from the "Error codes" table of
/// learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs
/// (github.com/MicrosoftDocs/entra-docs `docs/identity/monitoring-health/
/// howto-analyze-provisioning-logs.md` @ 0a8388cb087805d138a132dd454f6b74d46ea266):
/// "Conflict, EntryConflict", "LicenseLimitExceeded", "MandatoryFieldsMissing, MissingValues".
pub const GRAPH_CODE_CONFLICT: &str = "Conflict";
pub const GRAPH_CODE_LICENSE_LIMIT: &str = "LicenseLimitExceeded";
pub const GRAPH_CODE_MISSING_FIELDS: &str = "MandatoryFieldsMissing";

/// What Graph's provisioning log says about one failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphErrorInfo {
    pub error_code: &'static str,
    pub reason: String,
    pub additional_details: String,
    pub recommended_action: &'static str,
}

impl IdpFailure {
    /// What ZoomInfo's SCIM server answered, as the IdP quotes it.
    fn scim_detail(self) -> String {
        match self {
            IdpFailure::AlreadyExists => {
                "409 Conflict (uniqueness): a user with this userName already exists".into()
            }
            IdpFailure::NoSeatAvailable { product } => {
                format!("403 Forbidden: no {product} seat is available in the subscription")
            }
            IdpFailure::MissingAttribute { attribute } => {
                format!("400 Bad Request (invalidValue): {attribute} is required")
            }
        }
    }

    /// Okta's `displayMessage` of the failed push event.
    pub fn okta_display_message(self) -> &'static str {
        facts::OKTA_USER_PUSH_MESSAGE
    }

    /// Okta's `outcome.reason`, at most 255 characters. Illustrative wording, modelled on the
    /// provisioning tasks Okta's Admin Console shows ("Automatic provisioning of user … to
    /// app … failed: …").
    pub fn okta_reason(self, display_name: &str) -> String {
        let reason = format!(
            "Automatic provisioning of user {display_name} to app {} failed: Error while creating user {display_name}: {}",
            facts::OKTA_APP_LABEL,
            self.scim_detail()
        );
        truncate_chars(&reason, facts::OKTA_OUTCOME_REASON_MAX)
    }

    /// Graph's `errorInformation` of the failed create.
    pub fn graph_error(self, display_name: &str) -> GraphErrorInfo {
        let (error_code, reason, recommended_action) = match self {
            IdpFailure::AlreadyExists => (
                GRAPH_CODE_CONFLICT,
                format!("Failed to create User '{display_name}' in ZoomInfo: a user with the same userName already exists in the application."),
                "Match the existing ZoomInfo user to this one by the matching attribute, or remove the duplicate from ZoomInfo, then provision the user again.",
            ),
            IdpFailure::NoSeatAvailable { product } => (
                GRAPH_CODE_LICENSE_LIMIT,
                format!("Failed to create User '{display_name}' in ZoomInfo: no {product} licence is available."),
                "Buy more licences in ZoomInfo, or review which users are assigned to the application and with which product.",
            ),
            IdpFailure::MissingAttribute { attribute } => (
                GRAPH_CODE_MISSING_FIELDS,
                format!("Failed to create User '{display_name}' in ZoomInfo: the required attribute {attribute} has no value."),
                "Give the user a value for the attribute in Microsoft Entra ID, or change the attribute mappings so a value is always sent.",
            ),
        };
        GraphErrorInfo {
            error_code,
            reason,
            additional_details: format!("ZoomInfo answered {}", self.scim_detail()),
            recommended_action,
        }
    }
}

fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cause_fits_okta_and_names_a_documented_graph_code() {
        let causes = [
            IdpFailure::AlreadyExists,
            IdpFailure::NoSeatAvailable { product: "Sales" },
            IdpFailure::MissingAttribute {
                attribute: "emails",
            },
        ];
        let long_name = "N".repeat(300);
        for cause in causes {
            assert!(cause.okta_reason(&long_name).chars().count() <= 255);
            let reason = cause.okta_reason("Dana Whitfield");
            assert!(reason.contains("Dana Whitfield") && reason.contains("ZoomInfo"));
            let graph = cause.graph_error("Dana Whitfield");
            assert!([
                GRAPH_CODE_CONFLICT,
                GRAPH_CODE_LICENSE_LIMIT,
                GRAPH_CODE_MISSING_FIELDS
            ]
            .contains(&graph.error_code));
            assert!(!graph.recommended_action.is_empty());
        }
    }
}
