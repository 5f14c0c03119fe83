//! Which spreadsheet column feeds which ZoomInfo match input.
//!
//! Suggested from the headers (English and common European languages, compared without
//! accents, case, punctuation or spaces) and, for columns whose header says nothing, from the
//! values; corrected by the user's `COLUMN=input` overrides; checked before anything is spent.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::RecordKind;

use super::keys::{self, KeyStrength};

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

    /// Reads an input name as a user types it: the snake_case names, their labels and
    /// obvious aliases, ignoring case, accents, spaces and punctuation ("e-mail", "E-Mail",
    /// "first name", "zip"). "id" and "name" are ambiguous and not accepted.
    pub fn parse(text: &str) -> Option<MatchInput> {
        let wanted = compact(text);
        if wanted.is_empty() {
            return None;
        }
        if let Some(input) = MatchInput::ALL
            .iter()
            .copied()
            .find(|i| compact(i.name()) == wanted || compact(i.label()) == wanted)
        {
            return Some(input);
        }
        INPUT_ALIASES
            .iter()
            .find(|(_, aliases)| aliases.split_whitespace().any(|a| compact(a) == wanted))
            .map(|(input, _)| *input)
    }
}

/// Other spellings [`MatchInput::parse`] accepts (space-separated).
const INPUT_ALIASES: &[(MatchInput, &str)] = &[
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

/// How a column got its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MappingSource {
    /// Its header names the input.
    Header,
    /// Its values look like the input (the header said nothing).
    Content,
    /// The user chose (an input, or to ignore the column).
    User,
    /// Nothing is sent from this column.
    Unmapped,
}

/// What one column of the file feeds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnMapping {
    /// 0-based position in the row.
    pub column: usize,
    pub header: String,
    pub input: Option<MatchInput>,
    pub source: MappingSource,
    /// 0–100: how sure the suggestion is (100 for the user's choice, 0 when unmapped).
    pub confidence: u8,
    /// Up to 3 non-empty values of the column, for the UI.
    pub samples: Vec<String>,
}

impl ColumnMapping {
    /// The header as shown in messages ("Column 3" when the header is blank).
    pub fn display_name(&self) -> String {
        let header = self.header.trim();
        if header.is_empty() {
            format!("Column {}", self.column + 1)
        } else {
            header.to_string()
        }
    }
}

/// A mapping that cannot work, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("'{given}' is not a column mapping: write COLUMN=input, e.g. \"Work Email=email\" or \"#3=phone\" (COLUMN=none ignores a column).")]
    Syntax { given: String },
    #[error("There is no column '{given}'. Found columns: {}.", listing(.found))]
    UnknownColumn { given: String, found: Vec<String> },
    #[error("Several columns are named '{given}' ({}); pick one by number, e.g. \"#{}=email\".", numbers(.columns), .columns.first().copied().unwrap_or(1))]
    AmbiguousColumn { given: String, columns: Vec<usize> },
    #[error("'{given}' is not a match input. Use one of: {}.", .accepted.join(", "))]
    UnknownInput {
        given: String,
        accepted: Vec<String>,
    },
    #[error("Columns {first} and {second} are both mapped to {input}; map only one of them.")]
    DuplicateInput {
        first: String,
        second: String,
        input: String,
    },
    #[error("Column {column} is mapped to {input}, which cannot be used to match {}. Inputs for {}: {}.", plural(.kind), plural(.kind), .accepted.join(", "))]
    WrongKind {
        column: String,
        input: String,
        kind: RecordKind,
        accepted: Vec<String>,
    },
    #[error("Found columns: {}. To match {}, the file needs {needed}.{hint}", listing(.found), plural(.kind))]
    Unusable {
        kind: RecordKind,
        found: Vec<String>,
        needed: String,
        /// A sentence (with a leading space) on what is half there, or empty.
        hint: String,
    },
}

