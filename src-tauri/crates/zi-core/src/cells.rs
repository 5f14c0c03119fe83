//! One value of a ZoomInfo record as the text of a spreadsheet cell or a review column: what a
//! person reads, never raw JSON. Nested values take the shapes of the published enrich answer
//! examples (`shared/reference/zoominfo-legacy-openapi.yml`, `POST /enrich/contact` and
//! `POST /enrich/company`):
//!
//! | value | cell |
//! |---|---|
//! | `jobFunction: [{name, department}]` | `Executive (C-Suite)` |
//! | `externalUrls: [{type: "linkedin.com", url}]` | `linkedin: https://…; twitter: https://…` |
//! | `education: [{school, educationDegree: {degree, areaOfStudy}}]` | `Oxford University (comparative law)` |
//! | `employmentHistory: [{jobTitle, fromDate, toDate, company: {companyName}}]` | `VP of Data at iProfile (2002–2006)` |
//! | `descriptionList: [{description}]` | the descriptions |
//! | `sicCodes: [{id, name}]`, `techSkills` | `Business Services (73)` |
//! | `industries: ["Software", …]`, `managementLevel` | `Software; Media & Internet` |
//!
//! Lists are joined with "; ", empty parts dropped; other objects read as `key: value` pairs.

use serde_json::{Map, Value};

/// Joins the items of a list in one cell.
const LIST_SEPARATOR: &str = "; ";

/// A record value as cell text ("" for null and empty lists).
pub fn readable(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::Array(items) => join(items.iter().map(readable)),
        Value::Object(object) => object_text(object),
    }
}

/// `94.0` → "94": whole numbers without a fraction, others as written.
fn number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

