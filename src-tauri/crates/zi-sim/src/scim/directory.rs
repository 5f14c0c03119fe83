//! The simulated server's users and groups, with RFC 7644 filters and PATCH operations.
//! Resources are kept as JSON as a real server would store them: unknown attributes and
//! extensions are kept as sent.

use serde_json::{json, Map, Value};

use super::facts;
use super::org::{self, DEMO_SUBSCRIPTION_SETS};

/// A refusal, answered as a SCIM error (RFC 7644 §3.12).
#[derive(Debug, PartialEq)]
pub(crate) struct ScimFail {
    pub status: u16,
    pub scim_type: Option<&'static str>,
    pub detail: String,
}

impl ScimFail {
    pub fn new(status: u16, scim_type: Option<&'static str>, detail: impl Into<String>) -> Self {
        ScimFail {
            status,
            scim_type,
            detail: detail.into(),
        }
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(404, None, format!("{what} {id} not found"))
    }

    fn syntax(detail: impl Into<String>) -> Self {
        Self::new(400, Some("invalidSyntax"), detail)
    }

    fn filter(detail: impl Into<String>) -> Self {
        Self::new(400, Some("invalidFilter"), detail)
    }
}

pub(crate) type Outcome<T> = Result<T, ScimFail>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    User,
    Group,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::User => "User",
            Kind::Group => "Group",
        }
    }
}

pub(crate) struct Directory {
    users: Vec<Value>,
    groups: Vec<Value>,
    next_id: u64,
    version: u64,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Attribute of an object by name, compared case-insensitively (RFC 7643 §2.1).
pub(crate) fn get_ci<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

fn key_ci(object: &Map<String, Value>, name: &str) -> String {
    object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// `"False"` → false, as Entra ID sends it (seed 001); other values unchanged.
fn normalize_bool(value: Value) -> Value {
    match &value {
        Value::String(s) if s.eq_ignore_ascii_case("true") => Value::Bool(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Value::Bool(false),
        _ => value,
    }
}

pub(crate) fn id_of(resource: &Value) -> &str {
    resource["id"].as_str().unwrap_or_default()
}

impl Directory {
    pub fn new(demo_seed: Option<u64>) -> (Directory, Option<org::PlantedProblems>) {
        let mut dir = Directory {
            users: Vec::new(),
            groups: Vec::new(),
            next_id: 1,
            version: 0,
        };
        let Some(seed) = demo_seed else {
            return (dir, None);
        };
        let org = org::generate(seed);
        let mut members: Vec<Vec<Value>> = vec![Vec::new(); DEMO_SUBSCRIPTION_SETS.len()];
        for user in org.users {
            let Ok(created) = dir.create(Kind::User, user.resource) else {
                continue;
            };
            for g in user.groups {
                if let Some(list) = members.get_mut(g) {
                    list.push(json!({
                        "value": id_of(&created),
                        "display": created["userName"].clone(),
                    }));
                }
            }
        }
        for (set, members) in DEMO_SUBSCRIPTION_SETS.iter().zip(members) {
            let _ = dir.create(
                Kind::Group,
                json!({
                    "schemas": [facts::GROUP_SCHEMA],
                    "displayName": set.group,
                    "members": members,
                }),
            );
        }
        (dir, Some(org.planted))
    }

    fn list(&self, kind: Kind) -> &Vec<Value> {
        match kind {
            Kind::User => &self.users,
            Kind::Group => &self.groups,
        }
    }

    fn list_mut(&mut self, kind: Kind) -> &mut Vec<Value> {
        match kind {
            Kind::User => &mut self.users,
            Kind::Group => &mut self.groups,
        }
    }

    pub fn all(&self, kind: Kind) -> &[Value] {
        self.list(kind)
    }

    pub fn get(&self, kind: Kind, id: &str) -> Outcome<&Value> {
        self.list(kind)
            .iter()
            .find(|r| id_of(r) == id)
            .ok_or_else(|| ScimFail::not_found(kind.name(), id))
    }

    /// The groups a user is a member of, as `{value, display}`.
    pub fn groups_of(&self, user_id: &str) -> Vec<Value> {
        self.groups
            .iter()
            .filter(|g| {
                g["members"]
                    .as_array()
                    .is_some_and(|m| m.iter().any(|m| m["value"] == user_id))
            })
            .map(|g| json!({ "value": id_of(g), "display": g["displayName"].clone() }))
            .collect()
    }

    fn bump_version(&mut self) -> String {
        self.version += 1;
        format!("W/\"{}\"", self.version)
    }

    /// Checks the resource and normalizes what a server would.
    fn validate(
        &self,
        kind: Kind,
        resource: &mut Map<String, Value>,
        own_id: Option<&str>,
    ) -> Outcome<()> {
        let (name_attr, label) = match kind {
            Kind::User => ("userName", "userName"),
            Kind::Group => ("displayName", "displayName"),
        };
        let name = get_ci(resource, name_attr)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                ScimFail::new(400, Some("invalidValue"), format!("{label} is required"))
            })?
            .to_string();
        let clash = self.list(kind).iter().any(|r| {
            id_of(r) != own_id.unwrap_or_default()
                && r[name_attr]
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case(&name))
        });
        if clash {
            return Err(ScimFail::new(
                409,
                Some("uniqueness"),
                format!("{label} '{name}' is already taken"),
            ));
        }
        if kind == Kind::User {
            let key = key_ci(resource, "active");
            let active = resource
                .remove(&key)
                .map(normalize_bool)
                .unwrap_or(Value::Bool(true));
            resource.insert("active".into(), active);
        }
        // Read-only attributes a client may have echoed back.
        for read_only in ["id", "meta", "groups"] {
            let key = key_ci(resource, read_only);
            resource.remove(&key);
        }
        Ok(())
    }

