//! Facts about ZoomInfo's GTM Data API that the client depends on. Change them here only.
//!
//! Source, unless a line says otherwise: the published description
//! `tests/conformance/spec/zoominfo-gtm-data-v1-openapi.json` (named "the spec" below), and
//! the notes in `shared/docs/zoominfo-api.md` ("the notes").

/// The spec's `servers[0].url`: every path below hangs off it.
pub const DEFAULT_BASE_URL: &str = "https://api.zoominfo.com/gtm";

/// The spec's only request and answer media type (JSON:API); the notes: other `Accept`
/// values get 406.
pub const MEDIA_TYPE: &str = "application/vnd.api+json";

/// The spec, `page[size]` of `/data/v1/{contacts,companies}/search`: `minimum 1, maximum 100`.
pub const MAX_PAGE_SIZE: u32 = 100;

/// The notes ("Deepest reachable page"): GTM refuses to page past 10,000 records.
pub const MAX_SEARCH_DEPTH: u32 = 10_000;

/// The spec, `ContactEnrichRequestAttributes.matchPersonInput` and
/// `CompanyEnrichRequestAttributes.matchCompanyInput`: `maxItems 25`.
pub const MAX_ENRICH_BATCH: usize = 25;

/// The notes ("Errors", "What users complain about"): the credit limit is refused with
/// HTTP 400 and this error code.
pub const CREDIT_LIMIT_CODE: &str = "PFAPI0011";

/// The `type` of an enrich answer's resource that found nothing: the spec's discriminator
/// mapping of `ContactEnrichResponseResourceUnion` / `CompanyEnrichResponseResourceUnion`.
pub const NO_MATCH_TYPE: &str = "NoMatch";

/// The spec's paths.
pub mod paths {
    pub const CONTACT_SEARCH: &str = "/data/v1/contacts/search";
    pub const COMPANY_SEARCH: &str = "/data/v1/companies/search";
    pub const CONTACT_ENRICH: &str = "/data/v1/contacts/enrich";
    pub const COMPANY_ENRICH: &str = "/data/v1/companies/enrich";
    pub const USAGE: &str = "/data/v1/users/usage";
}

/// The `data.type` of each request resource, as the spec's request examples spell them.
pub mod resource_types {
    pub const CONTACT_SEARCH: &str = "ContactSearch";
    pub const COMPANY_SEARCH: &str = "CompanySearch";
    pub const CONTACT_ENRICH: &str = "ContactEnrich";
    pub const COMPANY_ENRICH: &str = "CompanyEnrich";
}

/// The query parameters of a search page (the spec, `/data/v1/contacts/search` parameters).
pub const PAGE_NUMBER_PARAM: &str = "page[number]";
pub const PAGE_SIZE_PARAM: &str = "page[size]";

/// The `type` of the resources the API answers with (the spec's response examples:
/// `ContactSearchResponseResource`, `CompanySearchResponseResource`, `UsageResponseResource`).
pub mod answer_types {
    pub const CONTACT: &str = "Contact";
    pub const COMPANY: &str = "Company";
    pub const USAGE: &str = "UserUsage";
}

/// The output fields GTM's enrich takes, in the spec's order: the enums of
/// `ContactEnrichRequestAttributes.outputFields` and `CompanyEnrichRequestAttributes.outputFields`
/// (a name outside them is refused). `tests/gtm_facts.rs` checks them against the spec.
pub mod output_fields {
    pub const CONTACT: &[&str] = &[
        "city",
        "companyAlternateLogos",
        "companyCity",
        "companyContinent",
        "companyCountry",
        "companyDescription",
        "companyDivision",
        "companyEmployeeCount",
        "companyEmployeeGrowth",
        "companyEmployeeRange",
        "companyFax",
        "companyId",
        "companyIndustries",
        "companyIndustryCodes",
        "companyLogo",
        "companyNaicsCodes",
        "companyName",
        "companyPhone",
        "companyPrimaryIndustry",
        "companyPrimaryIndustryCode",
        "companyPrimarySubIndustryCode",
        "companyRanking",
        "companyRevenue",
        "companyRevenueNumeric",
        "companyRevenueRange",
        "companySicCodes",
        "companySocialMediaUrls",
        "companyState",
        "companyStreet",
        "companyTicker",
        "companyType",
        "companyWebsite",
        "companyZipCode",
        "contactAccuracyScore",
        "continent",
        "country",
        "directPhoneAlt",
        "directPhoneDoNotCall",
        "education",
        "email",
        "emailAlt",
        "employmentHistory",
        "engagements",
        "externalUrls",
        "firstName",
        "hasCanadianEmail",
        "hashedEmails",
        "id",
        "isDefunct",
        "jobFunction",
        "jobTitle",
        "lastName",
        "lastUpdatedDate",
        "locationCompanyId",
        "managementLevel",
        "metroArea",
        "middleName",
        "mobilePhone",
        "mobilePhoneAlt",
        "mobilePhoneDoNotCall",
        "noticeProvidedDate",
        "personHasMoved",
        "phone",
        "picture",
        "positionStartDate",
        "region",
        "salutation",
        "state",
        "street",
        "suffix",
        "supplementalEmail",
        "techSkills",
        "validDate",
        "withinCalifornia",
        "withinCanada",
        "withinEu",
        "yearsOfExperience",
        "zipCode",
    ];
    pub const COMPANY: &[&str] = &[
        "alternateLogos",
        "businessModel",
        "certificationDate",
        "certified",
        "city",
        "companyFunding",
        "companyStatus",
        "companyStatusDate",
        "competitors",
        "continent",
        "country",
        "createdDate",
        "departmentBudgets",
        "description",
        "domainList",
        "employeeCount",
        "employeeCountByDepartment",
        "employeeGrowth",
        "employeeRange",
        "engagements",
        "fax",
        "foundedYear",
        "id",
        "industries",
        "industryCodes",
        "isDefunct",
        "lastUpdatedDate",
        "locationCount",
        "locationMatch",
        "logo",
        "metroArea",
        "naicsCodes",
        "name",
        "numberOfContactsInZoomInfo",
        "parentId",
        "parentName",
        "phone",
        "primaryIndustry",
        "primaryIndustryCode",
        "primarySubIndustryCode",
        "products",
        "recentFundingAmount",
        "recentFundingDate",
        "revenue",
        "revenueRange",
        "sicCodes",
        "socialMediaUrls",
        "state",
        "street",
        "subUnitIndustries",
        "subUnitType",
        "ticker",
        "totalFundingAmount",
        "type",
        "ultimateParentEmployees",
        "ultimateParentId",
        "ultimateParentName",
        "ultimateParentRevenue",
        "website",
        "zipCode",
    ];
}
