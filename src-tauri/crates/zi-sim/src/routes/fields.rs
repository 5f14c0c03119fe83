//! Enrich output fields: where each published name lands in a record and how it is rendered,
//! following the published examples (nested `company`, string and real booleans side by side,
//! `1/5/2020 2:59 PM` and `06/27/2020` date styles).

use serde_json::{json, Map, Value};

use super::output_fields;
use crate::account::RecordKind;
use crate::dataset::{Company, Dataset, Person};

/// Where a contact output field lands in the record.
#[derive(Clone, Copy)]
pub(crate) enum Slot {
    /// A top-level key of the person record.
    Person(&'static str),
    /// A key inside the record's nested `"company"` object.
    Company(&'static str),
}

/// A requested contact output field (any case) → its slot; `None` = not a published field.
/// Fields without a rule below sit at the top level under their published name.
pub(crate) fn contact_slot(name: &str) -> Option<Slot> {
    use Slot::{Company as C, Person as P};
    let listed = output_fields::listed(RecordKind::Person, name)?;
    Some(match listed {
        "companyId" => C("id"),
        "companyName" => C("name"),
        "companyWebsite" => C("website"),
        "companyPhone" => C("phone"),
        "companyFax" => C("fax"),
        "companyStreet" => C("street"),
        "companyCity" => C("city"),
        "companyState" => C("state"),
        "companyZipCode" => C("zipCode"),
        "companyCountry" => C("country"),
        "companyContinent" => C("continent"),
        "companyDescriptionList" => C("descriptionList"),
        "companyDivision" => C("division"),
        "companyLogo" => C("logo"),
        "companySicCodes" => C("sicCodes"),
        "companyNaicsCodes" => C("naicsCodes"),
        "companyRevenue" => C("revenue"),
        "companyRevenueNumeric" => C("revenueNumeric"),
        "companyEmployeeCount" => C("employeeCount"),
        "companyType" => C("type"),
        "companyTicker" => C("ticker"),
        "companyRanking" => C("ranking"),
        "companySocialMediaUrls" => C("socialMediaUrls"),
        "companyPrimaryIndustry" => C("primaryIndustry"),
        "companyPrimaryIndustryCode" => C("primaryIndustryCode"),
        "companyPrimarySubIndustryCode" => C("primarySubIndustryCode"),
        "companyIndustries" => C("industries"),
        "companyIndustryCodes" => C("industryCodes"),
        "companyRevenueRange" => C("revenueRange"),
        "companyEmployeeRange" => C("employeeRange"),
        "companyEmployeeGrowth" => C("employeeGrowth"),
        other => P(other),
    })
}

/// A requested company output field (any case) → its record key (the published name);
/// `None` = not a published field.
pub(crate) fn company_key(name: &str) -> Option<&'static str> {
    output_fields::listed(RecordKind::Company, name)
}

const EU: &[&str] = &["Germany"];

fn continent(country: &str) -> &'static str {
    match country {
        "United States" | "Canada" => "North America",
        _ => "Europe",
    }
}

/// `"7/12/2020 1:00 PM"` → `"07/12/2020"` (the short style of `noticeProvidedDate`).
fn short_date(long: &str) -> String {
    let date = long.split(' ').next().unwrap_or("");
    let mut parts = date.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(d), Some(y)) => format!("{m:0>2}/{d:0>2}/{y}"),
        _ => String::new(),
    }
}

fn person_value(key: &str, p: &Person, c: Option<&Company>) -> Value {
    let updated = if p.last_updated_date.is_empty() {
        &p.valid_date
    } else {
        &p.last_updated_date
    };
    match key {
        "id" => json!(p.id),
        "firstName" => json!(p.first_name),
        "middleName" => json!(p.middle_name),
        "lastName" => json!(p.last_name),
        "email" => json!(p.email),
        // A string boolean, exactly like the published example.
        "hasCanadianEmail" => json!(if p.email.ends_with(".ca") {
            "true"
        } else {
            "false"
        }),
        "phone" => json!(p.phone),
        "mobilePhone" => json!(p.mobile_phone),
        "directPhoneDoNotCall" | "mobilePhoneDoNotCall" | "isDefunct" => json!(false),
        "street" => json!(p.street),
        "city" | "metroArea" => json!(p.city),
        "region" | "state" => json!(p.state),
        "zipCode" => json!(p.zip_code),
        "country" => json!(p.country),
        "continent" => json!(continent(&p.country)),
        "personHasMoved" => json!(if p.street.is_empty() {
            "Uncertain"
        } else {
            "No"
        }),
        "withinEu" => json!(EU.contains(&p.country.as_str())),
        "withinCalifornia" => json!(p.state == "California"),
        "withinCanada" => json!(p.country == "Canada"),
        "validDate" => json!(p.valid_date),
        "lastUpdatedDate" => json!(short_date(updated)),
        "noticeProvidedDate" => json!(short_date(&p.valid_date)),
        "salutation" | "suffix" => json!(""),
        "jobTitle" => json!(p.job_title),
        "jobFunction" => json!([{ "name": p.job_function, "department": p.department }]),
        "managementLevel" => json!([p.management_level]),
        "externalUrls" => {
            if p.linkedin_url.is_empty() {
                json!([])
            } else {
                json!([{ "type": "linkedin.com", "url": p.linkedin_url }])
            }
        }
        "hashedEmails" => json!(crate::dataset::email_digests(&p.email)),
        "education" | "employmentHistory" | "techSkills" | "engagements" => json!([]),
        "picture" | "positionStartDate" | "yearsOfExperience" => json!(""),
        "isCalifornia" => json!(p.state == "California"),
        "isCanada" => json!(p.country == "Canada"),
        "contactAccuracyScore" => json!(p.contact_accuracy_score),
        "locationCompanyId" => json!(c.map(|c| c.id)),
        _ => Value::Null,
    }
}