fn listing(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

fn numbers(columns: &[usize]) -> String {
    columns
        .iter()
        .map(|c| format!("#{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(kind: &RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "contacts",
        RecordKind::Company => "companies",
    }
}

// ---------------------------------------------------------------------------------------------
// Suggesting
// ---------------------------------------------------------------------------------------------

/// Confidence of a header found in the synonym table.
const EXACT: u8 = 95;
/// Values that must look alike for content detection to map a column.
const CONTENT_SHARE: f64 = 0.6;
/// Sample values kept per column for the UI, and their longest length.
const SAMPLES: usize = 3;
const SAMPLE_CHARS: usize = 60;

/// Suggests a mapping from the headers (English and common European languages) and, for
/// columns the header does not explain, from the sample rows (values that look like emails,
/// hex digests of e-mails, domains/URLs, phone numbers, LinkedIn URLs or numeric ZoomInfo
/// ids; at least 60% of the
/// non-empty samples must look alike). Each input goes to one column at most: the strongest
/// ("Work Email" over "Personal Email"), else the first; the others stay unmapped.
pub fn suggest(
    kind: RecordKind,
    headers: &[String],
    sample_rows: &[Vec<String>],
) -> Vec<ColumnMapping> {
    let width = sample_rows
        .iter()
        .map(Vec::len)
        .fold(headers.len(), usize::max);
    let mut mappings: Vec<ColumnMapping> = (0..width)
        .map(|column| ColumnMapping {
            column,
            header: headers.get(column).cloned().unwrap_or_default(),
            input: None,
            source: MappingSource::Unmapped,
            confidence: 0,
            samples: samples(sample_rows, column),
        })
        .collect();

    let guesses: Vec<Guess> = mappings
        .iter()
        .map(|m| guess_header(kind, &m.header))
        .collect();
    let by_header: Vec<(usize, MatchInput, u8)> = guesses
        .iter()
        .enumerate()
        .filter_map(|(column, g)| match g {
            Guess::Input(input, confidence) => Some((column, *input, *confidence)),
            _ => None,
        })
        .collect();
    assign(&mut mappings, by_header, MappingSource::Header);

    let by_content: Vec<(usize, MatchInput, u8)> = guesses
        .iter()
        .enumerate()
        .filter(|(_, g)| matches!(g, Guess::Unknown))
        .filter_map(|(column, _)| {
            guess_content(kind, sample_rows, column).map(|(input, c)| (column, input, c))
        })
        .collect();
    assign(&mut mappings, by_content, MappingSource::Content);
    mappings
}

/// Gives each input to its best candidate column (highest confidence, then leftmost), unless
/// a column already holds it.
fn assign(
    mappings: &mut [ColumnMapping],
    mut candidates: Vec<(usize, MatchInput, u8)>,
    source: MappingSource,
) {
    candidates.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    for (column, input, confidence) in candidates {
        let taken = mappings.iter().any(|m| m.input == Some(input));
        if let Some(m) = mappings.get_mut(column) {
            if !taken && m.input.is_none() {
                m.input = Some(input);
                m.source = source;
                m.confidence = confidence;
            }
        }
    }
}

fn samples(rows: &[Vec<String>], column: usize) -> Vec<String> {
    rows.iter()
        .filter_map(|r| r.get(column))
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .take(SAMPLES)
        .map(|v| {
            if v.chars().count() > SAMPLE_CHARS {
                let cut: String = v.chars().take(SAMPLE_CHARS - 1).collect();
                format!("{cut}…")
            } else {
                v.to_string()
            }
        })
        .collect()
}

/// What a header says about its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Guess {
    /// This input, this sure.
    Input(MatchInput, u8),
    /// A header we understand that feeds no input for this kind (e.g. "Fax", "Record ID",
    /// "Website" for contacts): its values are not guessed from either.
    Known,
    /// The header says nothing useful.
    Unknown,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Any,
    Contacts,
    Companies,
}

impl Scope {
    fn covers(self, kind: RecordKind) -> bool {
        match self {
            Scope::Any => true,
            Scope::Contacts => kind == RecordKind::Contact,
            Scope::Companies => kind == RecordKind::Company,
        }
    }
}

/// Headers recognised as they are, `|`-separated (compared accent-, case-, punctuation- and
/// space-blind).
const HEADER_SYNONYMS: &[(MatchInput, Scope, u8, &str)] = &[
    (
        I::Email,
        Scope::Any,
        EXACT,
        "Email|E-Mail|Mail|Email Address|Email Addr|Work Email|Work Email Address|\
         Business Email|Business Email Address|Corporate Email|Company Email|Office Email|\
         Professional Email|Primary Email|Contact Email|Email (Work)|Courriel|\
         Adresse courriel|Adresse e-mail|Adresse électronique|E-mail professionnel|Correo|\
         Correo electrónico|Dirección de correo|Dirección de correo electrónico|\
         E-Mail-Adresse|Mailadresse|E-Mail geschäftlich|Posta elettronica|Indirizzo email|\
         E-mailadres|E-post",
    ),
    (
        I::Email,
        Scope::Any,
        70,
        "Personal Email|Private Email|Home Email|Other Email|Secondary Email|\
         Alternate Email|Alt Email|Email 2|E-Mail privat",
    ),
    (
        I::HashedEmail,
        Scope::Any,
        EXACT,
        "Hashed Email|Email Hash|Hashed Email Address|Email Hashed|MD5 Email|Email MD5|\
         SHA1 Email|Email SHA1|SHA256 Email|Email SHA256|SHA512 Email|Email SHA512|\
         Hashed Email SHA256|Hashed Email SHA512|Email Address Hash|Email Address SHA256",
    ),
    // A column named after the algorithm alone holds digests; in a contact file, of e-mails.
    (
        I::HashedEmail,
        Scope::Contacts,
        80,
        "MD5|SHA1|SHA-1|SHA256|SHA-256|SHA512|SHA-512|Email Digest",
    ),
    (
        I::PersonId,
        Scope::Contacts,
        EXACT,
        "ZoomInfo ID|ZoomInfo Contact ID|ZoomInfo Person ID|Person ID|ZI Person ID|\
         ZI Contact ID|ZI ID|ZoomInfo Profile ID",
    ),
    (
        I::CompanyId,
        Scope::Companies,
        EXACT,
        "ZoomInfo Company ID|Company ID|ZI Company ID|ZoomInfo ID|ZI ID",
    ),
    (
        I::CompanyId,
        Scope::Contacts,
        EXACT,
        "ZoomInfo Company ID|ZI Company ID",
    ),
    (
        I::FirstName,
        Scope::Contacts,
        EXACT,
        "First Name|First|FName|Given Name|Forename|Vorname|Prénom|Nombre|Nome|Voornaam|\
         Primer nombre|Förnamn|Fornavn|Imię",
    ),
    (
        I::LastName,
        Scope::Contacts,
        EXACT,
        "Last Name|Last|LName|Surname|Family Name|Nachname|Familienname|Nom|Nom de famille|\
         Apellido|Apellidos|Cognome|Achternaam|Sobrenome|Efternamn|Etternavn|Nazwisko",
    ),
    (
        I::FullName,
        Scope::Contacts,
        EXACT,
        "Full Name|Name|Contact Name|Contact|Contact Full Name|Person Name|Person|Lead Name|\
         Prospect Name|Display Name|Naam|Volledige naam|Nom complet|Nombre completo|\
         Nome completo|Vollständiger Name",
    ),
    (
        I::CompanyName,
        Scope::Any,
        EXACT,
        "Company|Company Name|Account|Account Name|Organization|Organisation|\
         Organization Name|Organisation Name|Org|Org Name|Employer|Employer Name|\
         Current Company|Business Name|Firma|Firmenname|Unternehmen|Unternehmensname|\
         Société|Entreprise|Nom de l'entreprise|Nom de la société|Raison sociale|Empresa|\
         Nombre de la empresa|Razón social|Azienda|Nome azienda|Ragione sociale|Bedrijf|\
         Bedrijfsnaam|Organisatie",
    ),
    (
        I::CompanyName,
        Scope::Companies,
        EXACT,
        "Name|Nom|Nombre|Nome|Naam|Legal Name|Company Legal Name",
    ),
    (
        I::Website,
        Scope::Any,
        EXACT,
        "Website|Web Site|Website URL|Web|Web Address|Site|Homepage|Home Page|Domain|\
         Domain Name|Company Domain|Company Website|Company URL|Website Domain|URL|WWW|\
         Webseite|Internetseite|Site web|Site internet|Sitio web|Página web|Sito web|\
         Sito internet",
    ),
    (I::Website, Scope::Companies, 70, "Email Domain"),
    (
        I::Phone,
        Scope::Any,
        EXACT,
        "Phone|Phone Number|Direct Phone|Direct Phone Number|Direct Dial|Direct Line|\
         Work Phone|Business Phone|Office Phone|Contact Phone|Telephone|Telephone Number|Tel|\
         Telefon|Telefonnummer|Téléphone|Numéro de téléphone|Teléfono|Número de teléfono|\
         Telefono|Numero di telefono|Telefoon|Telefoonnummer",
    ),
    (
        I::Phone,
        Scope::Any,
        88,
        "Mobile|Mobile Phone|Mobile Number|Cell|Cell Phone|Handy|Mobil|Mobilnummer|Portable|\
         Téléphone portable|Móvil|Celular|Cellulare|Mobiel",
    ),
    (
        I::Phone,
        Scope::Contacts,
        60,
        "Company Phone|Company Phone Number|HQ Phone|Main Phone|Headquarters Phone|\
         Switchboard",
    ),
    (
        I::Phone,
        Scope::Companies,
        EXACT,
        "Company Phone|Company Phone Number|HQ Phone|Main Phone|Headquarters Phone|\
         Switchboard",
    ),
    (
        I::LinkedIn,
        Scope::Any,
        EXACT,
        "LinkedIn|LinkedIn URL|LinkedIn Profile|LinkedIn Profile URL|LinkedIn Link|\
         Person LinkedIn URL|Contact LinkedIn URL|LinkedIn-Profil",
    ),
    (
        I::Ticker,
        Scope::Any,
        EXACT,
        "Ticker|Ticker Symbol|Stock Symbol|Stock Ticker|Symbol|Company Ticker|Börsenkürzel",
    ),
    (
        I::JobTitle,
        Scope::Any,
        EXACT,
        "Job Title|Title|Position|Job Position|Job Role|Designation|Berufsbezeichnung|Titel|\
         Poste|Fonction|Intitulé du poste|Cargo|Puesto|Titolo|Ruolo|Functie|Functietitel",
    ),
    (
        I::City,
        Scope::Any,
        EXACT,
        "City|Town|Stadt|Ort|Ville|Ciudad|Città|Località|Plaats|Stad|Company City|HQ City|\
         Billing City",
    ),
    (
        I::State,
        Scope::Any,
        EXACT,
        "State|Region|Province|State/Province|State or Province|State/Region|Bundesland|\
         Provincia|Regione|Estado|Provincie|Company State|HQ State|Billing State",
    ),
    (
        I::Country,
        Scope::Any,
        EXACT,
        "Country|Country/Region|Country Name|Land|Pays|País|Paese|Nazione|Company Country|\
         HQ Country|Billing Country",
    ),
    (
        I::ZipCode,
        Scope::Any,
        EXACT,
        "Zip|Zip Code|ZIP/Postal Code|Postal Code|Postcode|Post Code|PLZ|Postleitzahl|\
         Code postal|CP|Código postal|CAP|Company Zip|HQ Zip|Billing Zip|Billing Postal Code",
    ),
    (
        I::Street,
        Scope::Any,
        EXACT,
        "Street|Street Address|Address|Address 1|Address Line 1|Straße|Adresse|Rue|Calle|\
         Dirección|Indirizzo|Via|Straat|Adres|Company Street|Company Address|HQ Address|\
         Billing Street|Billing Address",
    ),
];

/// What a header says about its column, for this kind.
fn guess_header(kind: RecordKind, header: &str) -> Guess {
    let key = compact(header);
    if key.is_empty() {
        return Guess::Unknown;
    }
    let exact = HEADER_SYNONYMS
        .iter()
        .filter(|(_, scope, _, _)| scope.covers(kind))
        .find(|(_, _, _, names)| names.split('|').any(|n| compact(n) == key))
        .map(|(input, _, confidence, _)| Guess::Input(*input, *confidence));
    let guess = exact.unwrap_or_else(|| guess_loosely(kind, &key, &tokens(header)));
    match guess {
        Guess::Input(input, _) if input.api_field(kind).is_none() => Guess::Known,
        other => other,
    }
}

/// Headers that are not in the table ("Contact First Name", "Email (primary)", "Company HQ
/// Phone", "Account: Website"), by the words they contain.
fn guess_loosely(kind: RecordKind, compact: &str, tokens: &[String]) -> Guess {
    // A word counts when it is a whole token, or (5+ letters) anywhere in the header.
    let has = |w: &str| tokens.iter().any(|t| t == w) || (w.len() >= 5 && compact.contains(w));
    // Any of these space-separated words.
    let any = |words: &str| words.split_whitespace().any(has);
    let secondary = any(
        "personal private privat home other secondary alternate alt second old previous former 2 3",
    );
    let company_ish = any(
        "company account organization organisation employer firm firma corporate hq \
         headquarters main switchboard",
    );
    let rank = |base: u8| {
        if secondary {
            base.saturating_sub(20)
        } else {
            base
        }
    };

    // Identifiers: only ZoomInfo's are inputs; any other id (CRM record ids) is left alone,
    // and its digits are not mistaken for ZoomInfo ids either.
    let id_prefixes = "person contact company account record lead zoominfo zi sf sfdc hubspot crm \
                       external object user customer org prospect row member";
    let is_id = tokens.iter().any(|t| {
        matches!(t.as_str(), "id" | "ids" | "uuid" | "guid")
            || t.strip_suffix("id")
                .is_some_and(|prefix| id_prefixes.split_whitespace().any(|p| p == prefix))
    });
    if is_id {
        let zoominfo = compact.contains("zoominfo") || tokens.iter().any(|t| t.starts_with("zi"));
        if !zoominfo {
            return Guess::Known;
        }
        let person = any("person contact lead personid contactid");
        let company = any("company account org companyid accountid");
        let input = match (person, company, kind) {
            (true, false, _) => I::PersonId,
            (false, true, _) => I::CompanyId,
            (_, _, RecordKind::Contact) => I::PersonId,
            (_, _, RecordKind::Company) => I::CompanyId,
        };
        return Guess::Input(input, 90);
    }

    if compact.contains("linkedin") {
        return if company_ish {
            Guess::Known
        } else {
            Guess::Input(I::LinkedIn, 85)
        };
    }

    let mail = any("email courriel correo mail mailadres mailadresse epost postaelettronica");
    // The names of the algorithms `hashedEmail` takes, wherever they stand ("email_sha512").
    let digest = ["md5", "sha1", "sha256", "sha512"]
        .iter()
        .any(|d| compact.contains(d))
        || any("hash hashed hashes digest");
    if mail && digest {
        return Guess::Input(I::HashedEmail, 85);
    }
    if mail {
        if has("domain") {
            return Guess::Input(I::Website, 70);
        }
        let about_the_email = any(
            "optout optin opt status bounce bounced verified verification valid validity invalid \
             consent unsubscribe unsubscribed subscribed subscription date count opened clicked \
             sent owner type score source quality confidence template campaign has is \
             permission format mailing",
        );
        return if about_the_email {
            Guess::Known
        } else {
            Guess::Input(I::Email, rank(85))
        };
    }

    if any(
        "phone telephone telefon telefoon mobile mobil cell handy tel dial directdial portable \
         movil cellulare celular gsm",
    ) {
        let about_the_phone = any(
            "fax donotcall dnc ext extension type status verified valid countrycode optout has is \
             consent date",
        );
        if about_the_phone {
            return Guess::Known;
        }
        let confidence = if company_ish {
            match kind {
                RecordKind::Contact => 60,
                RecordKind::Company => 90,
            }
        } else if any("direct directe directo diretto durchwahl work business office") {
            92
        } else if any("mobile mobil cell handy portable gsm") {
            80
        } else {
            85
        };
        return Guess::Input(I::Phone, rank(confidence));
    }

    if any("fax ip ipaddress") {
        return Guess::Known;
    }

    if any(
        "website webseite homepage domain siteweb sitioweb sitoweb webaddress url web site www \
         internetseite paginaweb",
    ) {
        let other_url = any(
            "image logo photo picture avatar facebook twitter xing instagram youtube github \
             crunchbase source tracking utm referrer landing page profile calendar meeting",
        );
        return if other_url {
            Guess::Known
        } else {
            Guess::Input(I::Website, 80)
        };
    }

    if any("ticker symbol stocksymbol borsenkurzel") {
        return Guess::Input(I::Ticker, 85);
    }

    if any("firstname givenname vorname prenom forename fname") {
        return Guess::Input(I::FirstName, 85);
    }
    if any(
        "lastname surname familyname nachname familienname apellido cognome achternaam \
         nomdefamille lname",
    ) {
        return Guess::Input(I::LastName, 85);
    }
    if any("middlename nickname maidenname salutation suffix prefix anrede civilite") {
        return Guess::Known;
    }
    if kind == RecordKind::Contact
        && any(
            "fullname contactname personname leadname prospectname nomcomplet nombrecompleto \
             nomecompleto",
        )
    {
        return Guess::Input(I::FullName, 85);
    }

    // Someone's home or mailing address says nothing about a company.
    if kind == RecordKind::Company && any("person contact personal home private mailing") {
        return Guess::Known;
    }
    if any("zipcode zip postal postalcode postcode plz postleitzahl") {
        return Guess::Input(I::ZipCode, 75);
    }
    if any("country countryregion land pays pais paese nazione") {
        return Guess::Input(I::Country, 75);
    }
    if any("city town stadt ort ville ciudad citta localita plaats stad") {
        return Guess::Input(I::City, 75);
    }
    if any("state province region bundesland provincia regione estado provincie stateprovince") {
        return Guess::Input(I::State, 75);
    }
    if any(
        "street address adresse strasse streetaddress direccion indirizzo straat adres address1 \
         rue calle",
    ) {
        return Guess::Input(I::Street, 70);
    }

    if any("jobtitle title position berufsbezeichnung poste cargo fonction functie puesto titolo") {
        return Guess::Input(I::JobTitle, 80);
    }

    let about_the_company = any(
        "size industry revenue type owner status stage number employees employee headcount \
         description segment tier score rating sic naics founded year parent logo tag tags notes \
         note created updated modified date source currency location territory category team \
         manager rep plan arr mrr count division subsidiary department previous former prior \
         past",
    );
    if any(
        "company account organization organisation employer firma unternehmen societe entreprise \
         empresa azienda bedrijf",
    ) {
        return if about_the_company {
            Guess::Known
        } else {
            Guess::Input(I::CompanyName, 80)
        };
    }

    if any("name naam nom nombre nome") {
        let someone_else = about_the_company
            || any(
                "user file sheet list campaign product deal opportunity project event first last \
                 middle query search report view job brand app software technology school \
                 university title",
            );
        if someone_else {
            return Guess::Known;
        }
        return match kind {
            RecordKind::Contact => Guess::Input(I::FullName, 65),
            RecordKind::Company => Guess::Input(I::CompanyName, 65),
        };
    }
    // Figures whose digits could pass for ids.
    if any(
        "revenue employees employee headcount amount total count number size score rating year \
         age price value budget sales arr mrr spend salary funding",
    ) {
        return Guess::Known;
    }
    Guess::Unknown
}

/// What the values of a column look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Email,
    LinkedIn,
    /// A hex digest of a length `hashedEmail` takes (MD5, SHA-1, SHA-256, SHA-512).
    HashedEmail,
    Domain,
    Phone,
    Id,
}