    pub fn create(&mut self, kind: Kind, body: Value) -> Outcome<Value> {
        let Value::Object(mut resource) = body else {
            return Err(ScimFail::syntax("the body must be a JSON object"));
        };
        self.validate(kind, &mut resource, None)?;
        let prefix = match kind {
            Kind::User => "usr",
            Kind::Group => "grp",
        };
        let id = format!("{prefix}-{:06}", self.next_id);
        self.next_id += 1;
        let stamp = now();
        let version = self.bump_version();
        resource.insert("id".into(), json!(id));
        resource.insert(
            "meta".into(),
            json!({ "resourceType": kind.name(), "created": stamp, "lastModified": stamp, "version": version }),
        );
        let value = Value::Object(resource);
        self.list_mut(kind).push(value.clone());
        Ok(value)
    }

    pub fn replace(&mut self, kind: Kind, id: &str, body: Value) -> Outcome<Value> {
        let Value::Object(mut resource) = body else {
            return Err(ScimFail::syntax("the body must be a JSON object"));
        };
        let existing = self.get(kind, id)?.clone();
        self.validate(kind, &mut resource, Some(id))?;
        let version = self.bump_version();
        resource.insert("id".into(), json!(id));
        let mut meta = existing["meta"].clone();
        meta["lastModified"] = json!(now());
        meta["version"] = json!(version);
        resource.insert("meta".into(), meta);
        let value = Value::Object(resource);
        self.store(kind, id, value.clone());
        Ok(value)
    }

    fn store(&mut self, kind: Kind, id: &str, value: Value) {
        if let Some(slot) = self.list_mut(kind).iter_mut().find(|r| id_of(r) == id) {
            *slot = value;
        }
    }

    pub fn delete(&mut self, kind: Kind, id: &str) -> Outcome<()> {
        self.get(kind, id)?;
        self.list_mut(kind).retain(|r| id_of(r) != id);
        if kind == Kind::User {
            for group in &mut self.groups {
                if let Some(members) = group["members"].as_array_mut() {
                    members.retain(|m| m["value"] != id);
                }
            }
        }
        Ok(())
    }

