//! The match inputs ZoomInfo's Enrich API takes: which request field carries each, which
//! combinations identify one record, and how strong a key each combination makes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::RecordKind;

/// A match input the API understands (the snake_case names are what users type in
/// `--map COLUMN=input`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchInput {
    PersonId,
    Email,
    HashedEmail,
    Phone,
    FirstName,
    LastName,
    FullName,
    CompanyId,
    CompanyName,
    Website,
    Ticker,
    #[serde(rename = "linkedin")]
    LinkedIn,
    JobTitle,
    City,
    State,
    Country,
    ZipCode,
    Street,
}

/// Which kind of input a row's key rests on (strongest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KeyStrength {
    Id,
    Email,
    HashedEmail,
    Phone,
    NameAndCompany,
    Domain,
    Ticker,
    Name,
}

impl KeyStrength {
    /// The middle part of a key ("contact:email:…").
    pub(crate) fn tag(self) -> &'static str {
        match self {
            KeyStrength::Id => "id",
            KeyStrength::Email => "email",
            KeyStrength::HashedEmail => "hashed_email",
            KeyStrength::Phone => "phone",
            KeyStrength::NameAndCompany | KeyStrength::Name => "name",
            KeyStrength::Domain => "domain",
            KeyStrength::Ticker => "ticker",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the Enrich API accepts: the only place these facts live.
//
// Source: ZoomInfo legacy Enrich API docs, shared/docs/zoominfo-api.md (section "Enrich"):
//   contact inputs  `personId` | `emailAddress` | `hashedEmail` | `phone` |
//                   `firstName`+`lastName`+(`companyId`|`companyName`) |
//                   `fullName`+(`companyId`|`companyName`);
//   company inputs  `companyId` | `companyName` | `companyWebsite` | `companyTicker` |
//                   address fields.
// The names of the secondary fields (`jobTitle`, `externalURL` for a person; `companyPhone`,
// `companyStreet`, `companyCity`, `companyState`, `companyZipCode`, `companyCountry` for a
// company) are those of the published `matchPersonInput` / `matchCompanyInput` schemas.
// ---------------------------------------------------------------------------------------------

/// The contact input field that asks ZoomInfo for no one under this accuracy score ("Return
/// contacts that meet the minimum accuracy score or higher", contact enrich input table, legacy
/// spec line 8056; its range is `zi_client::limits::CONTACT_ACCURACY_MIN`).
pub(crate) const CONTACT_ACCURACY_MIN_FIELD: &str = "contactAccuracyScoreMin";

/// One match input and the request field that carries it, per kind (`None`: not accepted).
pub(crate) struct ApiInput {
    pub input: MatchInput,
    pub contact: Option<&'static str>,
    pub company: Option<&'static str>,
}

const fn api(
    input: MatchInput,
    contact: Option<&'static str>,
    company: Option<&'static str>,
) -> ApiInput {
    ApiInput {
        input,
        contact,
        company,
    }
}

/// Request field names per input and kind.
pub(crate) const API_INPUTS: [ApiInput; 18] = [
    api(MatchInput::PersonId, Some("personId"), None),
    api(MatchInput::Email, Some("emailAddress"), None),
    api(MatchInput::HashedEmail, Some("hashedEmail"), None),
    api(MatchInput::Phone, Some("phone"), Some("companyPhone")),
    api(MatchInput::FirstName, Some("firstName"), None),
    api(MatchInput::LastName, Some("lastName"), None),
    api(MatchInput::FullName, Some("fullName"), None),
    api(MatchInput::CompanyId, Some("companyId"), Some("companyId")),
    api(
        MatchInput::CompanyName,
        Some("companyName"),
        Some("companyName"),
    ),
    api(MatchInput::Website, None, Some("companyWebsite")),
    api(MatchInput::Ticker, None, Some("companyTicker")),
    api(MatchInput::LinkedIn, Some("externalURL"), None),
    api(MatchInput::JobTitle, Some("jobTitle"), None),
    api(MatchInput::City, None, Some("companyCity")),
    api(MatchInput::State, None, Some("companyState")),
    api(MatchInput::Country, None, Some("companyCountry")),
    api(MatchInput::ZipCode, None, Some("companyZipCode")),
    api(MatchInput::Street, None, Some("companyStreet")),
];

/// A combination of inputs that identifies one record on its own.
pub(crate) struct MatchRule {
    pub kind: RecordKind,
    pub strength: KeyStrength,
    /// Every group must be present; within a group the first usable input wins.
    pub needs: &'static [&'static [MatchInput]],
    /// Sent along when present (they narrow the match, and are part of the key).
    pub extras: &'static [MatchInput],
    /// Sent along when present but not part of the key: the needs already name one record,
    /// the companion helps ZoomInfo find it (a company's name with its website).
    pub companions: &'static [MatchInput],
    /// How the requirement reads in "the file needs …".
    pub describe: &'static str,
    /// Position in that sentence (most common first).
    pub shown: u8,
}

use MatchInput as I;

/// The identifying combinations per kind, strongest first (same source as [`API_INPUTS`]).
pub(crate) const MATCH_RULES: &[MatchRule] = &[
    MatchRule {
        kind: RecordKind::Contact,
        strength: KeyStrength::Id,
        needs: &[&[I::PersonId]],
        extras: &[],
        companions: &[],
        describe: "a ZoomInfo person ID",
        shown: 3,
    },
    MatchRule {
        kind: RecordKind::Contact,
        strength: KeyStrength::Email,
        needs: &[&[I::Email]],
        extras: &[],
        companions: &[],
        describe: "an Email",
        shown: 1,
    },
    MatchRule {
        kind: RecordKind::Contact,
        strength: KeyStrength::HashedEmail,
        needs: &[&[I::HashedEmail]],
        extras: &[],
        companions: &[],
        describe: "a Hashed email",
        shown: 4,
    },
    MatchRule {
        kind: RecordKind::Contact,
        strength: KeyStrength::Phone,
        needs: &[&[I::Phone]],
        extras: &[],
        companions: &[],
        describe: "a Phone",
        shown: 2,
    },
    MatchRule {
        kind: RecordKind::Contact,
        strength: KeyStrength::NameAndCompany,
        needs: &[
            &[I::FirstName],
            &[I::LastName],
            &[I::CompanyId, I::CompanyName],
        ],
        extras: &[],
        companions: &[],
        describe: "First name + Last name + Company",
        shown: 5,
    },
    MatchRule {
        kind: RecordKind::Contact,
        strength: KeyStrength::NameAndCompany,
        needs: &[&[I::FullName], &[I::CompanyId, I::CompanyName]],
        extras: &[],
        companions: &[],
        describe: "Full name + Company",
        shown: 6,
    },
    MatchRule {
        kind: RecordKind::Company,
        strength: KeyStrength::Id,
        needs: &[&[I::CompanyId]],
        extras: &[],
        companions: &[],
        describe: "a ZoomInfo company ID",
        shown: 4,
    },
    MatchRule {
        kind: RecordKind::Company,
        strength: KeyStrength::Domain,
        needs: &[&[I::Website]],
        extras: &[],
        // The name travels with the website in the same input (both are fields of one
        // `matchCompanyInput`); the domain alone stays the key, so the same company under
        // another spelling of its name is still bought once.
        companions: &[I::CompanyName],
        describe: "a Website (or domain)",
        shown: 1,
    },
    MatchRule {
        kind: RecordKind::Company,
        strength: KeyStrength::Ticker,
        needs: &[&[I::Ticker]],
        extras: &[],
        companions: &[],
        describe: "a Ticker",
        shown: 3,
    },
    MatchRule {
        kind: RecordKind::Company,
        strength: KeyStrength::Name,
        needs: &[&[I::CompanyName]],
        extras: &[I::Street, I::City, I::State, I::ZipCode, I::Country],
        companions: &[],
        describe: "a Company name",
        shown: 2,
    },
];

/// The rules of one kind, strongest first.
pub(crate) fn rules_for(kind: RecordKind) -> impl Iterator<Item = &'static MatchRule> {
    MATCH_RULES.iter().filter(move |r| r.kind == kind)
}