/// The input a column's values suggest, if at least 60% of its non-empty samples look alike.
fn guess_content(
    kind: RecordKind,
    sample_rows: &[Vec<String>],
    column: usize,
) -> Option<(MatchInput, u8)> {
    let values: Vec<&str> = sample_rows
        .iter()
        .filter_map(|r| r.get(column))
        .map(|v| keys::without_text_marker(v.trim()))
        .filter(|v| !keys::is_blank(v))
        .collect();
    if values.is_empty() {
        return None;
    }
    let shapes: Vec<Shape> = values.iter().filter_map(|v| shape(v)).collect();
    let (best, count) = [
        Shape::Email,
        Shape::LinkedIn,
        Shape::HashedEmail,
        Shape::Domain,
        Shape::Phone,
        Shape::Id,
    ]
    .into_iter()
    .map(|s| (s, shapes.iter().filter(|x| **x == s).count()))
    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp_rank(a.0)))?;
    let share = count as f64 / values.len() as f64;
    if count == 0 || share < CONTENT_SHARE {
        return None;
    }
    let input = match (best, kind) {
        (Shape::Email, _) => I::Email,
        (Shape::LinkedIn, _) => I::LinkedIn,
        (Shape::HashedEmail, _) => I::HashedEmail,
        (Shape::Domain, _) => I::Website,
        (Shape::Phone, _) => I::Phone,
        (Shape::Id, RecordKind::Contact) => I::PersonId,
        (Shape::Id, RecordKind::Company) => I::CompanyId,
    };
    input.api_field(kind)?;
    // 60% alike → ~74, all alike → 90; bare numbers stay below 60 (they could be anyone's ids).
    let confidence = match best {
        Shape::Id => 40.0 + 18.0 * share,
        _ => 50.0 + 40.0 * share,
    };
    Some((input, confidence.round().clamp(0.0, 100.0) as u8))
}

