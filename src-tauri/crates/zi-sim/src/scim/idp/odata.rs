//! OData `$filter` expressions as Graph clients send them: comparisons (`eq`, `ne`, `gt`,
//! `ge`, `lt`, `le`) and the functions `startsWith`, `endsWith` and `contains`, joined by
//! `and`. Property paths use `/` (`servicePrincipal/id`). Strings are single-quoted (`''`
//! inside one is a quote); dates, numbers, GUIDs, `true`, `false` and `null` are bare.
//! Source: OData v4.01 URL conventions §5.1.1, as learn.microsoft.com/graph/filter-query-parameter
//! uses them.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    StartsWith,
    EndsWith,
    Contains,
}

#[derive(Clone, Debug, PartialEq)]
enum Literal {
    Text(String),
    Bare(String),
}

#[derive(Clone, Debug, PartialEq)]
struct Clause {
    path: Vec<String>,
    op: Op,
    value: Literal,
}

/// A parsed `$filter`: every clause must hold.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ODataFilter(Vec<Clause>);

fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s
        .find(|c: char| c.is_whitespace() || c == ')' || c == ',')
        .unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// A literal at the start of `s`, and what follows it.
fn literal(s: &str) -> Result<(Literal, &str), String> {
    let s = s.trim_start();
    if let Some(body) = s.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                    out.push('\'');
                    continue;
                }
                return Ok((Literal::Text(out), &body[i + 1..]));
            }
            out.push(c);
        }
        return Err("a quoted value is not closed".into());
    }
    let (word, rest) = split_word(s);
    if word.is_empty() {
        return Err("a value is missing".into());
    }
    Ok((Literal::Bare(word.to_string()), rest))
}

fn path(text: &str) -> Result<Vec<String>, String> {
    let text = text.trim();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_alphanumeric() || "/_@.".contains(c))
    {
        return Err(format!("'{text}' is not a property"));
    }
    Ok(text.split('/').map(str::to_string).collect())
}

fn clause(s: &str) -> Result<(Clause, &str), String> {
    let s = s.trim_start();
    let (word, rest) = split_word(s);
    // A function: name(path,'value').
    if let Some(open) = word.find('(') {
        let name = &s[..open];
        let op = match name.to_ascii_lowercase().as_str() {
            "startswith" => Op::StartsWith,
            "endswith" => Op::EndsWith,
            "contains" => Op::Contains,
            other => return Err(format!("the function '{other}' is not supported")),
        };
        let inner = &s[open + 1..];
        let comma = inner.find(',').ok_or("a function needs two arguments")?;
        let path = path(&inner[..comma])?;
        let (value, after) = literal(&inner[comma + 1..])?;
        let after = after
            .trim_start()
            .strip_prefix(')')
            .ok_or("a function is not closed")?;
        return Ok((Clause { path, op, value }, after));
    }
    let path = path(word)?;
    let (op_word, rest) = split_word(rest);
    let op = match op_word.to_ascii_lowercase().as_str() {
        "eq" => Op::Eq,
        "ne" => Op::Ne,
        "gt" => Op::Gt,
        "ge" => Op::Ge,
        "lt" => Op::Lt,
        "le" => Op::Le,
        "" => return Err("an operator is missing".into()),
        other => return Err(format!("the operator '{other}' is not supported")),
    };
    let (value, rest) = literal(rest)?;
    Ok((Clause { path, op, value }, rest))
}

impl ODataFilter {
    pub fn parse(text: &str) -> Result<ODataFilter, String> {
        let mut clauses = Vec::new();
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err("the filter is empty".into());
        }
        loop {
            let (c, after) = clause(rest)?;
            clauses.push(c);
            let after = after.trim_start();
            if after.is_empty() {
                break;
            }
            let (joiner, next) = split_word(after);
            if !joiner.eq_ignore_ascii_case("and") {
                return Err(format!(
                    "'{joiner}' is not supported here: join clauses with 'and'"
                ));
            }
            rest = next;
        }
        Ok(ODataFilter(clauses))
    }

    pub fn matches(&self, item: &Value) -> bool {
        self.0.iter().all(|c| {
            let found = values_at(item, &c.path);
            if found.is_empty() {
                return matches!((&c.op, &c.value), (Op::Eq, Literal::Bare(v)) if v == "null")
                    || matches!((&c.op, &c.value), (Op::Ne, Literal::Bare(v)) if v != "null");
            }
            found.iter().any(|v| holds(v, c.op, &c.value))
        })
    }
}

