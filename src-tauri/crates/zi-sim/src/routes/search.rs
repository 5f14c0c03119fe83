//! `POST /search/contact` and `POST /search/company`: free, paged, at most 1,000 records deep.

use std::cmp::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use super::{integer, lowercase_keys, parse_object, texts, JsonObject};
use crate::dataset::{normalize_domain, Company, Person};
use crate::error::{ApiError, ApiResult};
use crate::limits::{self, messages};
use crate::state::Shared;

/// Body keys that steer paging and sorting rather than filter.
const NON_CRITERIA: &[&str] = &["rpp", "page", "sortby", "sortorder", "outputfields"];

const CONTACT_CRITERIA: &[&str] = &[
    "firstname",
    "lastname",
    "fullname",
    "jobtitle",
    "managementlevel",
    "department",
    "companyname",
    "companyid",
    "companywebsite",
    "emailaddress",
    "personid",
    "state",
    "country",
    "city",
    "zipcode",
    "executivesonly",
    "revenuemin",
    "revenuemax",
    "employeerangemin",
    "employeerangemax",
];

const COMPANY_CRITERIA: &[&str] = &[
    "companyname",
    "companywebsite",
    "industrykeywords",
    "industry",
    "state",
    "country",
    "city",
    "companyid",
    "companyticker",
    "zipcode",
    "revenuemin",
    "revenuemax",
    "employeerangemin",
    "employeerangemax",
];

/// Criteria whose text may join several options with ` OR ` (the published tables say so of
/// `jobTitle` and `companyName`, and of a company's `state`, `country` and `industryKeywords`).
const OR_LISTS: &[&str] = &[
    "jobtitle",
    "companyname",
    "industrykeywords",
    "state",
    "country",
];

/// Criteria whose string values may list several comma-separated options.
/// (Not names or titles: "Director, Finance" is one title.)
const COMMA_LISTS: &[&str] = &[
    "personid",
    "managementlevel",
    "department",
    "state",
    "country",
    "city",
    "companyid",
    "emailaddress",
];

struct Paging {
    rpp: u64,
    page: u64,
    /// The deepest reachable record: legacy's 1,000, GTM's 10,000.
    depth: u64,
}

impl Paging {
    fn read(body: &JsonObject, depth: u64) -> ApiResult<Self> {
        let rpp = match body.get("rpp").filter(|v| !v.is_null()) {
            None => u64::from(limits::DEFAULT_RPP),
            Some(v) => integer(v)
                .filter(|n| (1..=u64::from(limits::MAX_RPP)).contains(n))
                .ok_or_else(|| ApiError::bad_request(messages::RPP_RANGE))?,
        };
        let page = match body.get("page").filter(|v| !v.is_null()) {
            None => 1,
            Some(v) => integer(v)
                .filter(|&n| n >= 1)
                .ok_or_else(|| ApiError::bad_request(messages::PAGE_RANGE))?,
        };
        // A page must start at or before the deepest reachable record.
        let first_record = (page - 1).checked_mul(rpp).and_then(|n| n.checked_add(1));
        if first_record.is_none_or(|n| n > depth) {
            return Err(ApiError::bad_request(messages::PAGINATION_DEPTH));
        }
        Ok(Self { rpp, page, depth })
    }

    /// This page's slice of `items`, never past the deepest reachable record.
    fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let cap = items.len().min(self.depth as usize);
        let start = ((self.page - 1) * self.rpp) as usize;
        let end = (start + self.rpp as usize).min(cap);
        items.get(start..end).unwrap_or(&[])
    }
}

/// Criteria keys (lower-cased) with their lower-cased, normalised values. Unknown keys and
/// empty values are dropped: an empty criteria list matches everything.
fn criteria(body: &JsonObject, known: &[&str]) -> Vec<(String, Vec<String>)> {
    lowercase_keys(body)
        .into_iter()
        .filter(|(k, _)| known.contains(&k.as_str()) && !NON_CRITERIA.contains(&k.as_str()))
        .map(|(k, v)| {
            let mut values: Vec<String> = texts(&v)
                .into_iter()
                .flat_map(|t| {
                    if COMMA_LISTS.contains(&k.as_str()) {
                        t.split(',').map(|p| p.trim().to_string()).collect()
                    } else if OR_LISTS.contains(&k.as_str()) {
                        t.split(" OR ").map(|p| p.trim().to_string()).collect()
                    } else {
                        vec![t]
                    }
                })
                .filter(|t| !t.is_empty())
                .map(|t| normalise(&k, &t))
                .collect();
            values.dedup();
            (k, values)
        })
        .filter(|(_, values)| !values.is_empty())
        .collect()
}

