//! The enrich output fields the published legacy API description lists: what is offered when
//! the account's own list (`/lookup/outputfields/{kind}/enrich`) cannot be read.
//!
//! Source: `shared/reference/zoominfo-legacy-openapi.yml`, the union of the "Output fields"
//! table in the description of `POST /enrich/contact` (line 8056) and `POST /enrich/company`
//! (line 9897), the example answers of the two lookups (lines 9397 and 10609), and the
//! request example of `POST /enrich/contact` (line 8095, the only place `mobilePhone` is
//! named; the description given here for it is ours). Descriptions are the lookups' where they
//! list the field, else the table's. `tests/spec_fields.rs` checks this list against the file.

use crate::model::{OutputField, RecordKind};

/// (field name, description) for contact enrich, in the order the spec lists them.
const CONTACT: &[(&str, &str)] = &[
    ("id", "Unique ZoomInfo identifier for the contact"),
    ("firstName", "Contact first name"),
    ("middleName", "Contact middle name"),
    ("lastName", "Contact last name"),
    ("email", "Work email address for the contact in example@example.com format"),
    ("hasCanadianEmail", "Indicates whether the contact's email address is associated with a Canada domain"),
    ("phone", "Contact direct phone number"),
    ("mobilePhone", "Contact mobile phone number"),
    ("directPhoneDoNotCall", "Contact flagged with do not call for direct phone"),
    ("street", "Street for the contact's work address"),
    ("city", "City for the contact's work address"),
    ("region", "State or province for the contact's work address"),
    ("metroArea", "Metro area for the contact's work address"),
    ("zipCode", "Zip Code or Postal Code for the contact's work address"),
    ("state", "State or province for the contact's work address"),
    ("country", "Country for the contact's work address"),
    ("continent", "Continent for the contact's work address"),
    ("personHasMoved", "Indicates ZoomInfo recognizes the contact does not match ZoomInfo's current company but does match known employment history"),
    ("withinEu", "Indicates whether the contact's work address is in Europe"),
    ("withinCalifornia", "Indicates whether the contact's work address is in California"),
    ("withinCanada", "Indicates whether the contact's work address is in Canada"),
    ("validDate", "Date on which the contact record was last validated"),
    ("lastUpdatedDate", "Date on which the contact record was last updated"),
    ("noticeProvidedDate", "Date on which the contact was notified of inclusion in ZoomInfo's database"),
    ("salutation", "Contact salutation"),
    ("suffix", "Contact suffix"),
    ("jobTitle", "Contact job title at current place of employment"),
    ("jobFunction", "Contact job function at current place of employment"),
    ("companyDivision", "Contact primary division name at current place of employment"),
    ("education", "Contact education details"),
    ("hashedEmails", "Contact MD5 encrypted email address(es)"),
    ("picture", "The URL which can be used to retrieve a photo for the contact"),
    ("techSkills", "List of technology skills identified for a contact"),
    ("mobilePhoneDoNotCall", "Contact flagged with do not call for mobile phone"),
    ("externalUrls", "Social media URLs for the contact (e.g., Facebook, Twitter, LinkedIn)"),
    ("companyId", "Unique ZoomInfo identifier for a company"),
    ("companyName", "Name of the contact's current company"),
    ("companyDescriptionList", "List of descriptions associated with the contact's current company"),
    ("companyPhone", "Phone number of the company's primary address"),
    ("companyFax", "Fax number of the company's primary address"),
    ("companyStreet", "Street of the company's primary address"),
    ("companyCity", "City of the company's primary address"),
    ("companyState", "State or province of the company's primary address"),
    ("companyZipCode", "Zip Code or Postal Code of the company's primary address"),
    ("companyCountry", "Country of the company's primary address"),
    ("companyContinent", "Continent of the company's primary address"),
    ("companyLogo", "The URL which can be used to retrieve the logo for the company"),
    ("companySicCodes", "Four-digit numerical codes assigned by the U.S. government to business establishments to identify the primary business of the establishment"),
    ("companyNaicsCodes", "Four-digit numerical codes assigned by the U.S. government to business establishments to identify the primary business of the establishment"),
    ("contactAccuracyScore", "This score indicates the likelihood that a contact is reachable and still employed by the company listed. Minimum score is 75 and maximum is 99."),
    ("companyWebsite", "URL to the company website in http://www.example.com format"),
    ("companyRevenue", "Company revenue (e.g., 400 Million)"),
    ("companyRevenueNumeric", "Company revenue in raw number (e.g., 400 million is expressed as 400000000)"),
    ("companyEmployeeCount", "Employee count range"),
    ("companyType", "Company type (private, public, and so on)"),
    ("companyTicker", "Company stock ticker symbol"),
    ("companyRanking", "Company ranking list (e.g., Fortune 500 and so on)"),
    ("isDefunct", "Indicates whether the company still exists"),
    ("companySocialMediaUrls", "Social media URLs for the company (e.g., Facebook, Twitter, LinkedIn)"),
    ("isCalifornia", ""),
    ("isCanada", ""),
    ("companyPrimaryIndustry", "Top-level industry for a company"),
    ("companyPrimaryIndustryCode", "Top-level industry code for a company"),
    ("companyPrimarySubIndustryCode", "Top-level sub industry code for a company"),
    ("companyIndustries", "The industry grouping for the company. A company can have multiple industries."),
    ("companyIndustryCodes", "The industry grouping codes for the company. A company can have multiple industry codes."),
    ("companyRevenueRange", "Revenue Range of the contact's current company"),
    ("companyEmployeeRange", "Employee Range of the contact's current company"),
    ("employmentHistory", "Contact employment history"),
    ("managementLevel", "Contact management level"),
    ("locationCompanyId", "Company Id of contact's location"),
    ("companyEmployeeGrowth", "Employee Growth of the contact's current company in the past two years."),
    ("positionStartDate", "The date on which the contact began their current employment"),
    ("yearsOfExperience", "Years of overall experience."),
    ("engagements", "List of the contact's engagements. Includes the date and type of each engagement"),
];

