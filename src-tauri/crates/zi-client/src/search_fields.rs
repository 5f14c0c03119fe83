//! The criteria a legacy search takes, typed as ZoomInfo publishes them.
//!
//! Source: the "Input params" tables in the descriptions of `POST /search/contact` and
//! `POST /search/company` (`tests/conformance/spec/zoominfo-legacy-openapi.yml`, from line 71
//! and line 2213). `tests/search_fields.rs` compares these tables with the published ones, so a
//! field, a type or a rule for several values cannot drift from the description. The command
//! line's `--field` and the app's search filters both go through [`criteria_for`].

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::model::{RecordKind, SearchCriteria};

/// How a criterion's value travels in the request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ValueType {
    /// A JSON string.
    Text,
    /// A JSON integer.
    Integer,
    /// A JSON `true`/`false`.
    Boolean,
    /// A JSON array of strings.
    List,
}

/// How several values of one text criterion are written, as its description says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Several {
    /// One value only.
    One,
    /// Joined with ` OR ` ("Use `OR` to input multiple job titles").
    Or,
    /// Joined with commas ("Can include a comma-separated list").
    Comma,
}

/// One search criterion: its name, type, and the values it accepts when the spec lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchField {
    pub name: &'static str,
    pub value_type: ValueType,
    pub several: Several,
    /// The only values accepted, when the description enumerates them.
    pub choices: &'static [&'static str],
}

const fn field(name: &'static str, value_type: ValueType, several: Several) -> SearchField {
    SearchField {
        name,
        value_type,
        several,
        choices: &[],
    }
}
const fn one(name: &'static str) -> SearchField {
    field(name, ValueType::Text, Several::One)
}
const fn or(name: &'static str) -> SearchField {
    field(name, ValueType::Text, Several::Or)
}
const fn comma(name: &'static str) -> SearchField {
    field(name, ValueType::Text, Several::Comma)
}
const fn integer(name: &'static str) -> SearchField {
    field(name, ValueType::Integer, Several::One)
}
const fn boolean(name: &'static str) -> SearchField {
    field(name, ValueType::Boolean, Several::One)
}
const fn list(name: &'static str) -> SearchField {
    field(name, ValueType::List, Several::One)
}
const fn choice(name: &'static str, choices: &'static [&'static str]) -> SearchField {
    SearchField {
        choices,
        ..one(name)
    }
}

/// `sortOrder`: "Valid values are `asc`, `ascending`, `desc`, and `descending`."
const SORT_ORDERS: &[&str] = &["asc", "ascending", "desc", "descending"];
/// `locationSearchType`: "Values are `PersonOrHQ`, `PersonAndHQ`, `Person`, `HQ`, `PersonThenHQ`."
pub const LOCATION_SEARCH_TYPES: &[&str] =
    &["PersonOrHQ", "PersonAndHQ", "Person", "HQ", "PersonThenHQ"];
/// `hasBeenNotified`: "Values are `exclude`, `include`, and `only`."
const NOTIFIED: &[&str] = &["exclude", "include", "only"];
/// `companyPastOrPresent`: "Values are `present` (default), `past`, and `pastAndPresent`."
const PAST_OR_PRESENT: &[&str] = &["present", "past", "pastAndPresent"];

/// `POST /search/contact`, "Input params" (paging fields `rpp`/`page` are the client's own).
const CONTACT: &[SearchField] = &[
    choice("sortOrder", SORT_ORDERS),
    one("sortBy"),
    comma("personId"),
    one("emailAddress"),
    list("supplementalEmail"),
    one("hashedEmail"),
    list("phone"),
    one("fullName"),
    one("firstName"),
    one("middleInitial"),
    one("lastName"),
    or("jobTitle"),
    comma("excludeJobTitle"),
    one("managementLevel"),
    one("excludeManagementLevel"),
    one("department"),
    one("boardMember"),
    boolean("excludePartialProfiles"),
    boolean("executivesOnly"),
    comma("requiredFields"),
    one("contactAccuracyScoreMin"),
    one("contactAccuracyScoreMax"),
    one("jobFunction"),
    one("lastUpdatedDateAfter"),
    one("validDateAfter"),
    integer("lastUpdatedInMonths"),
    choice("hasBeenNotified", NOTIFIED),
    choice("companyPastOrPresent", PAST_OR_PRESENT),
    one("school"),
    one("degree"),
    list("locationCompanyId"),
    comma("companyId"),
    or("companyName"),
    one("companyWebsite"),
    list("companyTicker"),
    one("companyDescription"),
    one("parentId"),
    one("ultimateParentId"),
    one("companyType"),
    one("address"),
    one("street"),
    one("state"),
    one("zipCode"),
    one("country"),
    one("continent"),
    one("zipCodeRadiusMiles"),
    comma("hashTagString"),
    one("techAttributeTagList"),
    one("subUnitTypes"),
    boolean("primaryIndustriesOnly"),
    comma("industryCodes"),
    comma("industryKeywords"),
    one("sicCodes"),
    one("naicsCodes"),
    integer("revenueMin"),
    integer("revenueMax"),
    comma("revenue"),
    one("employeeRangeMin"),
    one("employeeRangeMax"),
    comma("employeeCount"),
    one("companyRanking"),
    comma("metroRegion"),
    choice("locationSearchType", LOCATION_SEARCH_TYPES),
    integer("fundingAmountMin"),
    integer("fundingAmountMax"),
    one("fundingStartDate"),
    one("fundingEndDate"),
    comma("excludedRegions"),
    one("zoominfoContactsMin"),
    one("zoominfoContactsMax"),
    one("companyStructureIncludedSubUnitTypes"),
    one("oneYearEmployeeGrowthRateMin"),
    one("oneYearEmployeeGrowthRateMax"),
    one("twoYearEmployeeGrowthRateMin"),
    one("twoYearEmployeeGrowthRateMax"),
    one("positionStartDateMin"),
    one("positionStartDateMax"),
    list("webReferences"),
    boolean("filterByBuyingCommittee"),
    list("techSkills"),
    comma("yearsOfExperience"),
    one("engagementStartDate"),
    one("engagementEndDate"),
    list("engagementType"),
];

/// `POST /search/company`, "Input params".
const COMPANY: &[SearchField] = &[
    choice("sortOrder", SORT_ORDERS),
    one("sortBy"),
    comma("companyId"),
    one("companyName"),
    one("companyWebsite"),
    one("companyDescription"),
    one("parentId"),
    one("ultimateParentId"),
    list("companyTicker"),
    one("companyType"),
    list("businessModel"),
    one("address"),
    one("street"),
    or("state"),
    one("zipCode"),
    or("country"),
    one("continent"),
    one("zipCodeRadiusMiles"),
    comma("hashTagString"),
    one("techAttributeTagList"),
    one("subUnitTypes"),
    boolean("primaryIndustriesOnly"),
    comma("industryCodes"),
    or("industryKeywords"),
    one("sicCodes"),
    one("naicsCodes"),
    integer("revenueMin"),
    integer("revenueMax"),
    comma("revenue"),
    one("employeeRangeMin"),
    one("employeeRangeMax"),
    comma("employeeCount"),
    one("companyRanking"),
    comma("metroRegion"),
    choice("locationSearchType", LOCATION_SEARCH_TYPES),
    integer("fundingAmountMin"),
    integer("fundingAmountMax"),
    one("fundingStartDate"),
    one("fundingEndDate"),
    comma("excludedRegions"),
    one("zoominfoContactsMin"),
    one("zoominfoContactsMax"),
    one("companyStructureIncludedSubUnitTypes"),
    integer("certified"),
    boolean("excludeDefunctCompanies"),
    one("oneYearEmployeeGrowthRateMin"),
    one("oneYearEmployeeGrowthRateMax"),
    one("twoYearEmployeeGrowthRateMin"),
    one("twoYearEmployeeGrowthRateMax"),
    one("engagementStartDate"),
    one("engagementEndDate"),
    list("engagementType"),
];

/// Every criterion a search of `kind` takes.
pub fn search_fields(kind: RecordKind) -> &'static [SearchField] {
    match kind {
        RecordKind::Contact => CONTACT,
        RecordKind::Company => COMPANY,
    }
}