impl MatchInput {
    /// Every input, in the order the UI lists them.
    pub const ALL: [MatchInput; 18] = [
        I::PersonId,
        I::Email,
        I::HashedEmail,
        I::Phone,
        I::FirstName,
        I::LastName,
        I::FullName,
        I::CompanyId,
        I::CompanyName,
        I::Website,
        I::Ticker,
        I::LinkedIn,
        I::JobTitle,
        I::City,
        I::State,
        I::Country,
        I::ZipCode,
        I::Street,
    ];

    /// The request field that carries this input for `kind`; `None` when that kind cannot
    /// use it (e.g. a website when matching contacts).
    pub fn api_field(self, kind: RecordKind) -> Option<&'static str> {
        API_INPUTS
            .iter()
            .find(|a| a.input == self)
            .and_then(|a| match kind {
                RecordKind::Contact => a.contact,
                RecordKind::Company => a.company,
            })
    }

    /// The name users type (`--map "Mail=email"`), as serde writes it.
    pub fn name(self) -> &'static str {
        match self {
            I::PersonId => "person_id",
            I::Email => "email",
            I::HashedEmail => "hashed_email",
            I::Phone => "phone",
            I::FirstName => "first_name",
            I::LastName => "last_name",
            I::FullName => "full_name",
            I::CompanyId => "company_id",
            I::CompanyName => "company_name",
            I::Website => "website",
            I::Ticker => "ticker",
            I::LinkedIn => "linkedin",
            I::JobTitle => "job_title",
            I::City => "city",
            I::State => "state",
            I::Country => "country",
            I::ZipCode => "zip_code",
            I::Street => "street",
        }
    }

    /// For the UI.
    pub fn label(self) -> &'static str {
        match self {
            I::PersonId => "ZoomInfo person ID",
            I::Email => "Email",
            I::HashedEmail => "Hashed email",
            I::Phone => "Phone",
            I::FirstName => "First name",
            I::LastName => "Last name",
            I::FullName => "Full name",
            I::CompanyId => "ZoomInfo company ID",
            I::CompanyName => "Company name",
            I::Website => "Website",
            I::Ticker => "Ticker",
            I::LinkedIn => "LinkedIn URL",
            I::JobTitle => "Job title",
            I::City => "City",
            I::State => "State",
            I::Country => "Country",
            I::ZipCode => "ZIP code",
            I::Street => "Street",
        }
    }
}