    pub fn patch(&mut self, kind: Kind, id: &str, body: &Value) -> Outcome<Value> {
        let mut resource = self.get(kind, id)?.clone();
        let operations = body
            .as_object()
            .and_then(|o| get_ci(o, "Operations"))
            .and_then(Value::as_array)
            .ok_or_else(|| ScimFail::syntax("a PATCH needs an 'Operations' list"))?;
        let Some(object) = resource.as_object_mut() else {
            return Err(ScimFail::syntax("stored resource is not an object"));
        };
        for op in operations {
            apply_operation(object, op)?;
        }
        let mut check = object.clone();
        self.validate(kind, &mut check, Some(id))?;
        if let Some(active) = object.get_mut("active") {
            *active = normalize_bool(active.take());
        }
        let version = self.bump_version();
        if let Some(meta) = object.get_mut("meta") {
            meta["lastModified"] = json!(now());
            meta["version"] = json!(version);
        }
        self.store(kind, id, resource.clone());
        Ok(resource)
    }
}

/// Applies one PATCH operation (RFC 7644 §3.5.2) to a resource.
fn apply_operation(resource: &mut Map<String, Value>, op: &Value) -> Outcome<()> {
    let op_obj = op
        .as_object()
        .ok_or_else(|| ScimFail::syntax("each operation must be an object"))?;
    let kind = get_ci(op_obj, "op")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .ok_or_else(|| ScimFail::syntax("an operation needs 'op'"))?;
    let path = get_ci(op_obj, "path")
        .and_then(Value::as_str)
        .map(str::trim);
    let value = get_ci(op_obj, "value").cloned();
    match (kind.as_str(), path) {
        ("add" | "replace", None) => {
            let Some(Value::Object(changes)) = value else {
                return Err(ScimFail::syntax(
                    "an operation without 'path' needs an object 'value'",
                ));
            };
            for (key, v) in changes {
                set_attribute(resource, &key, v, kind == "add")?;
            }
            Ok(())
        }
        ("add" | "replace", Some(path)) => {
            let v = value.ok_or_else(|| ScimFail::syntax("add/replace needs a 'value'"))?;
            set_attribute(resource, path, v, kind == "add")
        }
        ("remove", Some(path)) => remove_attribute(resource, path, value),
        ("remove", None) => Err(ScimFail::new(
            400,
            Some("noTarget"),
            "remove needs a 'path'",
        )),
        (other, _) => Err(ScimFail::syntax(format!("unknown operation '{other}'"))),
    }
}

/// `members[value eq "id"]` → ("members", "value", "id").
fn value_filter(path: &str) -> Option<(&str, &str, String, Option<&str>)> {
    let (attr, rest) = path.split_once('[')?;
    let (inner, after) = rest.split_once(']')?;
    let mut words = inner.splitn(3, ' ');
    let sub = words.next()?;
    let op = words.next()?;
    if !op.eq_ignore_ascii_case("eq") {
        return None;
    }
    let wanted = words.next()?.trim().trim_matches('"').to_string();
    let sub_attr = after.strip_prefix('.');
    Some((attr.trim(), sub, wanted, sub_attr))
}

fn matches_text(value: &Value, wanted: &str) -> bool {
    match value {
        Value::String(s) => s.eq_ignore_ascii_case(wanted),
        Value::Bool(b) => b.to_string().eq_ignore_ascii_case(wanted),
        Value::Number(n) => n.to_string() == wanted,
        _ => false,
    }
}