fn values_at<'a>(item: &'a Value, path: &[String]) -> Vec<&'a Value> {
    let mut current = vec![item];
    for part in path {
        let mut next = Vec::new();
        for value in current {
            match value {
                Value::Object(o) => {
                    let found = o.get(part).or_else(|| {
                        o.iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(part))
                            .map(|(_, v)| v)
                    });
                    if let Some(v) = found {
                        match v {
                            Value::Array(items) => next.extend(items.iter()),
                            v => next.push(v),
                        }
                    }
                }
                Value::Array(items) => next.extend(items.iter()),
                _ => {}
            }
        }
        current = next;
    }
    current
}

fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn holds(value: &Value, op: Op, wanted: &Literal) -> bool {
    let wanted_text = match wanted {
        Literal::Text(t) | Literal::Bare(t) => t.as_str(),
    };
    if matches!(wanted, Literal::Bare(t) if t == "null") {
        return match op {
            Op::Eq => value.is_null(),
            Op::Ne => !value.is_null(),
            _ => false,
        };
    }
    let ordering = match value {
        Value::String(have) => {
            match op {
                Op::StartsWith => {
                    return have.to_lowercase().starts_with(&wanted_text.to_lowercase())
                }
                Op::EndsWith => return have.to_lowercase().ends_with(&wanted_text.to_lowercase()),
                Op::Contains => return have.to_lowercase().contains(&wanted_text.to_lowercase()),
                _ => {}
            }
            match (instant(have), instant(wanted_text)) {
                (Some(a), Some(b)) => Some(a.cmp(&b)),
                _ => Some(have.to_lowercase().cmp(&wanted_text.to_lowercase())),
            }
        }
        Value::Number(n) => match (n.as_f64(), wanted_text.parse::<f64>().ok()) {
            (Some(a), Some(b)) => a.partial_cmp(&b),
            _ => None,
        },
        Value::Bool(b) => wanted_text
            .parse::<bool>()
            .ok()
            .map(|w| b.cmp(&w))
            .filter(|_| matches!(op, Op::Eq | Op::Ne)),
        _ => None,
    };
    let Some(ordering) = ordering else {
        return false;
    };
    match op {
        Op::Eq => ordering == Ordering::Equal,
        Op::Ne => ordering != Ordering::Equal,
        Op::Gt => ordering == Ordering::Greater,
        Op::Ge => ordering != Ordering::Less,
        Op::Lt => ordering == Ordering::Less,
        Op::Le => ordering != Ordering::Greater,
        Op::StartsWith | Op::EndsWith | Op::Contains => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn graph_filters_read_and_match() {
        let entry = json!({
            "activityDateTime": "2026-05-01T10:00:00.000Z",
            "servicePrincipal": { "id": "abc", "displayName": "ZoomInfo" },
            "provisioningStatusInfo": { "status": "failure" },
            "displayName": "Zoom Info's app",
        });
        for (filter, expected) in [
            ("servicePrincipal/id eq 'abc'", true),
            ("servicePrincipal/id eq 'ABC'", true),
            ("servicePrincipal/id eq 'abd'", false),
            ("provisioningStatusInfo/status eq 'failure' and servicePrincipal/id eq 'abc'", true),
            ("activityDateTime ge 2026-05-01T09:59:59Z", true),
            ("activityDateTime ge 2026-05-01T10:00:01Z", false),
            ("activityDateTime lt 2026-05-02T00:00:00Z and provisioningStatusInfo/status ne 'success'", true),
            ("startsWith(displayName,'zoom')", true),
            ("startswith(displayName, 'Info')", false),
            ("displayName eq 'Zoom Info''s app'", true),
            ("contains(displayName,'info')", true),
            ("missing eq null", true),
        ] {
            let parsed = ODataFilter::parse(filter).expect(filter);
            assert_eq!(parsed.matches(&entry), expected, "{filter}");
        }
        for bad in [
            "",
            "displayName",
            "displayName eq",
            "displayName eq 'x' or id eq 'y'",
            "foo(displayName,'x')",
            "displayName eq 'x",
        ] {
            assert!(ODataFilter::parse(bad).is_err(), "{bad}");
        }
    }
}