/// The criterion named `name` (any letter case).
pub fn search_field(kind: RecordKind, name: &str) -> Option<&'static SearchField> {
    let name = name.trim();
    search_fields(kind)
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name))
}

/// A criterion the API would refuse, said so that the user can correct it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CriterionError {
    #[error("'{field}' is not a {kind} search field{hint}")]
    UnknownField {
        kind: &'static str,
        field: String,
        hint: String,
    },
    #[error("{field} takes a whole number, not '{value}'")]
    NotANumber { field: &'static str, value: String },
    #[error("{field} takes true or false, not '{value}'")]
    NotABoolean { field: &'static str, value: String },
    #[error("{field} takes one of {choices}, not '{value}'")]
    NotAChoice {
        field: &'static str,
        value: String,
        choices: String,
    },
    #[error("{field} takes one value; it was given {count}")]
    OneValueOnly { field: &'static str, count: usize },
}

fn unknown(kind: RecordKind, name: &str) -> CriterionError {
    let lower = name.trim().to_ascii_lowercase();
    let close: Vec<&str> = search_fields(kind)
        .iter()
        .map(|f| f.name)
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            !lower.is_empty() && (n.contains(&lower) || lower.contains(&n))
        })
        .take(4)
        .collect();
    let hint = if close.is_empty() {
        format!("; `zi search {} --list-fields` lists them", kind.as_str())
    } else {
        format!("; did you mean {}?", close.join(" or "))
    };
    CriterionError::UnknownField {
        kind: kind.as_str(),
        field: name.trim().to_string(),
        hint,
    }
}

fn single<'v>(field: &SearchField, values: &[&'v str]) -> Result<&'v str, CriterionError> {
    match values {
        [value] => Ok(value),
        _ => Err(CriterionError::OneValueOnly {
            field: field.name,
            count: values.len(),
        }),
    }
}