fn normalise(key: &str, value: &str) -> String {
    match key {
        "companywebsite" => normalize_domain(value),
        "country" => country_key(value),
        "managementlevel" => level_key(value),
        _ => value.to_lowercase(),
    }
}

/// Common country spellings onto the dataset's names.
fn country_key(s: &str) -> String {
    let s = s.trim().to_lowercase();
    match s.as_str() {
        "us" | "usa" | "u.s." | "u.s.a." | "united states of america" | "america" => {
            "united states"
        }
        "uk" | "gb" | "great britain" => "united kingdom",
        "de" | "deutschland" => "germany",
        "ca" => "canada",
        other => other,
    }
    .to_string()
}

/// `"VP-Level"`, `"vp level"` → `"vplevel"`; `"Directors"` → `"director"`.
fn level_key(s: &str) -> String {
    let k: String = s
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    k.strip_suffix('s').map(str::to_string).unwrap_or(k)
}

fn eq(field: &str, value: &str) -> bool {
    field.eq_ignore_ascii_case(value) || field.to_lowercase() == value
}

fn contains(field: &str, value: &str) -> bool {
    field.to_lowercase().contains(value)
}

/// Where a contact's location criteria look (`locationSearchType`: "Values are `PersonOrHQ`,
/// `PersonAndHQ`, `Person`, `HQ`, `PersonThenHQ`"). The description names no default; the
/// simulator looks at the person's own address unless told otherwise.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LocationSearch {
    Person,
    Hq,
    PersonOrHq,
    PersonAndHq,
    PersonThenHq,
}

impl LocationSearch {
    fn read(body: &JsonObject) -> Self {
        let value = lowercase_keys(body)
            .get("locationsearchtype")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        match value.as_str() {
            "hq" => Self::Hq,
            "personorhq" => Self::PersonOrHq,
            "personandhq" => Self::PersonAndHq,
            "personthenhq" => Self::PersonThenHq,
            _ => Self::Person,
        }
    }

    /// Whether `value` matches the person's or the head office's place, as asked.
    fn matches(self, person: &str, hq: Option<&str>, value: &str) -> bool {
        let at_person = eq(person, value);
        let at_hq = hq.is_some_and(|h| eq(h, value));
        match self {
            Self::Person => at_person,
            Self::Hq => at_hq,
            Self::PersonOrHq => at_person || at_hq,
            Self::PersonAndHq => at_person && at_hq,
            Self::PersonThenHq if person.is_empty() => at_hq,
            Self::PersonThenHq => at_person,
        }
    }
}

/// Whether `amount` lies within the `…Min`/`…Max` bound named by `key`.
fn within(key: &str, amount: i64, value: &str) -> bool {
    let Ok(bound) = value.replace(',', "").trim().parse::<i64>() else {
        return false;
    };
    if key.ends_with("min") {
        amount >= bound
    } else {
        amount <= bound
    }
}

fn contact_matches(
    crit: &[(String, Vec<String>)],
    place: LocationSearch,
    p: &Person,
    c: Option<&Company>,
) -> bool {
    crit.iter().all(|(key, values)| {
        values.iter().any(|v| match key.as_str() {
            "firstname" => eq(&p.first_name, v),
            "lastname" => eq(&p.last_name, v),
            "fullname" => contains(&p.full_name(), v),
            "jobtitle" => contains(&p.job_title, v),
            "managementlevel" => level_key(&p.management_level).starts_with(v.as_str()),
            "department" => contains(&p.department, v),
            "emailaddress" => eq(&p.email, v),
            "personid" => p.id.to_string() == *v,
            "state" => place.matches(&p.state, c.map(|c| c.state.as_str()), v),
            "country" => place.matches(
                &country_key(&p.country),
                c.map(|c| country_key(&c.country)).as_deref(),
                v,
            ),
            "city" => place.matches(&p.city, c.map(|c| c.city.as_str()), v),
            "zipcode" => place.matches(&p.zip_code, c.map(|c| c.zip_code.as_str()), v),
            "executivesonly" => v != "true" || is_executive(&p.management_level),
            "revenuemin" | "revenuemax" => c.is_some_and(|c| within(key, c.revenue, v)),
            "employeerangemin" | "employeerangemax" => {
                c.is_some_and(|c| within(key, c.employee_count, v))
            }
            "companyid" => p.company_id.to_string() == *v,
            "companyname" => c.is_some_and(|c| contains(&c.name, v)),
            "companywebsite" => c.is_some_and(|c| c.domain == *v),
            _ => true,
        })
    })
}