/// `"$400 Million"` from thousands of USD.
fn revenue_text(thousands: i64) -> String {
    if thousands >= 1_000_000 {
        format!("${:.1} Billion", thousands as f64 / 1_000_000.0)
    } else if thousands >= 1_000 {
        format!("${} Million", thousands / 1_000)
    } else {
        format!("${thousands} Thousand")
    }
}

fn revenue_range(thousands: i64) -> &'static str {
    match thousands {
        ..1_000 => "Under $1 mil.",
        1_000..5_000 => "$1 mil. - $5 mil.",
        5_000..10_000 => "$5 mil. - $10 mil.",
        10_000..25_000 => "$10 mil. - $25 mil.",
        25_000..50_000 => "$25 mil. - $50 mil.",
        50_000..100_000 => "$50 mil. - $100 mil.",
        100_000..250_000 => "$100 mil. - $250 mil.",
        250_000..500_000 => "$250 mil. - $500 mil.",
        500_000..1_000_000 => "$500 mil. - $1 bil.",
        1_000_000..5_000_000 => "$1 bil. - $5 bil.",
        _ => "Over $5 bil.",
    }
}

fn employee_range(n: i64) -> &'static str {
    match n {
        ..20 => "10 - 20",
        20..50 => "20 - 50",
        50..100 => "50 - 100",
        100..250 => "100 - 250",
        250..500 => "250 - 500",
        500..1_000 => "500 - 1,000",
        1_000..5_000 => "1,000 - 5,000",
        5_000..10_000 => "5,000 - 10,000",
        _ => "Over 10,000",
    }
}

/// How `revenue` is written: contact enrich nests `"$400 Million"`, company enrich gives
/// thousands of USD as a number.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum RevenueStyle {
    Text,
    Thousands,
}

fn company_value(key: &str, c: &Company, ds: &Dataset, style: RevenueStyle) -> Value {
    match key {
        "id" => json!(c.id),
        "name" => json!(c.name),
        "website" => json!(c.website),
        "domainList" => json!([c.domain]),
        "phone" => json!(c.phone),
        "fax" | "division" | "logo" => json!(""),
        "street" => json!(c.street),
        "city" => json!(c.city),
        "state" => json!(c.state),
        "zipCode" => json!(c.zip_code),
        "country" => json!(c.country),
        "continent" => json!(continent(&c.country)),
        "revenue" if style == RevenueStyle::Text => json!(revenue_text(c.revenue)),
        "revenue" => json!(c.revenue),
        "revenueNumeric" => json!(c.revenue.saturating_mul(1_000)),
        "employeeCount" => json!(c.employee_count),
        "industries" => json!(c.industries),
        "primaryIndustry" => json!([c.industry]),
        "ticker" => json!(c.ticker.as_deref().unwrap_or("")),
        "type" => json!(c.company_type),
        "foundedYear" => json!(c.founded_year.to_string()),
        "revenueRange" => json!(revenue_range(c.revenue)),
        "employeeRange" => json!(employee_range(c.employee_count)),
        "numberOfContactsInZoomInfo" => json!(ds.people_at(c.id).len()),
        "descriptionList" => json!([{
            "description": format!(
                "{} is a {} company headquartered in {}, {}, founded in {}.",
                c.name, c.industry, c.city, c.state, c.founded_year
            )
        }]),
        "isDefunct" => json!(false),
        "socialMediaUrls" | "sicCodes" | "naicsCodes" | "ranking" => json!([]),
        _ => Value::Null,
    }
}

/// One enriched person: `id` always, the requested fields, and the requested company
/// fields nested in `"company"` (which then always carries `id` and `name`).
pub(crate) fn contact_record(fields: &[String], p: &Person, ds: &Dataset) -> Value {
    let c = ds.company_of(p);
    let mut record = Map::new();
    record.insert("id".into(), json!(p.id));
    let mut company = Map::new();
    for field in fields {
        match contact_slot(field) {
            Some(Slot::Person(key)) => {
                record.insert(key.into(), person_value(key, p, c));
            }
            Some(Slot::Company(key)) => {
                if let Some(c) = c {
                    company.insert(key.into(), company_value(key, c, ds, RevenueStyle::Text));
                }
            }
            None => {}
        }
    }
    if let (Some(c), false) = (c, company.is_empty()) {
        company.entry("id").or_insert_with(|| json!(c.id));
        company.entry("name").or_insert_with(|| json!(c.name));
        record.insert("company".into(), Value::Object(company));
    }
    Value::Object(record)
}

/// One enriched company: `id` always plus the requested fields.
pub(crate) fn company_record(fields: &[String], c: &Company, ds: &Dataset) -> Value {
    let mut record = Map::new();
    record.insert("id".into(), json!(c.id));
    for key in fields.iter().filter_map(|f| company_key(f)) {
        record.insert(
            key.into(),
            company_value(key, c, ds, RevenueStyle::Thousands),
        );
    }
    Value::Object(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_examples() {
        assert_eq!(short_date("6/7/2020 1:41 PM"), "06/07/2020");
        assert_eq!(revenue_text(400_000), "$400 Million");
        assert_eq!(revenue_range(400_000), "$250 mil. - $500 mil.");
        assert_eq!(employee_range(1_500), "1,000 - 5,000");
    }
}
