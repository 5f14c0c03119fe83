//! Values in the types the GTM spec gives them. The legacy handlers answer in legacy's types
//! (dates as "07/05/2020" or "6/19/2024 12:05 PM", booleans as "false", `jobFunction` as a
//! list, absent company facts as null); the spec's `ContactSearchResponseAttributes`,
//! `ContactEnrichResponseAttributes` and `ContactCompanyEnrich` want RFC 3339 dates
//! (`format: date-time`, `noticeProvidedDate` `format: date`), JSON booleans, `jobFunction`
//! as one `JobFunction` object, lists of industry codes, and no nulls.

use serde_json::{Map, Value};

/// Which answer the attributes go into: the two schemas type some fields differently.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Search,
    Enrich,
}

/// `format: date` in the spec (`ContactEnrichResponseAttributes.noticeProvidedDate`); every
/// other date attribute is `format: date-time`.
const DATE_ONLY: &[&str] = &["noticeProvidedDate"];
/// Lists in `ContactCompanyEnrich` that legacy may send as one object.
const LISTS: &[&str] = &[
    "primaryIndustryCode",
    "primarySubIndustryCode",
    "industryCodes",
];

pub(crate) fn conform(attributes: &mut Map<String, Value>, answer: Answer) {
    attributes.retain(|_, value| !value.is_null());
    let keys: Vec<String> = attributes.keys().cloned().collect();
    for key in keys {
        let Some(value) = attributes.get_mut(&key) else {
            continue;
        };
        if key.ends_with("Date") {
            match as_date(value, DATE_ONLY.contains(&key.as_str())) {
                Some(date) => *value = Value::String(date),
                None => {
                    attributes.remove(&key);
                }
            }
            continue;
        }
        match (key.as_str(), &mut *value) {
            (_, Value::String(text)) if text == "true" || text == "false" => {
                *value = Value::Bool(text == "true");
            }
            ("jobFunction", Value::Array(items)) => {
                *value = items.first().cloned().unwrap_or(Value::Object(Map::new()));
            }
            ("contactAccuracyScore", Value::Number(n)) if answer == Answer::Enrich => {
                *value = Value::String(n.to_string());
            }
            (key, single @ Value::Object(_)) if LISTS.contains(&key) => {
                *value = Value::Array(vec![single.take()]);
            }
            (_, Value::Object(nested)) => conform(nested, answer),
            _ => {}
        }
    }
}

/// A legacy date as RFC 3339 (or `YYYY-MM-DD`); `None` for an empty or unreadable one, which
/// GTM leaves out.
fn as_date(value: &Value, date_only: bool) -> Option<String> {
    let text = value.as_str()?.trim();
    let moment = chrono::NaiveDateTime::parse_from_str(text, "%m/%d/%Y %I:%M %p")
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%m/%d/%Y")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|d| d.naive_utc())
        })?;
    Some(if date_only {
        moment.date().format("%Y-%m-%d").to_string()
    } else {
        moment
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn legacy_values_take_the_spec_types() {
        let mut attributes = json!({
            "lastUpdatedDate": "07/05/2020", "validDate": "6/19/2024 12:05 PM",
            "noticeProvidedDate": "09/09/2019", "positionStartDate": "",
            "hasCanadianEmail": "false", "contactAccuracyScore": 96,
            "jobFunction": [{"name": "Finance", "department": "Finance"}],
            "company": {"primaryIndustryCode": {"id": "1", "name": "Retail"}, "industryCodes": null, "name": "Acme"}
        })
        .as_object()
        .cloned()
        .expect("object");
        conform(&mut attributes, Answer::Enrich);
        assert_eq!(
            Value::Object(attributes),
            json!({
                "lastUpdatedDate": "2020-07-05T00:00:00Z", "validDate": "2024-06-19T12:05:00Z",
                "noticeProvidedDate": "2019-09-09",
                "hasCanadianEmail": false, "contactAccuracyScore": "96",
                "jobFunction": {"name": "Finance", "department": "Finance"},
                "company": {"primaryIndustryCode": [{"id": "1", "name": "Retail"}], "name": "Acme"}
            })
        );
    }
}