fn join(parts: impl Iterator<Item = String>) -> String {
    parts
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// A scalar member as text ("" when missing, null or not a scalar).
fn text(object: &Map<String, Value>, key: &str) -> String {
    match object.get(key) {
        Some(value @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => readable(value),
        _ => String::new(),
    }
}

/// "main (detail)", or whichever of the two is there.
fn with_detail(main: String, detail: String) -> String {
    match (main.is_empty(), detail.is_empty()) {
        (false, false) => format!("{main} ({detail})"),
        (false, true) => main,
        (true, _) => detail,
    }
}

/// "linkedin.com" → "linkedin"; "LinkedIn" stays.
fn site_name(kind: &str) -> &str {
    kind.split('.').next().unwrap_or(kind)
}

/// The year of "2002-01-02T00:00:00.000Z" or "1/5/2020 2:59 PM".
fn year(date: &str) -> String {
    date.split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 4)
        .unwrap_or_default()
        .to_string()
}

fn object_text(object: &Map<String, Value>) -> String {
    let has = |key: &str| object.contains_key(key);
    if has("url") && has("type") {
        let url = text(object, "url");
        let site = text(object, "type");
        return match (site.is_empty(), url.is_empty()) {
            (false, false) => format!("{}: {url}", site_name(&site)),
            _ => url,
        };
    }
    if has("school") {
        let degree = object
            .get("educationDegree")
            .and_then(Value::as_object)
            .map(|d| {
                [text(d, "degree"), text(d, "areaOfStudy")]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        return with_detail(text(object, "school"), degree);
    }
    if has("jobTitle") && (has("company") || has("fromDate")) {
        return employment(object);
    }
    if has("description") && object.len() == 1 {
        return text(object, "description");
    }
    if has("name") {
        let name = text(object, "name");
        // A job function names its department; a code (SIC, NAICS, skill) its id.
        let detail = match object.get("department") {
            Some(_) => text(object, "department"),
            None => text(object, "id"),
        };
        return with_detail(name, detail);
    }
    // Anything else: its non-empty members as "key: value".
    join(object.iter().filter_map(|(key, value)| {
        let shown = readable(value);
        (!shown.is_empty()).then(|| format!("{key}: {shown}"))
    }))
}

/// "VP of Data at iProfile (2002–2006)".
fn employment(job: &Map<String, Value>) -> String {
    let title = text(job, "jobTitle");
    let company = job
        .get("company")
        .and_then(Value::as_object)
        .map(|c| {
            let name = text(c, "companyName");
            if name.is_empty() {
                text(c, "name")
            } else {
                name
            }
        })
        .unwrap_or_default();
    let who = match (title.is_empty(), company.is_empty()) {
        (false, false) => format!("{title} at {company}"),
        (false, true) => title,
        (true, _) => company,
    };
    let (from, to) = (year(&text(job, "fromDate")), year(&text(job, "toDate")));
    let years = match (from.is_empty(), to.is_empty()) {
        (false, false) if from == to => from,
        (false, false) => format!("{from}–{to}"),
        (false, true) => format!("{from}–"),
        (true, false) => format!("–{to}"),
        (true, true) => String::new(),
    };
    with_detail(who, years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Values as the published contact enrich answer example writes them.
    #[test]
    fn nested_values_of_the_published_example_read_as_text() {
        let cases = [
            (
                json!([{"name": "Executive", "department": "C-Suite"}]),
                "Executive (C-Suite)",
            ),
            (
                json!([{"name": "Sales", "department": "Sales"}, {"name": "Operations", "department": ""}]),
                "Sales (Sales); Operations",
            ),
            (
                json!([
                    {"type": "linkedin.com", "url": "https://www.linkedin.com/in/hschuck"},
                    {"type": "twitter.com", "url": "https://www.twitter.com/henrylschuck"}
                ]),
                "linkedin: https://www.linkedin.com/in/hschuck; twitter: https://www.twitter.com/henrylschuck",
            ),
            (
                json!([
                    {"school": "University of Nevada , Las Vegas", "educationDegree": {"degree": "", "areaOfStudy": ""}},
                    {"school": "Oxford University", "educationDegree": {"degree": "comparative law", "areaOfStudy": ""}}
                ]),
                "University of Nevada , Las Vegas; Oxford University (comparative law)",
            ),
            (
                json!([{
                    "jobTitle": "Vice President of Data and Marketing",
                    "managementLevel": ["VP-Level"],
                    "fromDate": "2002-01-02T00:00:00.000Z",
                    "toDate": "2006-01-02T00:00:00.000Z",
                    "company": {"companyId": 0, "companyName": "iProfile", "companyPhone": "", "companyWebsite": ""}
                }]),
                "Vice President of Data and Marketing at iProfile (2002–2006)",
            ),
            (
                json!([{"description": "ZoomInfo was founded in 2000."}, {"description": " Built over 20 years ago. "}]),
                "ZoomInfo was founded in 2000.; Built over 20 years ago.",
            ),
            (
                json!([{"id": "73", "name": "Business Services"}, {"id": "517110", "name": ""}]),
                "Business Services (73); 517110",
            ),
            (
                json!(["Data Collection & Internet Portals", "Software", ""]),
                "Data Collection & Internet Portals; Software",
            ),
            (json!(["C-Level"]), "C-Level"),
            (json!([]), ""),
            (json!(94.0), "94"),
            (json!(96), "96"),
            (json!(2.5), "2.5"),
            (json!("false"), "false"),
            (json!(false), "false"),
            (json!(null), ""),
            (json!({"oneYearGrowthRate": "12.5", "twoYearGrowthRate": ""}), "oneYearGrowthRate: 12.5"),
        ];
        for (value, cell) in cases {
            assert_eq!(readable(&value), cell, "{value}");
        }
    }

    #[test]
    fn no_cell_is_raw_json() {
        let value = json!([{"a": {"b": [1, {"c": "d"}]}}, [["x"]]]);
        let cell = readable(&value);
        assert!(!cell.contains('{') && !cell.contains('['), "{cell}");
    }
}