/// (field name, description) for company enrich, in the order the spec lists them.
const COMPANY: &[(&str, &str)] = &[
    ("id", "Unique ZoomInfo identifier for a company"),
    ("ticker", "Company public stock exchange ticker"),
    ("name", "Company name"),
    ("website", "Company website URL"),
    ("domainList", "List of domains associated with a company"),
    ("logo", "The URL which can be used to retrieve the logo for the company"),
    ("socialMediaUrls", "Social media URLs for the company (e.g., Facebook, Twitter, LinkedIn and so on)"),
    ("revenue", "Approximate yearly revenue for the company in 1000's. For example, a 100M company is expressed as 100000."),
    ("employeeCount", "Approximate number of people employed by the company"),
    ("numberOfContactsInZoomInfo", "Number of ZoomInfo contacts associated with company"),
    ("phone", "Phone number of the company's primary address"),
    ("fax", "Fax number of the company's primary address"),
    ("street", "Street of the company's primary address"),
    ("city", "City of the company's primary address"),
    ("state", "State or province of the company's primary address"),
    ("zipCode", "Zip Code or Postal Code of the company's primary address"),
    ("country", "Country of the company's primary address"),
    ("companyStatus", "Company status"),
    ("companyStatusDate", "Date of last company status update"),
    ("descriptionList", "List of descriptions associated with the company"),
    ("sicCodes", "Four-digit numerical codes assigned by the U.S. government to business establishments to identify the primary business of the establishment"),
    ("naicsCodes", "Four-digit numerical codes assigned by the U.S. government to business establishments to identify the primary business of the establishment"),
    ("competitors", "List of competitors"),
    ("ultimateParentId", "Ultimate parent company id (if exists)"),
    ("ultimateParentName", "Ultimate parent company name (if exists)"),
    ("ultimateParentRevenue", "Approximate yearly revenue for the ultimate parent company"),
    ("ultimateParentEmployees", "Approximate number of people employed by the ultimate parent company"),
    ("subUnitType", "Company sub unit types (e.g., division, subsidiary and so on)"),
    ("subUnitIndustries", "Company sub unit industries"),
    ("primaryIndustry", "Top-level industry for a company"),
    ("primaryIndustryCode", "Top-level industry code for a company"),
    ("primarySubIndustryCode", "Top-level sub industry code for a company"),
    ("industries", "The industry grouping for the company. A company can have multiple industries."),
    ("industryCodes", "The industry grouping codes for the company. A company can have multiple industry codes."),
    ("locationMatch", "Location of the matched company"),
    ("parentId", "ZoomInfo Company ID associated with the parent company"),
    ("parentName", "ZoomInfo Company Name associated with the parent company"),
    ("locationCount", "Number of office locations associated with a company"),
    ("metroArea", "Company metro area"),
    ("lastUpdatedDate", "Date on which the company record was last updated"),
    ("createdDate", "Date on which the company record was created"),
    ("certificationDate", "Date of certification"),
    ("certified", "Denotes if ZoomInfo's research and data team has confirmed activity within the past 12 months"),
    ("products", "List of products associated with a company"),
    ("revenueRange", "Revenue Range of the company"),
    ("employeeRange", "Employee Range of the company"),
    ("companyFunding", "List of funding rounds including date, type, amount and investors"),
    ("recentFundingAmount", "Most recent funding amount"),
    ("recentFundingDate", "Date of most recent funding"),
    ("totalFundingAmount", "Total funding to date"),
    ("employeeGrowth", "Employee Growth of the company in the past two years."),
    ("continent", "Continent of the company's primary address"),
    ("type", "Company type (private, public, and so on)"),
    ("foundedYear", "Founded year of the company."),
    ("businessModel", "Business Model for a company"),
    ("isDefunct", "Indicates whether the company still exists"),
    ("departmentBudgets", "Estimated department budgets. Returns estimated budget values including marketingBudget, financeBudget, itBudget and hrBudget."),
    ("employeeCountByDepartment", "Department employee count"),
    ("engagements", "List of the company's engagements. Includes the date and type of each engagement"),
    ("subUnitCodes", "Company sub unit codes"),
    ("hashtags", "List of hashtags associated with a company"),
    ("techAttributes", "Technology products currently utilized by a company. Organized by category, vendor, and product."),
];

/// The output fields GTM's enrich takes for `kind`, described as the legacy description does
/// where it lists the same name (GTM's spec names them without a description).
pub fn gtm_output_fields(kind: RecordKind) -> Vec<OutputField> {
    let (names, table) = match kind {
        RecordKind::Contact => (crate::gtm::facts::output_fields::CONTACT, CONTACT),
        RecordKind::Company => (crate::gtm::facts::output_fields::COMPANY, COMPANY),
    };
    names
        .iter()
        .map(|name| OutputField {
            field_name: name.to_string(),
            description: table
                .iter()
                .find(|(known, _)| known == name)
                .map_or_else(|| name.to_string(), |(_, d)| d.to_string()),
            access_granted: true,
        })
        .collect()
}

/// The published output fields of `kind`, every one taken as granted (the account was not asked).
pub fn published_output_fields(kind: RecordKind) -> Vec<OutputField> {
    let table = match kind {
        RecordKind::Contact => CONTACT,
        RecordKind::Company => COMPANY,
    };
    table
        .iter()
        .map(|(name, description)| OutputField {
            field_name: name.to_string(),
            description: description.to_string(),
            access_granted: true,
        })
        .collect()
}
