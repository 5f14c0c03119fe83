//! Which ZoomInfo fields are fetched and which become output columns: only fields the
//! account's own list (its `/lookup/outputfields/{kind}/enrich`) offers and grants.

use serde_json::Value;
use zi_client::{OutputField, RecordKind};

use crate::cells::readable;

/// Asked for on every enrich, as far as the account grants them. Credits are charged per
/// record, not per field (ZoomInfo's Enrich docs, `shared/docs/zoominfo-api.md`), so one broad
/// set lets the cache answer any later choice of columns without buying the record again.
/// Every name is a published output field (`tests` checks them against the published list).
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
    "companyIndustries",
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

/// Columns appended when the user does not choose (`--fields`), as far as the account grants
/// them.
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

/// The output fields one account may request for one kind: its lookup's answer, or the
/// published list when the account could not be asked.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldList {
    pub kind: RecordKind,
    pub fields: Vec<OutputField>,
    /// False: the published list, every field taken as granted (the account was not asked).
    pub from_account: bool,
}

/// A column the account cannot have, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("'{given}' is not a ZoomInfo {kind} field.{hint} Fields you can append: {}.", .granted.join(", "))]
    Unknown {
        given: String,
        kind: &'static str,
        /// A sentence (with a leading space) pointing at where the value lives, or empty.
        hint: String,
        granted: Vec<String>,
    },
    #[error("'{field}' is not included in this ZoomInfo account's plan, so it cannot be appended. Fields you can append: {}.", .granted.join(", "))]
    NotGranted { field: String, granted: Vec<String> },
}

/// Values that live inside a published field rather than being one (`department` is part of
/// `jobFunction` in the published answer examples).
const INSIDE_OF: &[(&str, &str)] = &[
    ("department", "jobFunction"),
    ("linkedInUrl", "externalUrls"),
];

impl FieldList {
    /// The published list of `kind` (offline, or when the account's list cannot be read).
    pub fn published(kind: RecordKind) -> Self {
        FieldList {
            kind,
            fields: zi_client::published_output_fields(kind),
            from_account: false,
        }
    }

    /// The listed field of this name (any case).
    pub fn find(&self, name: &str) -> Option<&OutputField> {
        let name = name.trim();
        self.fields
            .iter()
            .find(|f| f.field_name.eq_ignore_ascii_case(name))
    }

    pub fn is_granted(&self, name: &str) -> bool {
        self.find(name).is_some_and(|f| f.access_granted)
    }

    /// Granted names, `id` left out (it is always the `zi_id` column).
    pub fn granted_names(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter(|f| f.access_granted && f.field_name != "id")
            .map(|f| f.field_name.clone())
            .collect()
    }

    /// The default columns the account grants.
    pub fn default_columns(&self) -> Vec<String> {
        let defaults = match self.kind {
            RecordKind::Contact => CONTACT_DEFAULT_COLUMNS,
            RecordKind::Company => COMPANY_DEFAULT_COLUMNS,
        };
        defaults
            .iter()
            .filter(|f| self.is_granted(f))
            .map(|f| f.to_string())
            .collect()
    }

    /// The columns to append: the defaults when none are asked for, else each asked-for name
    /// as the account spells it, once. A name that is not listed or not granted is refused.
    pub fn choose_columns(&self, asked: &[String]) -> Result<Vec<String>, FieldError> {
        if asked.is_empty() {
            return Ok(self.default_columns());
        }
        let mut columns: Vec<String> = Vec::with_capacity(asked.len());
        for given in asked {
            let field = self.find(given).ok_or_else(|| FieldError::Unknown {
                given: given.trim().to_string(),
                kind: self.kind.as_str(),
                hint: INSIDE_OF
                    .iter()
                    .find(|(inner, _)| inner.eq_ignore_ascii_case(given.trim()))
                    .filter(|(_, outer)| self.is_granted(outer))
                    .map(|(inner, outer)| format!(" The {inner} is part of '{outer}'."))
                    .unwrap_or_default(),
                granted: self.granted_names(),
            })?;
            if !field.access_granted {
                return Err(FieldError::NotGranted {
                    field: field.field_name.clone(),
                    granted: self.granted_names(),
                });
            }
            if !columns.contains(&field.field_name) {
                columns.push(field.field_name.clone());
            }
        }
        Ok(columns)
    }

