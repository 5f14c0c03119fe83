//! One view of the directory: which groups each user is in, and which products each user
//! holds through group → product mappings (subscription sets) or their own product attribute.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use scim_client::{ScimGroup, ScimUser};

use super::rules;
use super::types::GroupProduct;

/// A product name as the console shows it: "sales", "ZoomInfo Sales" → "Sales"; products
/// it does not know are kept as named. `None` for an empty name.
pub fn canonical_product(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let bare = trimmed
        .get(..9)
        .filter(|p| p.eq_ignore_ascii_case("zoominfo "))
        .and_then(|_| trimmed.get(9..))
        .unwrap_or(trimmed)
        .trim();
    if bare.is_empty() {
        return None;
    }
    Some(
        rules::KNOWN_PRODUCTS
            .iter()
            .find(|known| known.eq_ignore_ascii_case(bare))
            .map(|known| known.to_string())
            .unwrap_or_else(|| bare.to_string()),
    )
}

/// Known products first (Sales, Marketing, Talent), then the others alphabetically.
pub fn product_order(a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |p: &str| {
        rules::KNOWN_PRODUCTS
            .iter()
            .position(|k| *k == p)
            .unwrap_or(rules::KNOWN_PRODUCTS.len())
    };
    rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
}

/// Subscription-set names must match the IdP's group names exactly (seed 001): only the
/// admin's own surrounding spaces are forgiven.
fn group_key(name: &str) -> &str {
    name.trim()
}

/// Two names that differ only in case or spacing: a near miss worth naming.
pub fn loose_group_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub struct OrgView<'a> {
    pub users: &'a [ScimUser],
    pub groups: &'a [ScimGroup],
    /// user id → names of the user's groups (sorted, unique).
    user_groups: HashMap<&'a str, Vec<String>>,
    /// group name (exactly as entered) → products it grants.
    mapping: HashMap<String, BTreeSet<String>>,
}

impl<'a> OrgView<'a> {
    pub fn new(users: &'a [ScimUser], groups: &'a [ScimGroup], mappings: &[GroupProduct]) -> Self {
        let mut user_groups: HashMap<&'a str, BTreeSet<String>> = HashMap::new();
        let by_id: HashMap<&str, &ScimGroup> = groups.iter().map(|g| (g.id.as_str(), g)).collect();
        let user_by_id: HashMap<&str, &ScimUser> =
            users.iter().map(|u| (u.id.as_str(), u)).collect();
        for group in groups {
            for member in &group.members {
                if let Some(user) = user_by_id.get(member.value.as_str()) {
                    user_groups
                        .entry(user.id.as_str())
                        .or_default()
                        .insert(group.display_name.clone());
                }
            }
        }
        // Servers that list groups on the user but not members on the group.
        for user in users {
            for g in &user.groups {
                let name = by_id
                    .get(g.value.as_str())
                    .map(|group| group.display_name.clone())
                    .or_else(|| g.display.clone());
                if let Some(name) = name {
                    user_groups
                        .entry(user.id.as_str())
                        .or_default()
                        .insert(name);
                }
            }
        }
        let mut mapping: HashMap<String, BTreeSet<String>> = HashMap::new();
        for m in mappings {
            if let Some(product) = canonical_product(&m.product) {
                mapping
                    .entry(group_key(&m.group).to_string())
                    .or_default()
                    .insert(product);
            }
        }
        OrgView {
            users,
            groups,
            user_groups: user_groups
                .into_iter()
                .map(|(id, names)| (id, names.into_iter().collect()))
                .collect(),
            mapping,
        }
    }

    /// Names of the user's groups.
    pub fn groups_of(&self, user: &ScimUser) -> &[String] {
        self.user_groups
            .get(user.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Products the user holds, each with where it comes from (a group name, or the attribute).
    pub fn products_of(&self, user: &ScimUser) -> BTreeMap<String, Vec<String>> {
        let mut products: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for group in self.groups_of(user) {
            if let Some(granted) = self.mapping.get(group_key(group)) {
                for product in granted {
                    products
                        .entry(product.clone())
                        .or_default()
                        .push(format!("group {group}"));
                }
            }
        }
        for raw in user.attribute_texts(rules::PRODUCT_ATTRIBUTE) {
            if let Some(product) = canonical_product(&raw) {
                let via = products.entry(product).or_default();
                let attr = rules::PRODUCT_ATTRIBUTE.to_string();
                if !via.contains(&attr) {
                    via.push(attr);
                }
            }
        }
        products
    }

    /// Whether any product information exists at all (mappings or product attributes).
    pub fn knows_products(&self) -> bool {
        !self.mapping.is_empty()
            || self
                .users
                .iter()
                .any(|u| !u.attribute_texts(rules::PRODUCT_ATTRIBUTE).is_empty())
    }

    /// Whether a mapped group exists on the server, under exactly this name.
    pub fn has_group(&self, name: &str) -> bool {
        self.groups
            .iter()
            .any(|g| group_key(&g.display_name) == group_key(name))
    }

    /// The server's groups whose names differ from `name` only in case or spacing.
    pub fn near_misses(&self, name: &str) -> Vec<&ScimGroup> {
        let wanted = loose_group_key(name);
        self.groups
            .iter()
            .filter(|g| group_key(&g.display_name) != group_key(name))
            .filter(|g| loose_group_key(&g.display_name) == wanted)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_names_are_canonical() {
        assert_eq!(canonical_product(" sales ").as_deref(), Some("Sales"));
        assert_eq!(
            canonical_product("ZoomInfo Marketing").as_deref(),
            Some("Marketing")
        );
        assert_eq!(canonical_product("Engage").as_deref(), Some("Engage"));
        assert_eq!(canonical_product("  "), None);
        let mut products = vec!["Engage", "Talent", "Copilot", "Sales"];
        products.sort_by(|a, b| product_order(a, b));
        assert_eq!(products, vec!["Sales", "Talent", "Copilot", "Engage"]);
    }
}
