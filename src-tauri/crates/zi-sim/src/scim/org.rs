//! The demo organisation: about 120 users in six groups (subscription sets) mapped to the
//! products, with a few deliberate problems an admin should be shown. Deterministic: the same
//! seed gives the same names everywhere.

use serde_json::{json, Value};

use super::facts;

/// A subscription set: a group and the products it grants (seed 001).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionSet {
    pub group: &'static str,
    pub products: &'static [&'static str],
}

/// The group → product mapping of the demo organisation.
pub const DEMO_SUBSCRIPTION_SETS: &[SubscriptionSet] = &[
    SubscriptionSet {
        group: "Sales Team",
        products: &["Sales"],
    },
    SubscriptionSet {
        group: "Marketing Team",
        products: &["Marketing"],
    },
    SubscriptionSet {
        group: "Talent Acquisition",
        products: &["Talent"],
    },
    SubscriptionSet {
        group: "Sales-Marketing Team",
        products: &["Sales", "Marketing"],
    },
    SubscriptionSet {
        group: "ZoomInfo-Admins",
        products: &["Sales", "Marketing", "Talent"],
    },
    // Planted: '_' is outside [a-zA-Z0-9.\-\s] (seed 001's naming rule).
    SubscriptionSet {
        group: "APAC_Sales",
        products: &["Sales"],
    },
];

/// Seats the demo organisation bought. Sales is two short (72 assigned): provisioning
/// fails for the last two, like seed 002's 100-seats/120-users example.
pub const DEMO_PURCHASED_SEATS: &[(&str, i64)] =
    &[("Sales", 70), ("Marketing", 40), ("Talent", 25)];

/// Users per group, in order; the rest have no group.
const GROUP_SIZES: [usize; 6] = [56, 26, 12, 8, 3, 5];
/// Active users without a group who hold Talent through their own `ziProduct`.
const INDIVIDUAL_TALENT: usize = 3;
/// Inactive users properly deprovisioned (no group, no product).
const DEPROVISIONED: usize = 6;

/// The problems planted in the demo organisation, for tests and the demo's story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlantedProblems {
    /// userName of the active user in both "Sales Team" and "Marketing Team".
    pub user_in_two_groups: String,
    /// The group whose name breaks the rules.
    pub badly_named_group: String,
    /// userName of the active user with no email at all.
    pub user_without_work_email: String,
    /// userName of the inactive user still in "Sales Team" with `ziProduct: Sales`.
    pub inactive_user_with_product: String,
}

/// One generated user before it is stored.
pub(crate) struct OrgUser {
    pub resource: Value,
    pub groups: Vec<usize>,
}

pub(crate) struct Org {
    pub users: Vec<OrgUser>,
    pub planted: PlantedProblems,
}

const FIRST: &[&str] = &[
    "Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kara",
    "Liam", "Maya", "Nikhil", "Olivia", "Pablo", "Quinn", "Rosa", "Sami", "Tess", "Umar", "Vera",
    "Wen", "Ximena", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Anders", "Brooks", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Ito",
    "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Quintero", "Rossi",
    "Schmidt", "Tanaka", "Ueda", "Varga", "Walsh", "Xu", "Yilmaz", "Zeller",
];

/// SplitMix64, written out so names never change with a dependency upgrade.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        let len = items.len().max(1) as u64;
        items
            .get((self.next() % len) as usize)
            .copied()
            .unwrap_or("x")
    }
}

/// Products as Okta sends them: one product a string, several a list.
fn product_value(products: &[&str]) -> Value {
    match products {
        [one] => json!(one),
        many => json!(many),
    }
}

fn products_of(groups: &[usize]) -> Vec<&'static str> {
    let mut products: Vec<&'static str> = Vec::new();
    for g in groups {
        if let Some(set) = DEMO_SUBSCRIPTION_SETS.get(*g) {
            for p in set.products {
                if !products.contains(p) {
                    products.push(p);
                }
            }
        }
    }
    // Keep the canonical product order.
    facts::PRODUCTS
        .iter()
        .copied()
        .filter(|p| products.contains(p))
        .collect()
}