    /// The fields to request: the broad set and the chosen `columns`, as far as granted.
    pub fn fetch_fields(&self, columns: &[String]) -> Vec<String> {
        let base = match self.kind {
            RecordKind::Contact => CONTACT_FETCH_FIELDS,
            RecordKind::Company => COMPANY_FETCH_FIELDS,
        };
        let mut fields: Vec<String> = Vec::new();
        for name in base
            .iter()
            .copied()
            .chain(columns.iter().map(String::as_str))
        {
            if let Some(field) = self.find(name).filter(|f| f.access_granted) {
                if !fields.contains(&field.field_name) {
                    fields.push(field.field_name.clone());
                }
            }
        }
        fields
    }
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
    value.map(readable).unwrap_or_default()
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
        assert_eq!(cell_text(&record, "jobFunction"), "Finance (Finance)");
        assert_eq!(cell_text(&record, "id"), "5");
        assert_eq!(cell_text(&record, "missing"), "");
    }

    fn account(granted: &[(&str, bool)]) -> FieldList {
        FieldList {
            kind: RecordKind::Contact,
            fields: granted
                .iter()
                .map(|(name, ok)| OutputField {
                    field_name: name.to_string(),
                    description: String::new(),
                    access_granted: *ok,
                })
                .collect(),
            from_account: true,
        }
    }

    #[test]
    fn only_listed_and_granted_fields_are_fetched_or_offered() {
        let list = account(&[
            ("id", true),
            ("firstName", true),
            ("email", true),
            ("mobilePhone", false),
            ("jobFunction", true),
            ("techSkills", false),
        ]);
        assert_eq!(list.default_columns(), ["firstName", "email"]);
        let columns = list
            .choose_columns(&["EMAIL".into(), "jobFunction".into(), "email".into()])
            .expect("granted");
        assert_eq!(columns, ["email", "jobFunction"]);
        assert_eq!(
            list.fetch_fields(&columns),
            ["id", "firstName", "email", "jobFunction"]
        );
        assert_eq!(list.granted_names(), ["firstName", "email", "jobFunction"]);

        let refused = list
            .choose_columns(&["techSkills".into()])
            .expect_err("refused");
        assert_eq!(
            refused.to_string(),
            "'techSkills' is not included in this ZoomInfo account's plan, so it cannot be appended. Fields you can append: firstName, email, jobFunction."
        );
        let unknown = list
            .choose_columns(&[" department ".into()])
            .expect_err("refused");
        assert_eq!(
            unknown.to_string(),
            "'department' is not a ZoomInfo contact field. The department is part of 'jobFunction'. Fields you can append: firstName, email, jobFunction."
        );
    }

    #[test]
    fn the_built_in_lists_name_only_published_fields() {
        for kind in [RecordKind::Contact, RecordKind::Company] {
            let published = FieldList::published(kind);
            let (fetch, defaults) = match kind {
                RecordKind::Contact => (CONTACT_FETCH_FIELDS, CONTACT_DEFAULT_COLUMNS),
                RecordKind::Company => (COMPANY_FETCH_FIELDS, COMPANY_DEFAULT_COLUMNS),
            };
            for name in fetch.iter().chain(defaults) {
                assert!(
                    published.find(name).is_some(),
                    "{kind:?}: {name} is not published"
                );
            }
            assert_eq!(published.fetch_fields(&[]).len(), fetch.len());
        }
    }

    #[test]
    fn nested_values_become_readable_cells() {
        let record = json!({"jobFunction": [{"name": "Sales", "department": "Sales"}],
                            "externalUrls": [{"type": "linkedin.com", "url": "https://www.linkedin.com/in/ann"}],
                            "company": {"industries": ["Software", "Media & Internet"]}});
        assert_eq!(cell_text(&record, "jobFunction"), "Sales (Sales)");
        assert_eq!(
            cell_text(&record, "externalUrls"),
            "linkedin: https://www.linkedin.com/in/ann"
        );
        assert_eq!(
            cell_text(&record, "companyIndustries"),
            "Software; Media & Internet"
        );
    }

    #[test]
    fn columns_parse_from_a_comma_list() {
        assert_eq!(
            parse_columns(" email, phone ,,jobTitle"),
            vec!["email", "phone", "jobTitle"]
        );
    }
}