/// C-level and VP-level people count as executives.
fn is_executive(level: &str) -> bool {
    let level = level_key(level);
    level.starts_with("clevel") || level.starts_with("vp")
}

fn company_matches(crit: &[(String, Vec<String>)], c: &Company) -> bool {
    crit.iter().all(|(key, values)| {
        values.iter().any(|v| match key.as_str() {
            "companyname" => contains(&c.name, v),
            "companywebsite" => c.domain == *v,
            "industrykeywords" | "industry" => c.industries.iter().any(|i| contains(i, v)),
            "state" => eq(&c.state, v),
            "country" => eq(&c.country, v),
            "city" => eq(&c.city, v),
            "companyid" => c.id.to_string() == *v,
            "zipcode" => eq(&c.zip_code, v),
            "revenuemin" | "revenuemax" => within(key, c.revenue, v),
            "employeerangemin" | "employeerangemax" => within(key, c.employee_count, v),
            "companyticker" => c
                .ticker
                .as_deref()
                .is_some_and(|t| eq(t, v) || c.ticker_symbol().is_some_and(|s| eq(s, v))),
            _ => true,
        })
    })
}

/// `sortBy` (lower-cased) and whether `sortOrder` asks for descending.
fn sorting(body: &JsonObject) -> (String, bool) {
    let body = lowercase_keys(body);
    let get = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_lowercase()
    };
    (get("sortby"), get("sortorder").starts_with("desc"))
}

/// `maxResults` counts every match, `totalResults` the records on this page (the published
/// examples: `maxResults: 327, totalResults: 10, currentPage: 2`, spec line 32999).
fn page_response(total: usize, page: u64, data: Vec<Value>) -> Json<Value> {
    Json(json!({
        "maxResults": total,
        "totalResults": data.len(),
        "currentPage": page,
        "data": data,
    }))
}

/// A contact search hit: hints only, never the contact details (those cost an enrich).
fn contact_hit(p: &Person, c: Option<&Company>) -> Value {
    let has = |s: &str| !s.is_empty();
    json!({
        "id": p.id,
        "firstName": p.first_name,
        "middleName": p.middle_name,
        "lastName": p.last_name,
        "validDate": p.valid_date,
        "lastUpdatedDate": p.last_updated_date,
        "jobTitle": p.job_title,
        "contactAccuracyScore": p.contact_accuracy_score,
        "hasEmail": has(&p.email),
        "hasSupplementalEmail": p.has_supplemental_email,
        "hasDirectPhone": has(&p.phone),
        "hasMobilePhone": has(&p.mobile_phone),
        "hasCompanyIndustry": c.is_some_and(|c| has(&c.industry)),
        "hasCompanyPhone": c.is_some_and(|c| has(&c.phone)),
        "hasCompanyStreet": c.is_some_and(|c| has(&c.street)),
        "hasCompanyState": c.is_some_and(|c| has(&c.state)),
        "hasCompanyZipCode": c.is_some_and(|c| has(&c.zip_code)),
        "hasCompanyCountry": c.is_some_and(|c| has(&c.country)),
        "hasCompanyRevenue": c.is_some_and(|c| c.revenue > 0),
        "hasCompanyEmployeeCount": c.is_some_and(|c| c.employee_count > 0),
        "company": {
            "id": p.company_id,
            "name": c.map(|c| c.name.as_str()).unwrap_or(""),
        },
    })
}

pub(crate) async fn contacts(state: State<Arc<Shared>>, body: Bytes) -> ApiResult<Json<Value>> {
    contacts_to_depth(state, body, limits::MAX_SEARCH_DEPTH).await
}