pub(crate) fn generate(seed: u64) -> Org {
    let mut rng = Rng(seed);
    let mut taken = std::collections::HashSet::new();
    let mut people = Vec::new();
    let total = GROUP_SIZES.iter().sum::<usize>() + INDIVIDUAL_TALENT + DEPROVISIONED + 1;
    while people.len() < total {
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        let mut user_name = format!(
            "{}.{}@acme-demo.test",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let mut n = 2;
        while taken.contains(&user_name) {
            user_name = format!(
                "{}.{}{n}@acme-demo.test",
                first.to_lowercase(),
                last.to_lowercase()
            );
            n += 1;
        }
        taken.insert(user_name.clone());
        people.push((first, last, user_name, rng.next()));
    }

    // Group of each user, in order; None = no group.
    let mut groups_of: Vec<Vec<usize>> = Vec::with_capacity(total);
    for (g, size) in GROUP_SIZES.iter().enumerate() {
        groups_of.extend(std::iter::repeat_n(vec![g], *size));
    }
    let grouped = groups_of.len();
    groups_of.extend(std::iter::repeat_n(
        Vec::new(),
        INDIVIDUAL_TALENT + DEPROVISIONED,
    ));
    // Planted: the last user is inactive but still in "Sales Team".
    groups_of.push(vec![0]);
    // Planted: the fourth Sales user is in "Marketing Team" as well.
    let two_groups = 3;
    if let Some(g) = groups_of.get_mut(two_groups) {
        g.push(1);
    }
    // Planted: the fifth Marketing user has no email at all.
    let no_email = GROUP_SIZES[0] + 4;
    let inactive_from = grouped + INDIVIDUAL_TALENT;

    let mut users = Vec::with_capacity(total);
    for (i, ((first, last, user_name, external), groups)) in
        people.into_iter().zip(groups_of).enumerate()
    {
        let active = i < inactive_from;
        let mut products = products_of(&groups);
        if (grouped..grouped + INDIVIDUAL_TALENT).contains(&i) {
            products = vec!["Talent"];
        }
        let mut extension = json!({
            "ziRole": if groups.contains(&4) { "Admin" } else { facts::DEFAULT_ZI_ROLE },
            "ziUserCredit": facts::DEFAULT_ZI_USER_CREDIT,
            "ziCreditLimit": facts::DEFAULT_ZI_CREDIT_LIMIT,
            "ziResetUsage": facts::DEFAULT_ZI_RESET_USAGE,
        });
        if !products.is_empty() {
            extension["ziProduct"] = product_value(&products);
        }
        let emails = if i == no_email {
            json!([])
        } else {
            json!([{ "value": user_name, "type": "work", "primary": true }])
        };
        let resource = json!({
            "schemas": [facts::USER_SCHEMA, facts::ZOOMINFO_USER_EXTENSION],
            "externalId": format!("{external:016x}"),
            "userName": user_name,
            "name": { "givenName": first, "familyName": last },
            "displayName": format!("{first} {last}"),
            "active": active,
            "emails": emails,
            facts::ZOOMINFO_USER_EXTENSION: extension,
        });
        users.push(OrgUser { resource, groups });
    }
    let name = |i: usize| {
        users
            .get(i)
            .and_then(|u| u.resource["userName"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let planted = PlantedProblems {
        user_in_two_groups: name(two_groups),
        badly_named_group: DEMO_SUBSCRIPTION_SETS[5].group.to_string(),
        user_without_work_email: name(no_email),
        inactive_user_with_product: name(total - 1),
    };
    Org { users, planted }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_org_is_deterministic_and_about_120_users() {
        let a = generate(7);
        let b = generate(7);
        assert_eq!(a.users.len(), 120);
        assert_eq!(a.planted, b.planted);
        let names = |o: &Org| {
            o.users
                .iter()
                .map(|u| u.resource["userName"].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        let unique: std::collections::HashSet<_> = names(&a).into_iter().collect();
        assert_eq!(unique.len(), 120);
        assert_ne!(names(&a), names(&generate(8)));
    }

    #[test]
    fn planted_problems_are_where_the_story_says() {
        let org = generate(7);
        let find = |name: &str| {
            org.users
                .iter()
                .find(|u| u.resource["userName"] == name)
                .expect("planted user exists")
        };
        assert_eq!(find(&org.planted.user_in_two_groups).groups, vec![0, 1]);
        let no_email = find(&org.planted.user_without_work_email);
        assert_eq!(no_email.resource["emails"], json!([]));
        assert_eq!(no_email.resource["active"], true);
        let inactive = find(&org.planted.inactive_user_with_product);
        assert_eq!(inactive.resource["active"], false);
        assert_eq!(inactive.groups, vec![0]);
        assert_eq!(
            inactive.resource[facts::ZOOMINFO_USER_EXTENSION]["ziProduct"],
            "Sales"
        );
        // Sales seats used by active users: 56 + 8 + 3 + 5 = 72 > 70 purchased.
        let sales = org
            .users
            .iter()
            .filter(|u| u.resource["active"] == true)
            .filter(|u| {
                u.groups
                    .iter()
                    .any(|g| DEMO_SUBSCRIPTION_SETS[*g].products.contains(&"Sales"))
            })
            .count();
        assert_eq!(sales, 72);
    }
}