fn set_attribute(
    resource: &mut Map<String, Value>,
    path: &str,
    value: Value,
    add: bool,
) -> Outcome<()> {
    // Extension attribute: "urn:…:User:ziProduct", or the whole extension object.
    if path.to_ascii_lowercase().starts_with("urn:") {
        if let Value::Object(_) = value {
            let key = key_ci(resource, path);
            let slot = resource.entry(key).or_insert_with(|| json!({}));
            if let (Some(slot), Value::Object(changes)) = (slot.as_object_mut(), value) {
                for (k, v) in changes {
                    slot.insert(k, v);
                }
            }
            return Ok(());
        }
        let (urn, attr) = path
            .rsplit_once(':')
            .ok_or_else(|| ScimFail::new(400, Some("invalidPath"), format!("bad path '{path}'")))?;
        let key = key_ci(resource, urn);
        let slot = resource.entry(key).or_insert_with(|| json!({}));
        if let Some(slot) = slot.as_object_mut() {
            let attr_key = key_ci(slot, attr);
            slot.insert(attr_key, value);
        }
        return Ok(());
    }
    if let Some((attr, sub, wanted, sub_attr)) = value_filter(path) {
        let key = key_ci(resource, attr);
        let list = resource.entry(key).or_insert_with(|| json!([]));
        let Some(items) = list.as_array_mut() else {
            return Err(ScimFail::new(
                400,
                Some("invalidPath"),
                format!("'{attr}' is not a list"),
            ));
        };
        let found = items.iter_mut().find(|item| {
            item.as_object()
                .and_then(|o| get_ci(o, sub))
                .is_some_and(|v| matches_text(v, &wanted))
        });
        match (found, sub_attr) {
            (Some(item), Some(sub_attr)) => item[sub_attr] = value,
            (Some(item), None) => *item = value,
            (None, Some(sub_attr)) => {
                let mut item = json!({ sub: wanted });
                item[sub_attr] = value;
                items.push(item);
            }
            (None, None) => items.push(value),
        }
        return Ok(());
    }
    if let Some((parent, child)) = path.split_once('.') {
        let key = key_ci(resource, parent);
        let slot = resource.entry(key).or_insert_with(|| json!({}));
        if let Some(slot) = slot.as_object_mut() {
            let child_key = key_ci(slot, child);
            slot.insert(child_key, value);
        }
        return Ok(());
    }
    let key = key_ci(resource, path);
    let value = if key.eq_ignore_ascii_case("active") {
        normalize_bool(value)
    } else {
        value
    };
    match (add, resource.get_mut(&key), value) {
        // "add" to a multi-valued attribute appends (members, emails), skipping duplicates.
        (true, Some(Value::Array(existing)), Value::Array(new)) => {
            for item in new {
                let duplicate = existing
                    .iter()
                    .any(|e| e.get("value").is_some() && e.get("value") == item.get("value"));
                if !duplicate {
                    existing.push(item);
                }
            }
        }
        (_, _, value) => {
            resource.insert(key, value);
        }
    }
    Ok(())
}

fn remove_attribute(
    resource: &mut Map<String, Value>,
    path: &str,
    value: Option<Value>,
) -> Outcome<()> {
    if let Some((attr, sub, wanted, _)) = value_filter(path) {
        let key = key_ci(resource, attr);
        if let Some(items) = resource.get_mut(&key).and_then(Value::as_array_mut) {
            items.retain(|item| {
                !item
                    .as_object()
                    .and_then(|o| get_ci(o, sub))
                    .is_some_and(|v| matches_text(v, &wanted))
            });
        }
        return Ok(());
    }
    if path.to_ascii_lowercase().starts_with("urn:") {
        if let Some((urn, attr)) = path.rsplit_once(':') {
            let key = key_ci(resource, urn);
            if let Some(ext) = resource.get_mut(&key).and_then(Value::as_object_mut) {
                let attr_key = key_ci(ext, attr);
                if ext.remove(&attr_key).is_some() {
                    return Ok(());
                }
            }
        }
        let key = key_ci(resource, path);
        resource.remove(&key);
        return Ok(());
    }
    let key = key_ci(resource, path);
    match (resource.get_mut(&key), value) {
        // Entra ID style: remove members listed in 'value'.
        (Some(Value::Array(items)), Some(Value::Array(gone))) => {
            items.retain(|item| !gone.iter().any(|g| g.get("value") == item.get("value")));
        }
        _ => {
            resource.remove(&key);
        }
    }
    Ok(())
}

