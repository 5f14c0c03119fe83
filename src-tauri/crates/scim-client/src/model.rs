//! Users and groups as the server sent them: the attributes the health model needs are read
//! out (tolerantly), and everything else — unknown attributes, extensions such as Okta's
//! `ziProduct` — stays in `raw`, untouched.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::parse::{get_ci, loose_bool, text};

/// One address of `emails` (RFC 7643 §4.1.2). ZoomInfo sends `type: null` (seed 002).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScimEmail {
    pub value: String,
    /// `None` when the server sent null or nothing.
    pub kind: Option<String>,
    pub primary: bool,
}

/// A member of a group, or a group of a user (`value` is the other resource's id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScimMember {
    pub value: String,
    pub display: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScimUser {
    pub id: String,
    pub user_name: String,
    pub external_id: Option<String>,
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// SCIM-active (assigned in the IdP and synced), not platform-active (seed 002).
    /// `None` when the server did not say.
    pub active: Option<bool>,
    pub emails: Vec<ScimEmail>,
    /// The user's groups when the server lists them on the user (read-only in RFC 7643).
    pub groups: Vec<ScimMember>,
    /// The resource exactly as received.
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScimGroup {
    pub id: String,
    pub display_name: String,
    pub members: Vec<ScimMember>,
    pub raw: Map<String, Value>,
}

fn string_attr(object: &Map<String, Value>, name: &str) -> Option<String> {
    get_ci(object, name).and_then(text)
}

fn members(value: Option<&Value>) -> Vec<ScimMember> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::Object(member) => Some(ScimMember {
                value: string_attr(member, "value")?,
                display: string_attr(member, "display"),
            }),
            // Some servers list bare ids.
            other => text(other).map(|value| ScimMember {
                value,
                display: None,
            }),
        })
        .collect()
}

fn emails(value: Option<&Value>) -> Vec<ScimEmail> {
    let items = match value {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Object(one)) => vec![Value::Object(one.clone())],
        // A bare address where a list belongs.
        Some(Value::String(s)) => vec![serde_json::json!({ "value": s })],
        _ => return Vec::new(),
    };
    items
        .iter()
        .filter_map(|item| {
            let email = item.as_object()?;
            Some(ScimEmail {
                value: string_attr(email, "value")?,
                kind: string_attr(email, "type"),
                primary: get_ci(email, "primary")
                    .and_then(loose_bool)
                    .unwrap_or(false),
            })
        })
        .collect()
}

/// The value of `name` anywhere the server may have put it: at the top level, or inside
/// any schema-extension object (keys starting with `urn:`), names compared case-insensitively.
fn find_attribute<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    get_ci(object, name).filter(|v| !v.is_null()).or_else(|| {
        object
            .iter()
            .filter(|(key, _)| key.to_ascii_lowercase().starts_with("urn:"))
            .filter_map(|(_, value)| value.as_object())
            .find_map(|extension| get_ci(extension, name).filter(|v| !v.is_null()))
    })
}