/// Other spellings users type for an input (space-separated), read by [`MatchInput::parse`].
pub(crate) const INPUT_ALIASES: &[(MatchInput, &str)] = &[
    (I::PersonId, "personid zi_person_id zoominfo_person_id"),
    (I::Email, "e-mail email_address mail work_email"),
    (
        I::HashedEmail,
        "email_hash hash md5 sha1 sha256 sha512 email_sha256 email_sha512",
    ),
    (I::Phone, "telephone tel phone_number mobile direct_phone"),
    (I::FirstName, "first given_name fname"),
    (I::LastName, "last surname lname family_name"),
    (I::FullName, "contact_name"),
    (I::CompanyId, "zi_company_id zoominfo_company_id"),
    (
        I::CompanyName,
        "company account account_name organization organisation",
    ),
    (
        I::Website,
        "domain url web site company_website company_domain",
    ),
    (I::Ticker, "symbol stock_symbol stock_ticker ticker_symbol"),
    (I::LinkedIn, "linkedin_url linkedin_profile linked_in"),
    (I::JobTitle, "title position"),
    (I::State, "province region"),
    (I::ZipCode, "zip postal_code postcode plz"),
    (I::Street, "address street_address"),
];

/// A column of the file and the match input it feeds, if any: what row keys are built from,
/// whoever chose it (the column mapper, or a caller that knows its columns).
pub trait ColumnInput {
    /// 0-based position in the row.
    fn column(&self) -> usize;
    fn input(&self) -> Option<MatchInput>;
}

impl ColumnInput for (usize, MatchInput) {
    fn column(&self) -> usize {
        self.0
    }

    fn input(&self) -> Option<MatchInput> {
        Some(self.1)
    }
}

/// "an Email, a Phone, …, or Full name + Company": what identifies a record of this kind.
pub(crate) fn needed_inputs(kind: RecordKind) -> String {
    let mut rules: Vec<&MatchRule> = rules_for(kind).collect();
    rules.sort_by_key(|r| r.shown);
    join_or(&rules.iter().map(|r| r.describe).collect::<Vec<_>>())
}

// How a list of inputs reads in a sentence.

fn join_with(items: &[&str], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., end] => format!("{}{last}{end}", rest.join(", ")),
    }
}

pub(crate) fn join_or(items: &[&str]) -> String {
    join_with(items, if items.len() > 2 { ", or " } else { " or " })
}

pub(crate) fn join_and(items: &[&str]) -> String {
    join_with(items, " and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_fields_follow_the_docs() {
        use RecordKind::{Company, Contact};
        let cases = [
            (I::Email, Contact, Some("emailAddress")),
            (I::PersonId, Contact, Some("personId")),
            (I::HashedEmail, Contact, Some("hashedEmail")),
            (I::FullName, Contact, Some("fullName")),
            (I::CompanyName, Contact, Some("companyName")),
            (I::Website, Company, Some("companyWebsite")),
            (I::Ticker, Company, Some("companyTicker")),
            (I::CompanyId, Company, Some("companyId")),
            (I::Website, Contact, None),
            (I::Email, Company, None),
        ];
        for (input, kind, field) in cases {
            assert_eq!(input.api_field(kind), field, "{input:?} for {kind:?}");
        }
        // Every input appears once in the table, and every rule input can be sent.
        for input in MatchInput::ALL {
            assert_eq!(API_INPUTS.iter().filter(|a| a.input == input).count(), 1);
        }
        for rule in MATCH_RULES {
            let sent = rule.needs.iter().flat_map(|g| g.iter());
            for input in sent.chain(rule.extras).chain(rule.companions) {
                assert!(input.api_field(rule.kind).is_some(), "{input:?}");
            }
        }
    }

    #[test]
    fn key_strength_serializes_snake_case() {
        for (strength, json) in [
            (KeyStrength::NameAndCompany, "\"name_and_company\""),
            (KeyStrength::HashedEmail, "\"hashed_email\""),
        ] {
            assert_eq!(serde_json::to_string(&strength).expect("json"), json);
        }
    }
}