/// One comparison of a filter (RFC 7644 §3.4.2.2).
struct Comparison {
    path: Vec<String>,
    op: String,
    value: Option<Value>,
}

/// Parses `attr op value [and attr op value…]`. Supports eq, ne, co, sw, ew, pr.
pub(crate) struct Filter(Vec<Comparison>);

impl Filter {
    pub fn parse(text: &str) -> Outcome<Filter> {
        let mut comparisons = Vec::new();
        for part in split_and(text) {
            let part = part.trim();
            let (path, rest) = part
                .split_once(char::is_whitespace)
                .ok_or_else(|| ScimFail::filter(format!("cannot read filter '{text}'")))?;
            let rest = rest.trim();
            let (op, value) = match rest.split_once(char::is_whitespace) {
                Some((op, value)) => (op.to_ascii_lowercase(), Some(value.trim())),
                None => (rest.to_ascii_lowercase(), None),
            };
            let value = match (op.as_str(), value) {
                ("pr", _) => None,
                (_, Some(v)) => Some(parse_literal(v)?),
                (_, None) => return Err(ScimFail::filter(format!("'{op}' needs a value"))),
            };
            if !matches!(op.as_str(), "eq" | "ne" | "co" | "sw" | "ew" | "pr") {
                return Err(ScimFail::filter(format!(
                    "operator '{op}' is not supported"
                )));
            }
            comparisons.push(Comparison {
                path: path.split('.').map(str::to_string).collect(),
                op,
                value,
            });
        }
        Ok(Filter(comparisons))
    }

    /// Whether the filter says anything about `active` (then hidden users are not hidden).
    pub fn mentions_active(&self) -> bool {
        self.0.iter().any(|c| {
            c.path
                .first()
                .is_some_and(|p| p.eq_ignore_ascii_case("active"))
        })
    }

    pub fn matches(&self, resource: &Value) -> bool {
        self.0.iter().all(|c| {
            let values = values_at(resource, &c.path);
            match c.op.as_str() {
                "pr" => values.iter().any(|v| !v.is_null()),
                "ne" => !values.iter().any(|v| equal(v, c.value.as_ref())),
                "eq" => values.iter().any(|v| equal(v, c.value.as_ref())),
                op => values.iter().any(|v| text_op(v, c.value.as_ref(), op)),
            }
        })
    }
}

fn split_and(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let words: Vec<&str> = text.split(' ').collect();
    for word in words {
        if !quoted && word.eq_ignore_ascii_case("and") && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            continue;
        }
        if word.matches('"').count() % 2 == 1 {
            quoted = !quoted;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

fn parse_literal(text: &str) -> Outcome<Value> {
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        return Ok(Value::String(inner.replace("\\\"", "\"")));
    }
    match text.to_ascii_lowercase().as_str() {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        "null" => Ok(Value::Null),
        other => other
            .parse::<f64>()
            .map(|n| json!(n))
            .map_err(|_| ScimFail::filter(format!("cannot read the value {text}"))),
    }
}

fn values_at(resource: &Value, path: &[String]) -> Vec<Value> {
    let mut current = vec![resource.clone()];
    for part in path {
        let mut next = Vec::new();
        for value in current {
            match value {
                Value::Object(o) => {
                    if let Some(v) = get_ci(&o, part) {
                        next.push(v.clone());
                    }
                }
                Value::Array(items) => {
                    for item in items {
                        if let Some(v) = item.as_object().and_then(|o| get_ci(o, part)) {
                            next.push(v.clone());
                        }
                    }
                }
                _ => {}
            }
        }
        current = next;
    }
    current
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items,
            other => vec![other],
        })
        .collect()
}

fn equal(value: &Value, wanted: Option<&Value>) -> bool {
    match (value, wanted) {
        (Value::String(a), Some(Value::String(b))) => a.eq_ignore_ascii_case(b),
        (Value::Bool(a), Some(Value::Bool(b))) => a == b,
        (Value::String(a), Some(Value::Bool(b))) => a.eq_ignore_ascii_case(&b.to_string()),
        (Value::Number(a), Some(Value::Number(b))) => a.as_f64() == b.as_f64(),
        (a, Some(b)) => a == b,
        (_, None) => false,
    }
}