impl Shape {
    /// Ties between shapes go to the more specific one (listed first).
    fn cmp_rank(self, other: Shape) -> std::cmp::Ordering {
        (self as u8).cmp(&(other as u8))
    }
}

/// The shape of one value, the most specific first.
fn shape(value: &str) -> Option<Shape> {
    if value.contains('@') {
        return keys::normalize_email(value).map(|_| Shape::Email);
    }
    if keys::normalize_linkedin(value).is_some() {
        return Some(Shape::LinkedIn);
    }
    if !value.contains(char::is_whitespace) && keys::normalize_domain(value).is_some() {
        return Some(Shape::Domain);
    }
    // Before the digits: a digest may be all digits, and is never an id or a phone.
    if !value.contains(char::is_whitespace) && keys::normalize_hash(value).is_some() {
        return Some(Shape::HashedEmail);
    }
    let bare = value.strip_suffix(".0").unwrap_or(value);
    if bare.bytes().all(|b| b.is_ascii_digit()) {
        // Unformatted digits: a ZoomInfo id is 6 to 12 of them, never led by a zero.
        let plausible_id = (6..=12).contains(&bare.len()) && !bare.starts_with('0');
        return plausible_id.then_some(Shape::Id);
    }
    if looks_like_date_or_number(value) {
        return None;
    }
    keys::normalize_phone(value).map(|_| Shape::Phone)
}

/// "2024-01-15", "15/01/2024", "1,234,567.89": digits and separators that are no phone.
fn looks_like_date_or_number(value: &str) -> bool {
    let groups: Vec<&str> = value
        .split(['-', '/', '.'])
        .filter(|g| !g.is_empty())
        .collect();
    let all_digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let date = all_digits
        && groups.len() == 3
        && groups.iter().any(|g| g.len() == 4)
        && groups.iter().filter(|g| g.len() <= 2).count() == 2;
    let number = value
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && value.contains(['.', ',']);
    date || number
}

// ---------------------------------------------------------------------------------------------
// Overrides and checks
// ---------------------------------------------------------------------------------------------

/// Words that unmap a column (`"Notes=none"`).
const NO_INPUT: &[&str] = &["none", "ignore", "skip", "unmapped", "nothing", "-"];

/// Applies `--map "COLUMN=input"` overrides. COLUMN is a header (case-insensitive; accents,
/// spaces and punctuation are forgiven when that is unambiguous) or a 1-based number ("#3");
/// input is a [`MatchInput`] name or alias, or `none` to ignore the column. The user's
/// choice wins: a column that held the same input before loses it. Nothing changes unless
/// every override is understood.
pub fn apply_overrides(
    mappings: &mut [ColumnMapping],
    overrides: &[String],
) -> Result<(), MappingError> {
    let mut chosen: Vec<(usize, Option<MatchInput>)> = Vec::new();
    for text in overrides {
        let Some((column, input)) = text.rsplit_once('=') else {
            return Err(MappingError::Syntax {
                given: text.clone(),
            });
        };
        let (column, input) = (column.trim(), input.trim());
        if column.is_empty() || input.is_empty() {
            return Err(MappingError::Syntax {
                given: text.clone(),
            });
        }
        let index = find_column(mappings, column)?;
        let input = if NO_INPUT.iter().any(|w| w.eq_ignore_ascii_case(input)) {
            None
        } else {
            Some(MatchInput::parse(input).ok_or_else(|| {
                MappingError::UnknownInput {
                    given: input.to_string(),
                    accepted: MatchInput::ALL
                        .iter()
                        .map(|i| i.name().to_string())
                        .chain(std::iter::once("none".to_string()))
                        .collect(),
                }
            })?)
        };
        chosen.retain(|(i, _)| *i != index); // the same column again: the last word wins
        if let Some(wanted) = input {
            if let Some((other, _)) = chosen.iter().find(|(_, x)| *x == Some(wanted)) {
                return Err(MappingError::DuplicateInput {
                    first: mappings[*other].display_name(),
                    second: mappings[index].display_name(),
                    input: wanted.name().to_string(),
                });
            }
        }
        chosen.push((index, input));
    }

    for (index, input) in chosen {
        if let Some(wanted) = input {
            for (i, m) in mappings.iter_mut().enumerate() {
                if i != index && m.input == Some(wanted) {
                    m.input = None;
                    m.source = MappingSource::Unmapped;
                    m.confidence = 0;
                }
            }
        }
        if let Some(m) = mappings.get_mut(index) {
            m.input = input;
            m.source = MappingSource::User;
            m.confidence = 100;
        }
    }
    Ok(())
}