/// The JSON value of `field` given the values typed for it, in order.
fn typed_value(field: &SearchField, values: &[&str]) -> Result<Value, CriterionError> {
    Ok(match (field.value_type, field.several) {
        (ValueType::List, _) => Value::Array(values.iter().map(|v| Value::from(*v)).collect()),
        (ValueType::Integer, _) => {
            let value = single(field, values)?;
            let digits: String = value.chars().filter(|c| !matches!(c, ',' | '_')).collect();
            digits
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| CriterionError::NotANumber {
                    field: field.name,
                    value: value.to_string(),
                })?
        }
        (ValueType::Boolean, _) => {
            let value = single(field, values)?;
            match value.to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Value::Bool(true),
                "false" | "no" | "0" => Value::Bool(false),
                _ => {
                    return Err(CriterionError::NotABoolean {
                        field: field.name,
                        value: value.to_string(),
                    })
                }
            }
        }
        (ValueType::Text, Several::One) => Value::from(chosen(field, single(field, values)?)?),
        (ValueType::Text, Several::Or) => Value::from(values.join(" OR ")),
        (ValueType::Text, Several::Comma) => Value::from(values.join(",")),
    })
}

/// The value written as the description spells it, when the field has a fixed set.
fn chosen(field: &SearchField, value: &str) -> Result<String, CriterionError> {
    if field.choices.is_empty() {
        return Ok(value.to_string());
    }
    field
        .choices
        .iter()
        .find(|c| c.eq_ignore_ascii_case(value))
        .map(|c| c.to_string())
        .ok_or_else(|| CriterionError::NotAChoice {
            field: field.name,
            value: value.to_string(),
            choices: field.choices.join(", "),
        })
}

/// The request body's criteria for `(name, value)` pairs as typed by the user: names matched
/// to the published ones (any case), repeated names combined as their field says, each value
/// typed as the field's table declares.
pub fn criteria_for(
    kind: RecordKind,
    pairs: &[(String, String)],
) -> Result<SearchCriteria, CriterionError> {
    let mut grouped: Vec<(&'static SearchField, Vec<&str>)> = Vec::new();
    for (name, value) in pairs {
        let field = search_field(kind, name).ok_or_else(|| unknown(kind, name))?;
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match grouped.iter_mut().find(|(f, _)| f.name == field.name) {
            Some((_, values)) => values.push(value),
            None => grouped.push((field, vec![value])),
        }
    }
    let mut body = Map::new();
    for (field, values) in grouped {
        body.insert(field.name.to_string(), typed_value(field, &values)?);
    }
    Ok(body)
}

/// A search criterion as the app's filters see it (exported to the UI by `cargo test`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchFieldSpec {
    pub name: String,
    pub value_type: ValueType,
    pub several: Several,
    pub choices: Vec<String>,
}

impl From<&SearchField> for SearchFieldSpec {
    fn from(f: &SearchField) -> Self {
        SearchFieldSpec {
            name: f.name.to_string(),
            value_type: f.value_type,
            several: f.several,
            choices: f.choices.iter().map(|c| c.to_string()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn types_each_value_as_the_table_says() {
        let body = criteria_for(
            RecordKind::Contact,
            &pairs(&[
                ("jobtitle", "VP Sales"),
                ("jobTitle", "Director"),
                ("revenueMin", "1,000,000"),
                ("executivesOnly", "yes"),
                ("companyId", "1"),
                ("companyId", "2"),
                ("phone", "123 456 7890"),
                ("locationSearchType", "personandhq"),
            ]),
        )
        .expect("valid");
        assert_eq!(
            Value::Object(body),
            json!({
                "jobTitle": "VP Sales OR Director",
                "revenueMin": 1_000_000,
                "executivesOnly": true,
                "companyId": "1,2",
                "phone": ["123 456 7890"],
                "locationSearchType": "PersonAndHQ",
            })
        );
    }

    #[test]
    fn refuses_what_the_api_would_refuse() {
        let err = |items: &[(&str, &str)]| {
            criteria_for(RecordKind::Company, &pairs(items))
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            err(&[("revenueMin", "lots")]),
            "revenueMin takes a whole number, not 'lots'"
        );
        assert!(err(&[("jobTitle", "CFO")]).contains("not a company search field"));
        assert!(err(&[("revenue_min", "1")]).contains("not a company search field"));
        assert!(err(&[("zipCode", "1"), ("zipCode", "2")]).contains("takes one value"));
        assert!(err(&[("locationSearchType", "Anywhere")]).contains("PersonOrHQ"));
        assert!(err(&[("excludeDefunctCompanies", "maybe")]).contains("true or false"));
    }

    #[test]
    fn suggests_close_names() {
        let message = criteria_for(RecordKind::Contact, &pairs(&[("title", "CFO")]))
            .expect_err("unknown")
            .to_string();
        assert!(message.contains("jobTitle"), "{message}");
    }
}