fn text_op(value: &Value, wanted: Option<&Value>, op: &str) -> bool {
    let (Some(a), Some(Value::String(b))) = (value.as_str(), wanted) else {
        return false;
    };
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    match op {
        "co" => a.contains(&b),
        "sw" => a.starts_with(&b),
        "ew" => a.ends_with(&b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(user_names: &[&str]) -> Directory {
        let (mut dir, _) = Directory::new(None);
        for name in user_names {
            dir.create(Kind::User, json!({"userName": name}))
                .expect("create");
        }
        dir
    }

    #[test]
    fn filters_read_the_usual_forms() {
        let mut dir = dir_with(&["ann@x.test", "bob@x.test"]);
        let bob = id_of(&dir.all(Kind::User)[1]).to_string();
        dir.patch(
            Kind::User,
            &bob,
            &json!({"Operations": [{"op": "Replace", "path": "active", "value": "False"}]}),
        )
        .expect("patch");
        let count = |f: &str| {
            let filter = Filter::parse(f).expect("filter");
            dir.all(Kind::User)
                .iter()
                .filter(|u| filter.matches(u))
                .count()
        };
        assert_eq!(count("active eq false"), 1);
        assert_eq!(count("active eq true"), 1);
        assert_eq!(count("userName eq \"ANN@x.test\""), 1);
        assert_eq!(count("userName sw \"b\" and active eq false"), 1);
        assert_eq!(count("userName pr"), 2);
        assert!(Filter::parse("userName gt \"a\"").is_err());
        assert!(Filter::parse("active eq false")
            .expect("f")
            .mentions_active());
    }

    #[test]
    fn group_members_are_added_and_removed() {
        let mut dir = dir_with(&["a", "b"]);
        let (a, b) = (
            id_of(&dir.all(Kind::User)[0]).to_string(),
            id_of(&dir.all(Kind::User)[1]).to_string(),
        );
        let g = dir
            .create(
                Kind::Group,
                json!({"displayName": "Sales Team", "members": [{"value": a}]}),
            )
            .expect("group");
        let gid = id_of(&g).to_string();
        dir.patch(Kind::Group, &gid, &json!({"Operations": [{"op": "add", "path": "members", "value": [{"value": b}, {"value": a}]}]}))
            .expect("add");
        assert_eq!(
            dir.get(Kind::Group, &gid).expect("g")["members"]
                .as_array()
                .map(Vec::len),
            Some(2)
        );
        dir.patch(Kind::Group, &gid, &json!({"Operations": [{"op": "remove", "path": format!("members[value eq \"{a}\"]")}]}))
            .expect("remove");
        assert_eq!(dir.groups_of(&a).len(), 0);
        assert_eq!(dir.groups_of(&b).len(), 1);
        dir.delete(Kind::User, &b).expect("delete");
        assert_eq!(dir.get(Kind::Group, &gid).expect("g")["members"], json!([]));
    }

    #[test]
    fn extension_attributes_and_uniqueness() {
        let mut dir = dir_with(&["a"]);
        let id = id_of(&dir.all(Kind::User)[0]).to_string();
        let path = format!("{}:ziProduct", facts::ZOOMINFO_USER_EXTENSION);
        let user = dir
            .patch(
                Kind::User,
                &id,
                &json!({"Operations": [{"op": "add", "path": path, "value": "Talent"}]}),
            )
            .expect("patch");
        assert_eq!(user[facts::ZOOMINFO_USER_EXTENSION]["ziProduct"], "Talent");
        let clash = dir.create(Kind::User, json!({"userName": "A"}));
        assert_eq!(clash.map_err(|e| e.status), Err(409));
        assert_eq!(
            dir.create(Kind::User, json!({})).map_err(|e| e.status),
            Err(400)
        );
    }
}