/// The index (in `mappings`) of the column an override names.
fn find_column(mappings: &[ColumnMapping], given: &str) -> Result<usize, MappingError> {
    let unknown = || MappingError::UnknownColumn {
        given: given.to_string(),
        found: mappings.iter().map(ColumnMapping::display_name).collect(),
    };
    if let Some(number) = given.strip_prefix('#') {
        let number: usize = number.trim().parse().map_err(|_| unknown())?;
        return mappings
            .iter()
            .position(|m| m.column + 1 == number)
            .ok_or_else(unknown);
    }
    let lower = given.to_lowercase();
    let mut hits: Vec<usize> = mappings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.display_name().to_lowercase() == lower)
        .map(|(i, _)| i)
        .collect();
    if hits.is_empty() {
        let loose = compact(given);
        if !loose.is_empty() {
            hits = mappings
                .iter()
                .enumerate()
                .filter(|(_, m)| compact(&m.display_name()) == loose)
                .map(|(i, _)| i)
                .collect();
        }
    }
    match hits.as_slice() {
        [] => Err(unknown()),
        [one] => Ok(*one),
        many => Err(MappingError::AmbiguousColumn {
            given: given.to_string(),
            columns: many.iter().map(|i| mappings[*i].column + 1).collect(),
        }),
    }
}

/// Whether the mapping can feed at least one match for this kind. If not, the error lists
/// the columns found and which inputs are needed ("Found columns: Notes, Score. To match
/// contacts, the file needs an Email, a Phone, …"). A column the user mapped to an input
/// this kind cannot send is an error too.
pub fn check_usable(kind: RecordKind, mappings: &[ColumnMapping]) -> Result<(), MappingError> {
    for m in mappings {
        if let (MappingSource::User, Some(input)) = (m.source, m.input) {
            if input.api_field(kind).is_none() {
                return Err(MappingError::WrongKind {
                    column: m.display_name(),
                    input: input.label().to_string(),
                    kind,
                    accepted: MatchInput::ALL
                        .iter()
                        .filter(|i| i.api_field(kind).is_some())
                        .map(|i| i.name().to_string())
                        .collect(),
                });
            }
        }
    }
    let mapped: Vec<MatchInput> = mappings
        .iter()
        .filter_map(|m| m.input)
        .filter(|i| i.api_field(kind).is_some())
        .collect();
    let present = |group: &&[MatchInput]| group.iter().any(|i| mapped.contains(i));
    if rules_for(kind).any(|r| r.needs.iter().all(present)) {
        return Ok(());
    }

    let needed = needed_inputs(kind);
    // The rule closest to complete, if part of it is there ("First name + Last name" but no
    // company).
    let hint = rules_for(kind)
        .filter(|r| r.needs.len() > 1)
        .map(|r| {
            let (have, lack): (Vec<&[MatchInput]>, Vec<&[MatchInput]>) =
                r.needs.iter().copied().partition(|g| present(g));
            (have, lack)
        })
        .filter(|(have, _)| !have.is_empty())
        .max_by_key(|(have, _)| have.len())
        .map(|(have, lack)| {
            let have: Vec<&str> = have
                .iter()
                .filter_map(|g| g.iter().find(|i| mapped.contains(i)))
                .map(|i| i.label())
                .collect();
            // Alternatives read most common first ("Company name or ZoomInfo company ID").
            let lack: Vec<&str> = lack
                .iter()
                .flat_map(|g| g.iter().rev())
                .map(|i| i.label())
                .collect();
            format!(
                " {} {} recognised, but no {} column.",
                join_and(&have),
                if have.len() == 1 { "was" } else { "were" },
                join_or(&lack)
            )
        })
        .unwrap_or_default();
    Err(MappingError::Unusable {
        kind,
        found: mappings.iter().map(ColumnMapping::display_name).collect(),
        needed,
        hint,
    })
}

/// "an Email, a Phone, …, or Full name + Company": what identifies a record of this kind.
pub(crate) fn needed_inputs(kind: RecordKind) -> String {
    let mut rules: Vec<&MatchRule> = rules_for(kind).collect();
    rules.sort_by_key(|r| r.shown);
    join_or(&rules.iter().map(|r| r.describe).collect::<Vec<_>>())
}

fn join_with(items: &[&str], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., end] => format!("{}{last}{end}", rest.join(", ")),
    }
}

fn join_or(items: &[&str]) -> String {
    join_with(items, if items.len() > 2 { ", or " } else { " or " })
}

fn join_and(items: &[&str]) -> String {
    join_with(items, " and ")
}

// ---------------------------------------------------------------------------------------------
// Text folding for header comparison
// ---------------------------------------------------------------------------------------------

/// Lower case with accents and ligatures folded to ASCII where Latin ("Prénom" → "prenom",
/// "Straße" → "strasse"); other characters kept.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\u{300}'..='\u{36f}' => {} // combining accents (decomposed text)
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => out.push('c'),
            'ď' | 'đ' | 'ð' => out.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => out.push('g'),
            'ĥ' | 'ħ' => out.push('h'),
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => out.push('i'),
            'ĵ' => out.push('j'),
            'ķ' => out.push('k'),
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => out.push('l'),
            'ñ' | 'ń' | 'ņ' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ŕ' | 'ŗ' | 'ř' => out.push('r'),
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => out.push('s'),
            'ß' => out.push_str("ss"),
            'ţ' | 'ť' | 'ŧ' | 'ț' => out.push('t'),
            'þ' => out.push_str("th"),
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => out.push('u'),
            'ŵ' => out.push('w'),
            'ý' | 'ÿ' | 'ŷ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            other => out.push(other),
        }
    }
    out
}

