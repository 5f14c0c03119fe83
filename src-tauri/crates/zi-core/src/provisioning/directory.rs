//! The directory as the last check read it, one line per user: what an admin looks up when a
//! finding names someone (products and where they come from, groups, Okta's `zi*` attributes).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::org::OrgView;

/// One user as the SCIM server has them.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UserLine {
    pub user_name: String,
    pub active: bool,
    pub email: Option<String>,
    pub external_id: Option<String>,
    pub groups: Vec<String>,
    /// Each product held, with where it comes from: "Sales (group Sales Team)".
    pub products: Vec<String>,
    /// Okta's ZoomInfo attributes (seed 002): `ziRole`, `ziUserCredit`, `ziCreditLimit`,
    /// `ziResetUsage`, as sent.
    pub zi_role: Option<String>,
    pub zi_user_credit: Option<String>,
    pub zi_credit_limit: Option<String>,
    pub zi_reset_usage: Option<String>,
}

/// Which users to show: a page of those whose name, email, group or product holds `text`.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[ts(export)]
pub struct UserQuery {
    pub text: Option<String>,
    #[ts(type = "number")]
    pub offset: u32,
    #[ts(type = "number")]
    pub limit: u32,
}

/// A page of the directory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UserPage {
    /// Users the last check read.
    pub total: u32,
    /// Users matching the query.
    pub matching: u32,
    pub lines: Vec<UserLine>,
}

/// The most lines one page holds, whatever is asked.
pub const MOST_USERS_PER_PAGE: u32 = 500;

/// The Okta extension attributes shown per user (seed 002's attribute-mapping table).
const ZI_ROLE: &str = "ziRole";
const ZI_USER_CREDIT: &str = "ziUserCredit";
const ZI_CREDIT_LIMIT: &str = "ziCreditLimit";
const ZI_RESET_USAGE: &str = "ziResetUsage";

/// The directory's lines, by userName.
pub fn directory_of(view: &OrgView) -> Vec<UserLine> {
    let mut lines: Vec<UserLine> = view
        .users
        .iter()
        .map(|user| {
            let attribute = |name: &str| {
                user.attribute(name).and_then(|value| match value {
                    Value::String(text) => Some(text.clone()),
                    Value::Null => None,
                    other => Some(other.to_string()),
                })
            };
            UserLine {
                user_name: user.user_name.clone(),
                active: user.is_active(),
                email: user.work_email().map(str::to_string),
                external_id: user.external_id.clone(),
                groups: view.groups_of(user).to_vec(),
                products: view
                    .products_of(user)
                    .into_iter()
                    .map(|(product, via)| format!("{product} ({})", via.join(", ")))
                    .collect(),
                zi_role: attribute(ZI_ROLE),
                zi_user_credit: attribute(ZI_USER_CREDIT),
                zi_credit_limit: attribute(ZI_CREDIT_LIMIT),
                zi_reset_usage: attribute(ZI_RESET_USAGE),
            }
        })
        .collect();
    lines.sort_by_key(|line| line.user_name.to_lowercase());
    lines
}

/// One page of `lines` for `query`.
pub fn page_of(lines: &[UserLine], query: &UserQuery) -> UserPage {
    let wanted = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase);
    let matches = |line: &UserLine| match &wanted {
        None => true,
        Some(text) => {
            let holds = |value: &str| value.to_lowercase().contains(text.as_str());
            holds(&line.user_name)
                || line.email.as_deref().is_some_and(holds)
                || line.groups.iter().any(|g| holds(g))
                || line.products.iter().any(|p| holds(p))
        }
    };
    let matching: Vec<&UserLine> = lines.iter().filter(|l| matches(l)).collect();
    let limit = query.limit.clamp(1, MOST_USERS_PER_PAGE) as usize;
    UserPage {
        total: u32::try_from(lines.len()).unwrap_or(u32::MAX),
        matching: u32::try_from(matching.len()).unwrap_or(u32::MAX),
        lines: matching
            .into_iter()
            .skip(query.offset as usize)
            .take(limit)
            .cloned()
            .collect(),
    }
}