/// Texts of a value that may be a list, or one string holding several (`"Sales;Marketing"`).
fn texts(value: &Value) -> Vec<String> {
    let split = |s: &str| -> Vec<String> {
        s.split([',', ';', '|'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    match value {
        Value::Array(items) => items
            .iter()
            .flat_map(|item| match item {
                Value::Object(o) => string_attr(o, "value")
                    .map(|v| split(&v))
                    .unwrap_or_default(),
                other => text(other).map(|v| split(&v)).unwrap_or_default(),
            })
            .collect(),
        Value::Object(o) => string_attr(o, "value")
            .map(|v| split(&v))
            .unwrap_or_default(),
        other => text(other).map(|v| split(&v)).unwrap_or_default(),
    }
}

fn resource_id(object: &Map<String, Value>) -> Option<String> {
    string_attr(object, "id")
}

impl ScimUser {
    /// Reads a user; `None` when it has neither an id nor a userName.
    pub fn from_value(value: Value) -> Option<ScimUser> {
        let Value::Object(raw) = value else {
            return None;
        };
        let user_name = string_attr(&raw, "userName");
        let id = resource_id(&raw).or_else(|| user_name.clone())?;
        let name = get_ci(&raw, "name").and_then(Value::as_object);
        Some(ScimUser {
            user_name: user_name.unwrap_or_else(|| id.clone()),
            id,
            external_id: string_attr(&raw, "externalId"),
            display_name: string_attr(&raw, "displayName"),
            given_name: name.and_then(|n| string_attr(n, "givenName")),
            family_name: name.and_then(|n| string_attr(n, "familyName")),
            active: get_ci(&raw, "active").and_then(loose_bool),
            emails: emails(get_ci(&raw, "emails")),
            groups: members(get_ci(&raw, "groups")),
            raw,
        })
    }

    /// Active unless the server said otherwise.
    pub fn is_active(&self) -> bool {
        self.active.unwrap_or(true)
    }

    /// How findings name the user: the userName (the sign-in name admins know).
    pub fn label(&self) -> &str {
        &self.user_name
    }

    /// Any attribute by name, also inside extensions (`ziProduct`, `ziRole`, …).
    pub fn attribute(&self, name: &str) -> Option<&Value> {
        find_attribute(&self.raw, name)
    }

    /// An attribute's values as texts (a list, or one string with `,` / `;` between values).
    pub fn attribute_texts(&self, name: &str) -> Vec<String> {
        self.attribute(name).map(texts).unwrap_or_default()
    }

    /// The work address: `emails[type eq "work"]` (seeds 001/002); an address with no type
    /// counts too, because ZoomInfo sends `type: null` for its only address (seed 002).
    /// `None` when there is no address, or only addresses typed otherwise ("home", …).
    pub fn work_email(&self) -> Option<&str> {
        let usable = |e: &&ScimEmail| e.value.contains('@');
        self.emails
            .iter()
            .filter(usable)
            .find(|e| {
                e.kind
                    .as_deref()
                    .is_some_and(|k| k.eq_ignore_ascii_case("work"))
            })
            .or_else(|| self.emails.iter().filter(usable).find(|e| e.kind.is_none()))
            .map(|e| e.value.as_str())
    }
}

impl ScimGroup {
    /// Reads a group; `None` when it has neither an id nor a displayName.
    pub fn from_value(value: Value) -> Option<ScimGroup> {
        let Value::Object(raw) = value else {
            return None;
        };
        let display_name = string_attr(&raw, "displayName");
        let id = resource_id(&raw).or_else(|| display_name.clone())?;
        Some(ScimGroup {
            display_name: display_name.unwrap_or_else(|| id.clone()),
            id,
            members: members(get_ci(&raw, "members")),
            raw,
        })
    }

    /// Any attribute by name, also inside extensions.
    pub fn attribute(&self, name: &str) -> Option<&Value> {
        find_attribute(&self.raw, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn okta_extension_attributes_are_kept_and_found() {
        let user = ScimUser::from_value(json!({
            "id": "u1",
            "userName": "ann@acme.test",
            "active": "False",
            "emails": [{"value": "ann@acme.test", "type": null, "primary": "true"}],
            "urn:ietf:params:scim:schemas:extension:zoominfo:2.0:User": {
                "ziProduct": "Sales;Marketing", "ziRole": "User", "ziCreditLimit": 1000
            },
            "favouriteColour": "teal"
        }))
        .expect("user");
        assert_eq!(user.active, Some(false));
        assert!(!user.is_active());
        assert_eq!(
            user.attribute_texts("ziproduct"),
            vec!["Sales", "Marketing"]
        );
        assert_eq!(user.attribute("ziCreditLimit"), Some(&json!(1000)));
        assert_eq!(user.raw["favouriteColour"], "teal");
        assert_eq!(user.work_email(), Some("ann@acme.test"));
        assert!(user.emails[0].primary);
    }

    #[test]
    fn work_email_needs_a_work_or_untyped_address() {
        let home_only = ScimUser::from_value(json!({
            "id": "u2", "userName": "bob",
            "emails": [{"value": "bob@home.test", "type": "home"}]
        }))
        .expect("user");
        assert_eq!(home_only.work_email(), None);
        let none = ScimUser::from_value(json!({"id": "u3", "userName": "cy"})).expect("user");
        assert_eq!(none.work_email(), None);
        assert!(none.is_active(), "no 'active' means active");
        let mixed = ScimUser::from_value(json!({
            "id": "u4", "USERNAME": "di",
            "Emails": [{"value": "di@home.test", "type": "home"}, {"value": "di@work.test", "type": "Work"}]
        }))
        .expect("user");
        assert_eq!(mixed.user_name, "di");
        assert_eq!(mixed.work_email(), Some("di@work.test"));
    }

    #[test]
    fn groups_read_members_in_any_shape() {
        let group = ScimGroup::from_value(json!({
            "id": "g1", "displayName": "Sales Team",
            "members": [{"value": "u1", "display": "ann"}, "u2", {"display": "no id"}]
        }))
        .expect("group");
        assert_eq!(
            group
                .members
                .iter()
                .map(|m| m.value.as_str())
                .collect::<Vec<_>>(),
            vec!["u1", "u2"]
        );
        assert!(ScimGroup::from_value(json!({"members": []})).is_none());
    }
}