/// Folded letters and digits only: "E-Mail Address" → "emailaddress", "Prénom" → "prenom".
pub(crate) fn compact(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Folded words, split at punctuation, spaces, camelCase and letter/digit boundaries:
/// "ZIPersonID" → ["zi", "person", "id"], "Email2" → ["email", "2"].
fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut spaced = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let camel =
                c.is_uppercase() && (prev.is_lowercase() || (prev.is_uppercase() && next_lower));
            let digits = c.is_ascii_digit() != prev.is_ascii_digit()
                && c.is_alphanumeric()
                && prev.is_alphanumeric();
            if camel || digits {
                spaced.push(' ');
            }
        }
        spaced.push(c);
    }
    fold(&spaced)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn rows(items: &[&[&str]]) -> Vec<Vec<String>> {
        items.iter().map(|r| strings(r)).collect()
    }

    /// The input suggested for each header, with no sample rows.
    fn inputs(kind: RecordKind, headers: &[&str]) -> Vec<Option<MatchInput>> {
        suggest(kind, &strings(headers), &[])
            .into_iter()
            .map(|m| m.input)
            .collect()
    }

    fn one(kind: RecordKind, header: &str) -> Option<MatchInput> {
        inputs(kind, &[header])[0]
    }

    #[test]
    fn email_spellings_map_to_email() {
        for header in [
            "Email",
            "E-Mail",
            "e_mail",
            "EMAIL ADDRESS",
            "Email Address",
            "email_address",
            "Work Email",
            "Business Email",
            "  E-mail  ",
            "Courriel",
            "Adresse e-mail",
            "Correo",
            "Correo electrónico",
            "E-Mail-Adresse",
            "Posta elettronica",
            "Contact Email (primary)",
        ] {
            assert_eq!(one(RecordKind::Contact, header), Some(I::Email), "{header}");
        }
    }

    #[test]
    fn european_headers_map() {
        use RecordKind::Contact;
        // German
        assert_eq!(
            inputs(
                Contact,
                &["Vorname", "Nachname", "Firma", "E-Mail-Adresse", "Telefon"]
            ),
            vec![
                Some(I::FirstName),
                Some(I::LastName),
                Some(I::CompanyName),
                Some(I::Email),
                Some(I::Phone)
            ]
        );
        // French
        assert_eq!(
            inputs(
                Contact,
                &["Prénom", "Nom", "Société", "Courriel", "Téléphone", "Poste"]
            ),
            vec![
                Some(I::FirstName),
                Some(I::LastName),
                Some(I::CompanyName),
                Some(I::Email),
                Some(I::Phone),
                Some(I::JobTitle)
            ]
        );
        assert_eq!(one(Contact, "prenom"), Some(I::FirstName));
        assert_eq!(one(Contact, "Nom de famille"), Some(I::LastName));
        // Spanish
        assert_eq!(
            inputs(
                Contact,
                &[
                    "Nombre",
                    "Apellidos",
                    "Empresa",
                    "Correo electrónico",
                    "Teléfono",
                    "Cargo"
                ]
            ),
            vec![
                Some(I::FirstName),
                Some(I::LastName),
                Some(I::CompanyName),
                Some(I::Email),
                Some(I::Phone),
                Some(I::JobTitle)
            ]
        );
        // Italian
        assert_eq!(
            inputs(
                Contact,
                &[
                    "Nome",
                    "Cognome",
                    "Azienda",
                    "Posta elettronica",
                    "Telefono"
                ]
            ),
            vec![
                Some(I::FirstName),
                Some(I::LastName),
                Some(I::CompanyName),
                Some(I::Email),
                Some(I::Phone)
            ]
        );
        // Dutch
        assert_eq!(
            inputs(
                Contact,
                &[
                    "Voornaam",
                    "Achternaam",
                    "Bedrijf",
                    "E-mailadres",
                    "Telefoonnummer"
                ]
            ),
            vec![
                Some(I::FirstName),
                Some(I::LastName),
                Some(I::CompanyName),
                Some(I::Email),
                Some(I::Phone)
            ]
        );
        // Company files, German and French
        assert_eq!(
            inputs(
                RecordKind::Company,
                &[
                    "Unternehmen",
                    "Webseite",
                    "Stadt",
                    "Bundesland",
                    "Land",
                    "PLZ"
                ]
            ),
            vec![
                Some(I::CompanyName),
                Some(I::Website),
                Some(I::City),
                Some(I::State),
                Some(I::Country),
                Some(I::ZipCode)
            ]
        );
        assert_eq!(
            inputs(
                RecordKind::Company,
                &["Entreprise", "Site web", "Ville", "Pays", "Code postal"]
            ),
            vec![
                Some(I::CompanyName),
                Some(I::Website),
                Some(I::City),
                Some(I::Country),
                Some(I::ZipCode)
            ]
        );
    }

    #[test]
    fn english_headers_and_variants_map() {
        use RecordKind::{Company, Contact};
        let cases = [
            (Contact, "FirstName", I::FirstName),
            (Contact, "first_name", I::FirstName),
            (Contact, "Given Name", I::FirstName),
            (Contact, "Contact First Name", I::FirstName),
            (Contact, "Surname", I::LastName),
            (Contact, "Family Name", I::LastName),
            (Contact, "Full Name", I::FullName),
            (Contact, "Contact", I::FullName),
            (Contact, "Account Name", I::CompanyName),
            (Contact, "Organisation", I::CompanyName),
            (Contact, "Employer", I::CompanyName),
            (Contact, "Direct Phone", I::Phone),
            (Contact, "Mobile", I::Phone),
            (Contact, "Tel", I::Phone),
            (Contact, "LinkedIn Profile", I::LinkedIn),
            (Contact, "linkedin_url", I::LinkedIn),
            (Contact, "ZoomInfo Contact ID", I::PersonId),
            (Contact, "ZI Person ID", I::PersonId),
            (Contact, "zoominfo_id", I::PersonId),
            (Contact, "ZIPersonID", I::PersonId),
            (Contact, "Person ID", I::PersonId),
            (Contact, "ZoomInfo Company ID", I::CompanyId),
            (Contact, "Job Title", I::JobTitle),
            (Contact, "Title", I::JobTitle),
            (Contact, "Hashed Email", I::HashedEmail),
            (Contact, "email_sha512", I::HashedEmail),
            (Contact, "Email (SHA-256)", I::HashedEmail),
            (Contact, "hashed_email_md5", I::HashedEmail),
            (Contact, "sha256", I::HashedEmail),
            (Contact, "SHA-512", I::HashedEmail),
            (Contact, "MD5", I::HashedEmail),
            (Company, "ZoomInfo Company ID", I::CompanyId),
            (Company, "Company ID", I::CompanyId),
            (Company, "zoominfo_id", I::CompanyId),
            (Company, "Company Domain", I::Website),
            (Company, "URL", I::Website),
            (Company, "Web Site", I::Website),
            (Company, "Sitio web", I::Website),
            (Company, "Sito web", I::Website),
            (Company, "Stock Symbol", I::Ticker),
            (Company, "Ticker", I::Ticker),
            (Company, "Postal Code", I::ZipCode),
            (Company, "Province", I::State),
            (Company, "País", I::Country),
            (Company, "Paese", I::Country),
            (Company, "Ciudad", I::City),
            (Company, "Account", I::CompanyName),
            (Company, "Company HQ Phone", I::Phone),
        ];
        for (kind, header, want) in cases {
            assert_eq!(one(kind, header), Some(want), "{header} ({kind:?})");
        }
    }

    #[test]
    fn name_means_company_name_for_companies_and_full_name_for_contacts() {
        assert_eq!(one(RecordKind::Company, "Name"), Some(I::CompanyName));
        assert_eq!(one(RecordKind::Contact, "Name"), Some(I::FullName));
        assert_eq!(one(RecordKind::Contact, "Contact Name"), Some(I::FullName));
        // A person column means nothing in a company file.
        assert_eq!(one(RecordKind::Company, "Contact"), None);
        assert_eq!(one(RecordKind::Company, "First Name"), None);
    }

    #[test]
    fn inputs_the_kind_cannot_send_stay_unmapped() {
        // Contacts are not matched by website, companies not by email.
        assert_eq!(one(RecordKind::Contact, "Website"), None);
        assert_eq!(one(RecordKind::Contact, "City"), None);
        assert_eq!(one(RecordKind::Company, "Email"), None);
    }

    #[test]
    fn other_systems_ids_and_email_flags_are_not_inputs() {
        for header in [
            "Previous Company Name",
            "Query Name",
            "Record ID",
            "Contact ID",
            "Salesforce ID",
            "ID",
            "Email Opt Out",
            "Email Status",
            "Has Email",
            "Fax",
            "Company LinkedIn URL",
        ] {
            assert_eq!(one(RecordKind::Contact, header), None, "{header}");
        }
        // …and their values are not guessed from content either.
        let headers = strings(&["Record ID", "Revenue (in 000s USD)"]);
        let sample = rows(&[&["123456789", "125000"], &["223456789", "9800000"]]);
        let m = suggest(RecordKind::Company, &headers, &sample);
        assert_eq!((m[0].input, m[1].input), (None, None));
    }

    #[test]
    fn work_email_wins_over_personal_email_and_first_wins_otherwise() {
        let m = suggest(
            RecordKind::Contact,
            &strings(&["Personal Email", "Work Email", "Email"]),
            &[],
        );
        assert_eq!(m[0].input, None);
        assert_eq!(m[1].input, Some(I::Email));
        assert_eq!(m[1].source, MappingSource::Header);
        assert_eq!(m[2].input, None);
        assert_eq!(m[2].source, MappingSource::Unmapped);

        let m = suggest(
            RecordKind::Contact,
            &strings(&["Phone", "Mobile", "Company Phone"]),
            &[],
        );
        assert_eq!(
            m.iter().map(|c| c.input).collect::<Vec<_>>(),
            vec![Some(I::Phone), None, None]
        );
    }

    #[test]
    fn content_detection_finds_unlabeled_email_and_domain_columns() {
        let headers = strings(&["Col A", "Col B", "Col C", "Notes"]);
        let sample = rows(&[
            &[
                "jane@acme.com",
                "acme.com",
                "+1 415 555 0100",
                "called twice",
            ],
            &[
                "JOHN@Example.org ",
                "https://www.example.org/about",
                "(212) 555-0199",
                "",
            ],
            &["", "globex.co.uk", "020 7946 0958", "n/a"],
            &["not an email", "www.initech.com", "", "met at expo"],
        ]);
        let m = suggest(RecordKind::Contact, &headers, &sample);
        assert_eq!(m[0].input, Some(I::Email));
        assert_eq!(m[0].source, MappingSource::Content);
        assert!(m[0].confidence >= 70 && m[0].confidence < EXACT);
        // Contacts cannot be matched by website: the domain column stays unmapped…
        assert_eq!(m[1].input, None);
        assert_eq!(m[2].input, Some(I::Phone));
        assert_eq!(m[3].input, None);
        assert_eq!(
            m[0].samples,
            strings(&["jane@acme.com", "JOHN@Example.org", "not an email"])
        );

        // …and maps for companies.
        let m = suggest(RecordKind::Company, &headers, &sample);
        assert_eq!(m[1].input, Some(I::Website));
        assert_eq!(m[1].source, MappingSource::Content);
    }

    #[test]
    fn content_detection_needs_sixty_percent_alike() {
        let headers = strings(&["X"]);
        let mostly_text = rows(&[&["jane@acme.com"], &["hello"], &["world"]]);
        assert_eq!(
            suggest(RecordKind::Contact, &headers, &mostly_text)[0].input,
            None
        );
        let mostly_mail = rows(&[&["jane@acme.com"], &["bob@acme.com"], &["world"]]);
        assert_eq!(
            suggest(RecordKind::Contact, &headers, &mostly_mail)[0].input,
            Some(I::Email)
        );
    }

    #[test]
    fn content_detection_finds_linkedin_and_ids_but_not_dates() {
        let headers = strings(&["", "", "", ""]);
        let sample = rows(&[
            &[
                "https://www.linkedin.com/in/jane-doe/",
                "1234567890",
                "2024-01-15",
                "12.50",
            ],
            &["linkedin.com/in/bob", "987654321", "2024-02-01", "7.25"],
        ]);
        let m = suggest(RecordKind::Contact, &headers, &sample);
        assert_eq!(m[0].input, Some(I::LinkedIn));
        assert_eq!(m[1].input, Some(I::PersonId));
        assert!(m[1].confidence <= 60, "bare numbers are a weak hint");
        assert_eq!(m[2].input, None);
        assert_eq!(m[3].input, None);
        assert_eq!(m[0].display_name(), "Column 1");
    }

    #[test]
    fn content_detection_finds_hashed_emails_of_every_accepted_length() {
        let headers = strings(&["Key", "Other"]);
        let sha512 = "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7\
                      2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043";
        let sample = rows(&[
            &[sha512, "x"],
            &["5F4DCC3B5AA765D61D8327DEB882CF99", "y"],
            &["a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", ""],
            &[
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "z",
            ],
        ]);
        let m = suggest(RecordKind::Contact, &headers, &sample);
        assert_eq!(m[0].input, Some(I::HashedEmail));
        assert_eq!(m[0].source, MappingSource::Content);
        assert!(m[0].confidence >= 85, "{}", m[0].confidence);
        // Companies are not matched by hashed e-mail.
        assert_eq!(
            suggest(RecordKind::Company, &headers, &sample)[0].input,
            None
        );
        // Digits of another length are no digest.
        let ids = rows(&[&["1234567890", ""], &["987654321", ""]]);
        assert_eq!(
            suggest(RecordKind::Contact, &headers, &ids)[0].input,
            Some(I::PersonId)
        );
    }

    #[test]
    fn header_mapping_is_not_overridden_by_content() {
        // A column whose header says "Email" keeps the input even if its sample is messy, and
        // a second email-looking column does not take the same input.
        let headers = strings(&["Email", "Backup"]);
        let sample = rows(&[&["jane@acme.com", "jane.doe@gmail.com"]]);
        let m = suggest(RecordKind::Contact, &headers, &sample);
        assert_eq!(m[0].input, Some(I::Email));
        assert_eq!(m[1].input, None);
    }

    #[test]
    fn ragged_rows_widen_the_mapping() {
        let m = suggest(
            RecordKind::Contact,
            &strings(&["Email"]),
            &rows(&[&["a@b.co", "x"]]),
        );
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].header, "");
    }

    #[test]
    fn overrides_by_name_and_by_number() {
        let headers = strings(&["Mail Addr", "Cell", "Notes", "Firm"]);
        let mut m = suggest(RecordKind::Contact, &headers, &[]);
        apply_overrides(
            &mut m,
            &strings(&[
                "notes=email",
                "#2=phone",
                "FIRM = company_name",
                "Mail Addr=none",
            ]),
        )
        .expect("valid overrides");
        assert_eq!(m[2].input, Some(I::Email));
        assert_eq!(m[2].source, MappingSource::User);
        assert_eq!(m[2].confidence, 100);
        assert_eq!(m[1].input, Some(I::Phone));
        assert_eq!(m[3].input, Some(I::CompanyName));
        assert_eq!(m[0].input, None);
        assert_eq!(m[0].source, MappingSource::User);
    }

    #[test]
    fn an_override_takes_the_input_from_the_suggested_column() {
        let mut m = suggest(RecordKind::Contact, &strings(&["Email", "Personal"]), &[]);
        assert_eq!(m[0].input, Some(I::Email));
        apply_overrides(&mut m, &strings(&["Personal=e-mail"])).expect("valid");
        assert_eq!(m[0].input, None);
        assert_eq!(m[0].source, MappingSource::Unmapped);
        assert_eq!(m[1].input, Some(I::Email));
    }

    #[test]
    fn accent_and_punctuation_blind_column_names_in_overrides() {
        let mut m = suggest(RecordKind::Contact, &strings(&["Numéro", "Other"]), &[]);
        apply_overrides(&mut m, &strings(&["numero=phone"])).expect("valid");
        assert_eq!(m[0].input, Some(I::Phone));
    }

    #[test]
    fn a_bad_override_names_the_columns_or_the_inputs() {
        let headers = strings(&["Email", "Company", "Notes"]);
        let mut m = suggest(RecordKind::Contact, &headers, &[]);
        let before = m.clone();

        let err = apply_overrides(&mut m, &strings(&["Emial=email"])).expect_err("unknown column");
        let text = err.to_string();
        assert!(text.contains("'Emial'"), "{text}");
        assert!(
            text.contains("Found columns: Email, Company, Notes"),
            "{text}"
        );

        let err = apply_overrides(&mut m, &strings(&["#7=email"])).expect_err("no column 7");
        assert!(err.to_string().contains("Email, Company, Notes"), "{err}");

        let err =
            apply_overrides(&mut m, &strings(&["Notes=favourite colour"])).expect_err("bad input");
        let text = err.to_string();
        assert!(
            text.contains("'favourite colour' is not a match input"),
            "{text}"
        );
        assert!(
            text.contains("email") && text.contains("first_name") && text.contains("none"),
            "{text}"
        );

        let err = apply_overrides(&mut m, &strings(&["Notes"])).expect_err("no =");
        assert!(matches!(err, MappingError::Syntax { .. }), "{err}");

        let err = apply_overrides(&mut m, &strings(&["Notes=email", "Company=email"]))
            .expect_err("twice");
        assert!(
            err.to_string()
                .contains("Notes and Company are both mapped to email"),
            "{err}"
        );

        // Nothing changed by the failed attempts.
        assert_eq!(m, before);
    }

    #[test]
    fn duplicate_header_names_ask_for_a_number() {
        let mut m = suggest(
            RecordKind::Contact,
            &strings(&["Email", "Notes", "notes"]),
            &[],
        );
        let err = apply_overrides(&mut m, &strings(&["Notes=phone"])).expect_err("ambiguous");
        assert!(err.to_string().contains("#2, #3"), "{err}");
        apply_overrides(&mut m, &strings(&["#3=phone"])).expect("by number");
        assert_eq!(m[2].input, Some(I::Phone));
    }

    #[test]
    fn check_usable_lists_found_columns_and_needed_inputs() {
        let m = suggest(RecordKind::Contact, &strings(&["Notes", "Score"]), &[]);
        let err = check_usable(RecordKind::Contact, &m).expect_err("nothing to match on");
        let text = err.to_string();
        assert!(text.starts_with("Found columns: Notes, Score. To match contacts, the file needs an Email, a Phone, a ZoomInfo person ID"), "{text}");
        assert!(text.contains("First name + Last name + Company"), "{text}");

        let m = suggest(RecordKind::Company, &strings(&["Notes", "Score"]), &[]);
        let text = check_usable(RecordKind::Company, &m)
            .expect_err("unusable")
            .to_string();
        assert!(
            text.contains(
                "To match companies, the file needs a Website (or domain), a Company name"
            ),
            "{text}"
        );
    }

    #[test]
    fn check_usable_says_what_is_half_there() {
        let m = suggest(
            RecordKind::Contact,
            &strings(&["First Name", "Last Name", "Title"]),
            &[],
        );
        let text = check_usable(RecordKind::Contact, &m)
            .expect_err("no company")
            .to_string();
        assert!(text.contains("First name and Last name were recognised, but no Company name or ZoomInfo company ID column"), "{text}");
    }

    #[test]
    fn check_usable_accepts_each_identifying_combination() {
        let ok = |kind, headers: &[&str]| {
            check_usable(kind, &suggest(kind, &strings(headers), &[])).is_ok()
        };
        assert!(ok(RecordKind::Contact, &["Email"]));
        assert!(ok(RecordKind::Contact, &["Phone"]));
        assert!(ok(RecordKind::Contact, &["ZoomInfo ID"]));
        assert!(ok(
            RecordKind::Contact,
            &["First Name", "Last Name", "Company"]
        ));
        assert!(ok(RecordKind::Contact, &["Name", "Account"]));
        assert!(!ok(RecordKind::Contact, &["Name", "Title"]));
        assert!(!ok(RecordKind::Contact, &["Website"]));
        assert!(ok(RecordKind::Company, &["Website"]));
        assert!(ok(RecordKind::Company, &["Name"]));
        assert!(ok(RecordKind::Company, &["Ticker"]));
        assert!(!ok(RecordKind::Company, &["Email", "City"]));
    }

    #[test]
    fn user_mapping_an_input_the_kind_cannot_send_is_an_error() {
        let mut m = suggest(RecordKind::Contact, &strings(&["Email", "Domain"]), &[]);
        apply_overrides(&mut m, &strings(&["Domain=website"])).expect("valid syntax");
        let text = check_usable(RecordKind::Contact, &m)
            .expect_err("website for contacts")
            .to_string();
        assert!(
            text.contains(
                "Column Domain is mapped to Website, which cannot be used to match contacts"
            ),
            "{text}"
        );
    }

    #[test]
    fn input_names_parse_with_aliases_and_round_trip_through_serde() {
        assert_eq!(MatchInput::parse("email"), Some(I::Email));
        assert_eq!(MatchInput::parse("E-Mail"), Some(I::Email));
        assert_eq!(MatchInput::parse("person_id"), Some(I::PersonId));
        assert_eq!(MatchInput::parse("First name"), Some(I::FirstName));
        assert_eq!(MatchInput::parse("domain"), Some(I::Website));
        assert_eq!(MatchInput::parse("LinkedIn"), Some(I::LinkedIn));
        assert_eq!(MatchInput::parse("zip"), Some(I::ZipCode));
        assert_eq!(MatchInput::parse("id"), None);
        assert_eq!(MatchInput::parse("name"), None);
        assert_eq!(MatchInput::parse(""), None);
        for input in MatchInput::ALL {
            let json = serde_json::to_string(&input).expect("serializes");
            assert_eq!(json, format!("\"{}\"", input.name()));
            assert_eq!(MatchInput::parse(input.name()), Some(input));
            assert_eq!(MatchInput::parse(input.label()), Some(input));
        }
    }

    #[test]
    fn api_fields_follow_the_docs() {
        use RecordKind::{Company, Contact};
        assert_eq!(I::Email.api_field(Contact), Some("emailAddress"));
        assert_eq!(I::PersonId.api_field(Contact), Some("personId"));
        assert_eq!(I::HashedEmail.api_field(Contact), Some("hashedEmail"));
        assert_eq!(I::FullName.api_field(Contact), Some("fullName"));
        assert_eq!(I::CompanyName.api_field(Contact), Some("companyName"));
        assert_eq!(I::Website.api_field(Company), Some("companyWebsite"));
        assert_eq!(I::Ticker.api_field(Company), Some("companyTicker"));
        assert_eq!(I::CompanyId.api_field(Company), Some("companyId"));
        assert_eq!(I::Website.api_field(Contact), None);
        assert_eq!(I::Email.api_field(Company), None);
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
    fn folding_and_tokens() {
        assert_eq!(compact("Prénom"), "prenom");
        assert_eq!(compact("E-Mail-Adresse"), "emailadresse");
        assert_eq!(compact("Straße"), "strasse");
        assert_eq!(compact("Pre\u{301}nom"), "prenom");
        assert_eq!(tokens("ZIPersonID"), strings(&["zi", "person", "id"]));
        assert_eq!(tokens("workEmail2"), strings(&["work", "email", "2"]));
    }

    #[test]
    fn column_mapping_serializes_for_the_ui() {
        let m = suggest(
            RecordKind::Contact,
            &strings(&["Email"]),
            &rows(&[&["jane@acme.com"]]),
        );
        let json = serde_json::to_value(&m[0]).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({
                "column": 0, "header": "Email", "input": "email", "source": "header",
                "confidence": 95, "samples": ["jane@acme.com"]
            })
        );
        let back: ColumnMapping = serde_json::from_value(json).expect("deserializes");
        assert_eq!(back, m[0]);
    }
}
