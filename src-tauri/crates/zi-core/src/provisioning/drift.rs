//! Drift and rule breaks: users in more than one group, badly named groups, active users
//! without a work email, inactive users still holding a product, active users without one,
//! mappings to groups the server does not have. Every finding names who or what.

use super::org::OrgView;
use super::rules;
use super::types::{Finding, FindingKind, GroupProduct, Severity};

/// Why a group name breaks the rule, if it does.
pub fn group_name_problem(name: &str) -> Option<String> {
    let length = name.chars().count();
    let mut bad: Vec<char> = name
        .chars()
        .filter(|c| !rules::group_name_char_allowed(*c))
        .collect();
    bad.dedup();
    let mut problems = Vec::new();
    if length < rules::GROUP_NAME_MIN {
        problems.push(format!(
            "is {length} characters long (at least {} needed)",
            rules::GROUP_NAME_MIN
        ));
    }
    if length > rules::GROUP_NAME_MAX {
        problems.push(format!(
            "is {length} characters long (at most {} allowed)",
            rules::GROUP_NAME_MAX
        ));
    }
    if !bad.is_empty() {
        let shown: Vec<String> = bad.iter().map(|c| format!("'{c}'")).collect();
        problems.push(format!(
            "contains {} (only letters, digits, '.', '-' and spaces are allowed)",
            shown.join(", ")
        ));
    }
    (!problems.is_empty()).then(|| problems.join(" and "))
}

pub fn drift_findings(
    view: &OrgView,
    mappings: &[GroupProduct],
    groups_offered: bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !groups_offered {
        findings.push(Finding::new(
            FindingKind::GroupsNotOffered,
            Severity::Info,
            format!(
                "This endpoint has no /Groups (Okta's ZoomInfo app pushes users, not groups): products are read from each user's {} attribute, and group rules are not checked.",
                rules::PRODUCT_ATTRIBUTE
            ),
        ));
    }
    let knows_products = view.knows_products();
    for user in view.users {
        let name = user.label().to_string();
        let groups = view.groups_of(user);
        if user.is_active() {
            if groups.len() > rules::MAX_GROUPS_PER_USER {
                findings.push(
                    Finding::new(
                        FindingKind::UserInMultipleGroups,
                        Severity::Error,
                        format!(
                            "{name} is in {} groups ({}); a user can be in only one group. Create a group that grants all the products they need instead.",
                            groups.len(),
                            groups.join(", ")
                        ),
                    )
                    .users([name.clone()])
                    .groups(groups.to_vec()),
                );
            }
            if user.work_email().is_none() {
                findings.push(
                    Finding::new(
                        FindingKind::ActiveUserWithoutWorkEmail,
                        Severity::Warning,
                        format!("{name} is active but has no work email (emails[type eq \"work\"]); map the IdP's mail attribute to it."),
                    )
                    .users([name.clone()])
                    .groups(groups.to_vec()),
                );
            }
            if knows_products && view.products_of(user).is_empty() {
                findings.push(
                    Finding::new(
                        FindingKind::ActiveUserWithoutProduct,
                        Severity::Warning,
                        format!("{name} is active but holds no product; provisioning fails for users without a subscribed product."),
                    )
                    .users([name.clone()])
                    .groups(groups.to_vec()),
                );
            }
        } else {
            let products = view.products_of(user);
            if !products.is_empty() {
                let held: Vec<String> = products
                    .iter()
                    .map(|(product, via)| format!("{product} (through {})", via.join(", ")))
                    .collect();
                let mut finding = Finding::new(
                    FindingKind::InactiveUserHoldsProduct,
                    Severity::Warning,
                    format!(
                        "{name} is inactive but still holds {}; remove them from the group (or clear ziProduct) to free the seat.",
                        held.join(" and ")
                    ),
                )
                .users([name.clone()])
                .groups(groups.to_vec());
                if products.len() == 1 {
                    if let Some(product) = products.keys().next() {
                        finding = finding.product(product.clone());
                    }
                }
                findings.push(finding);
            }
        }
    }
    for group in view.groups {
        if let Some(problem) = group_name_problem(&group.display_name) {
            findings.push(
                Finding::new(
                    FindingKind::GroupNameInvalid,
                    Severity::Error,
                    format!(
                        "Group \"{}\" {problem}; ZoomInfo cannot create a subscription set with that name, so its members are not provisioned.",
                        group.display_name
                    ),
                )
                .groups([group.display_name.clone()]),
            );
        }
    }
    if groups_offered {
        findings.extend(mapping_findings(view, mappings));
    }
    findings.extend(identity_findings(view));
    findings
}

