//! Which ZoomInfo fields are fetched and which become output columns.

use serde_json::Value;
use zi_client::RecordKind;

/// Asked for on every enrich. Credits are charged per record, not per field (ZoomInfo's
/// Enrich docs, `shared/docs/zoominfo-api.md`), so one broad set lets the cache answer any
/// later choice of columns without buying the record again.
const CONTACT_FETCH_FIELDS: &[&str] = &[
    "id",
    "firstName",
    "middleName",
    "lastName",
    "email",
    "phone",
    "mobilePhone",
    "jobTitle",
    "managementLevel",
    "jobFunction",
    "department",
    "street",
    "city",
    "state",
    "zipCode",
    "country",
    "externalUrls",
    "contactAccuracyScore",
    "validDate",
    "lastUpdatedDate",
    "companyId",
    "companyName",
    "companyWebsite",
    "companyPhone",
    "companyRevenue",
    "companyEmployeeCount",
    "companyPrimaryIndustry",
];
const COMPANY_FETCH_FIELDS: &[&str] = &[
    "id",
    "name",
    "website",
    "phone",
    "street",
    "city",
    "state",
    "zipCode",
    "country",
    "revenue",
    "revenueRange",
    "employeeCount",
    "employeeRange",
    "industries",
    "primaryIndustry",
    "ticker",
    "type",
    "foundedYear",
];

/// Columns appended when the user does not choose (`--fields`).
const CONTACT_DEFAULT_COLUMNS: &[&str] = &[
    "firstName",
    "lastName",
    "email",
    "phone",
    "mobilePhone",
    "jobTitle",
    "managementLevel",
    "companyName",
    "companyWebsite",
    "city",
    "state",
    "country",
    "contactAccuracyScore",
];
const COMPANY_DEFAULT_COLUMNS: &[&str] = &[
    "name",
    "website",
    "phone",
    "revenue",
    "employeeCount",
    "primaryIndustry",
    "city",
    "state",
    "country",
    "ticker",
];

pub fn default_columns(kind: RecordKind) -> Vec<String> {
    let list = match kind {
        RecordKind::Contact => CONTACT_DEFAULT_COLUMNS,
        RecordKind::Company => COMPANY_DEFAULT_COLUMNS,
    };
    list.iter().map(|f| f.to_string()).collect()
}

/// The fields to request: the broad set plus anything else the user asked for.
pub fn fetch_fields(kind: RecordKind, columns: &[String]) -> Vec<String> {
    let base = match kind {
        RecordKind::Contact => CONTACT_FETCH_FIELDS,
        RecordKind::Company => COMPANY_FETCH_FIELDS,
    };
    let mut fields: Vec<String> = base.iter().map(|f| f.to_string()).collect();
    for column in columns {
        if !fields.iter().any(|f| f.eq_ignore_ascii_case(column)) {
            fields.push(column.clone());
        }
    }
    fields
}

fn get_ci<'a>(object: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// A field of a record as cell text. `companyX` falls back to the nested `company.x`
/// (contact enrich nests the employer, as the published examples show).
pub fn cell_text(record: &Value, field: &str) -> String {
    let Some(object) = record.as_object() else {
        return String::new();
    };
    let value = get_ci(object, field).or_else(|| {
        let rest = field.strip_prefix("company").filter(|r| !r.is_empty())?;
        let company = get_ci(object, "company")?.as_object()?;
        get_ci(company, rest)
    });
    value.map(display).unwrap_or_default()
}

/// A stored record (the JSON the API sent); `None` for no record or an unreadable one.
pub fn stored_record(data: Option<&str>) -> Option<Value> {
    data.and_then(|d| serde_json::from_str(d).ok())
}

/// One cell per column from `record`, or blanks without one.
pub fn record_cells(record: Option<&Value>, columns: &[String]) -> Vec<String> {
    match record {
        Some(record) => columns.iter().map(|c| cell_text(record, c)).collect(),
        None => vec![String::new(); columns.len()],
    }
}

fn display(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Object(o) => o
                    .get("name")
                    .map(display)
                    .unwrap_or_else(|| item.to_string()),
                other => display(other),
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// Splits `--fields a,b , c` into names.
pub fn parse_columns(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn company_fields_fall_back_to_the_nested_company() {
        let record = json!({"id": 5, "jobTitle": "CFO", "company": {"id": 9, "name": "Acme", "website": "www.acme.com"},
                            "managementLevel": ["C-Level"], "jobFunction": [{"name": "Finance", "department": "Finance"}]});
        assert_eq!(cell_text(&record, "companyName"), "Acme");
        assert_eq!(cell_text(&record, "companyWebsite"), "www.acme.com");
        assert_eq!(cell_text(&record, "jobtitle"), "CFO");
        assert_eq!(cell_text(&record, "managementLevel"), "C-Level");
        assert_eq!(cell_text(&record, "jobFunction"), "Finance");
        assert_eq!(cell_text(&record, "id"), "5");
        assert_eq!(cell_text(&record, "missing"), "");
    }

    #[test]
    fn asked_for_fields_join_the_fetch_list_once() {
        let fields = fetch_fields(RecordKind::Contact, &["email".into(), "hashedEmail".into()]);
        assert_eq!(fields.iter().filter(|f| f.as_str() == "email").count(), 1);
        assert!(fields.contains(&"hashedEmail".to_string()));
        assert_eq!(
            parse_columns(" email, phone ,,jobTitle"),
            vec!["email", "phone", "jobTitle"]
        );
    }
}