/// A contact search whose pages reach record `depth` at most.
pub(crate) async fn contacts_to_depth(
    State(s): State<Arc<Shared>>,
    body: Bytes,
    depth: u64,
) -> ApiResult<Json<Value>> {
    let body = parse_object(&body)?;
    let paging = Paging::read(&body, depth)?;
    let crit = criteria(&body, CONTACT_CRITERIA);
    let place = LocationSearch::read(&body);
    let ds = &s.dataset;

    let mut hits: Vec<(&Person, Option<&Company>)> = ds
        .people()
        .iter()
        .map(|p| (p, ds.company_of(p)))
        .filter(|(p, c)| contact_matches(&crit, place, p, *c))
        .collect();

    let (sort_by, desc) = sorting(&body);
    let key_cmp = |a: &(&Person, Option<&Company>), b: &(&Person, Option<&Company>)| -> Ordering {
        let (pa, pb) = (a.0, b.0);
        match sort_by.as_str() {
            "firstname" => pa.first_name.cmp(&pb.first_name),
            "lastname" => pa.last_name.cmp(&pb.last_name),
            "jobtitle" => pa.job_title.cmp(&pb.job_title),
            "contactaccuracyscore" => pa.contact_accuracy_score.cmp(&pb.contact_accuracy_score),
            "companyname" => a.1.map(|c| &c.name).cmp(&b.1.map(|c| &c.name)),
            _ => Ordering::Equal,
        }
        .then(pa.id.cmp(&pb.id))
    };
    hits.sort_by(|a, b| if desc { key_cmp(b, a) } else { key_cmp(a, b) });

    let data = paging
        .slice(&hits)
        .iter()
        .map(|(p, c)| contact_hit(p, *c))
        .collect();
    Ok(page_response(hits.len(), paging.page, data))
}

pub(crate) async fn companies(state: State<Arc<Shared>>, body: Bytes) -> ApiResult<Json<Value>> {
    companies_to_depth(state, body, limits::MAX_SEARCH_DEPTH).await
}

/// A company search whose pages reach record `depth` at most.
pub(crate) async fn companies_to_depth(
    State(s): State<Arc<Shared>>,
    body: Bytes,
    depth: u64,
) -> ApiResult<Json<Value>> {
    let body = parse_object(&body)?;
    let paging = Paging::read(&body, depth)?;
    let crit = criteria(&body, COMPANY_CRITERIA);

    let mut hits: Vec<&Company> = s
        .dataset
        .companies()
        .iter()
        .filter(|c| company_matches(&crit, c))
        .collect();

    let (sort_by, desc) = sorting(&body);
    let key_cmp = |a: &&Company, b: &&Company| -> Ordering {
        match sort_by.as_str() {
            "name" | "companyname" => a.name.cmp(&b.name),
            "employeecount" => a.employee_count.cmp(&b.employee_count),
            "revenue" => a.revenue.cmp(&b.revenue),
            _ => Ordering::Equal,
        }
        .then(a.id.cmp(&b.id))
    };
    hits.sort_by(|a, b| if desc { key_cmp(b, a) } else { key_cmp(a, b) });

    let data = paging
        .slice(&hits)
        .iter()
        .map(|c| json!({ "id": c.id, "name": c.name }))
        .collect();
    Ok(page_response(hits.len(), paging.page, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paging(rpp: u64, page: u64) -> ApiResult<Paging> {
        let body = json!({ "rpp": rpp, "page": page });
        Paging::read(body.as_object().expect("object"), limits::MAX_SEARCH_DEPTH)
    }

    #[test]
    fn depth_limit_allows_record_1000_and_no_further() {
        assert!(paging(100, 10).is_ok());
        assert!(paging(100, 11).is_err());
        assert!(paging(30, 34).is_ok()); // starts at record 991
        assert!(paging(30, 35).is_err()); // starts at record 1,021
        assert!(paging(101, 1).is_err());
        assert!(paging(0, 1).is_err());
    }

    #[test]
    fn page_slices_stop_at_record_1000() {
        let items: Vec<u32> = (0..5_000).collect();
        let p = paging(30, 34).expect("paging");
        assert_eq!(p.slice(&items).len(), 10);
    }

    #[test]
    fn management_levels_match_loosely() {
        assert_eq!(level_key("Directors"), "director");
        assert_eq!(level_key("VP-Level"), "vplevel");
        assert!(level_key("VP-Level").starts_with(&level_key("vp")));
        assert!(!level_key("Non-Manager").starts_with(&level_key("manager")));
    }
}