/// "a, b, c and 4 more".
fn some_names(names: &[String]) -> String {
    let shown = names.len().min(rules::USERS_NAMED_IN_MESSAGE);
    let mut text = names[..shown].join(", ");
    if names.len() > shown {
        text.push_str(&format!(" and {} more", names.len() - shown));
    }
    text
}

/// How active users are identified, against the seeds' attribute mappings: Entra's
/// `externalId` left at its `mailNickname` default (seed 001), and a `userName` that is not the
/// user's email, which an existing ZoomInfo org needs to match its logins (seed 002).
fn identity_findings(view: &OrgView) -> Vec<Finding> {
    let local_part = |address: &str| address.split('@').next().unwrap_or_default().to_lowercase();
    let mut nickname_ids = Vec::new();
    let mut names_not_emails = Vec::new();
    for user in view.users.iter().filter(|u| u.is_active()) {
        if let Some(external) = user.external_id.as_deref().map(str::trim) {
            let nickname = external.to_lowercase() == local_part(&user.user_name)
                || user
                    .work_email()
                    .is_some_and(|email| external.to_lowercase() == local_part(email));
            if nickname && !rules::is_object_id(external) {
                nickname_ids.push(user.label().to_string());
            }
        }
        if let Some(email) = user.work_email() {
            if !user.user_name.trim().eq_ignore_ascii_case(email.trim()) {
                names_not_emails.push(user.label().to_string());
            }
        }
    }
    let mut findings = Vec::new();
    if !nickname_ids.is_empty() {
        findings.push(
            Finding::new(
                FindingKind::ExternalIdNotObjectId,
                Severity::Warning,
                format!(
                    "{} active users carry their mail nickname as externalId ({}), Entra ID's default; the ZoomInfo app needs the objectId (a GUID). In the Entra app's attribute mappings, map externalId to objectId.",
                    nickname_ids.len(),
                    some_names(&nickname_ids)
                ),
            )
            .users(nickname_ids),
        );
    }
    if !names_not_emails.is_empty() {
        findings.push(
            Finding::new(
                FindingKind::UserNameNotEmail,
                Severity::Info,
                format!(
                    "{} active users have a userName that is not their work email ({}). In an existing ZoomInfo org, both must equal the user's ZoomInfo login, or the user is not matched to their existing account.",
                    names_not_emails.len(),
                    some_names(&names_not_emails)
                ),
            )
            .users(names_not_emails),
        );
    }
    findings
}

/// Subscription sets whose group the server lacks: a near miss (case, spacing) names both
/// spellings; otherwise the group is missing.
fn mapping_findings(view: &OrgView, mappings: &[GroupProduct]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut missing: Vec<&GroupProduct> = mappings
        .iter()
        .filter(|m| !view.has_group(&m.group))
        .collect();
    missing.dedup_by(|a, b| a.group.trim() == b.group.trim());
    for m in missing {
        let near = view.near_misses(&m.group);
        if let Some(group) = near.first() {
            let members = group.members.len();
            findings.push(
                Finding::new(
                    FindingKind::GroupNameNearMiss,
                    Severity::Error,
                    format!(
                        "Subscription set \"{}\" does not match the IdP group \"{}\" exactly (case and spaces count), so the group's {members} members get no {}. Rename one so both are spelled the same.",
                        m.group.trim(), group.display_name, m.product
                    ),
                )
                .groups([m.group.trim().to_string(), group.display_name.clone()])
                .product(m.product.clone()),
            );
        } else {
            findings.push(
                Finding::new(
                    FindingKind::MappedGroupMissing,
                    Severity::Warning,
                    format!(
                        "Group \"{}\" (mapped to {}) does not exist on the SCIM server; subscription-set names must match the IdP's group names exactly.",
                        m.group, m.product
                    ),
                )
                .groups([m.group.clone()]),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_follow_the_rule() {
        assert_eq!(group_name_problem("NA Sales Team"), None);
        assert_eq!(group_name_problem("Sales-Marketing Team"), None);
        assert_eq!(group_name_problem("ZoomInfo.Admins 2"), None);
        let bad = group_name_problem("APAC_Sales").expect("underscore");
        assert!(bad.contains("'_'"), "{bad}");
        assert!(group_name_problem("HR")
            .expect("short")
            .contains("at least 3"));
        let long = "A".repeat(36);
        assert!(group_name_problem(&long)
            .expect("long")
            .contains("at most 35"));
        assert_eq!(group_name_problem(&"A".repeat(35)), None);
        assert!(group_name_problem("Sales & Marketing").is_some());
    }
}
