//! The synthetic people and companies the simulator serves, with lookup indices.
//!
//! Generated once per simulator from `SimConfig::seed` (see `gen.rs`); read-only afterwards.

mod gen;
mod rng;
mod words;

use std::collections::HashMap;
use std::sync::OnceLock;

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

/// A synthetic contact. Empty strings mean "ZoomInfo has no value" (as the real API sends `""`).
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Unique, 1_000_001 and up.
    pub id: i64,
    pub first_name: String,
    /// Usually empty, sometimes an initial like `"A."`.
    pub middle_name: String,
    pub last_name: String,
    /// `first.last@company-domain`, unique (a digit is appended on a clash).
    pub email: String,
    pub has_supplemental_email: bool,
    /// Direct phone, `"(206) 555-0142"` style; empty for about 10% of people.
    pub phone: String,
    /// Mobile phone; empty for about half of the people.
    pub mobile_phone: String,
    pub job_title: String,
    /// ZoomInfo job function name, e.g. `"Engineering"` (paired with `department`).
    pub job_function: String,
    /// `C-Level`, `VP-Level`, `Director`, `Manager` or `Non-Manager`.
    pub management_level: String,
    pub department: String,
    /// Street of the office the person works at; empty when not at the headquarters.
    pub street: String,
    pub city: String,
    pub state: String,
    pub country: String,
    pub zip_code: String,
    /// Empty for about 15% of people.
    pub linkedin_url: String,
    pub company_id: i64,
    /// 70..=99.
    pub contact_accuracy_score: u32,
    /// `"6/19/2020 1:41 PM"` (published format).
    pub valid_date: String,
    /// Same format as `valid_date`, or empty (the published search example has both).
    pub last_updated_date: String,
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A synthetic company.
#[derive(Clone, Debug, PartialEq)]
pub struct Company {
    /// Unique, 100_001 and up.
    pub id: i64,
    /// Unique, e.g. `"Acme Widgets Inc."`.
    pub name: String,
    /// `"www.acme-widgets.com"` (no scheme, as the published example).
    pub website: String,
    /// `"acme-widgets.com"`, unique.
    pub domain: String,
    pub phone: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip_code: String,
    pub country: String,
    /// Yearly revenue in thousands of USD (how company enrich reports `revenue`).
    pub revenue: i64,
    pub employee_count: i64,
    /// Primary industry, e.g. `"Software"`.
    pub industry: String,
    /// All industries, primary first.
    pub industries: Vec<String>,
    /// `"NASDAQ: ACWG"` style for public companies.
    pub ticker: Option<String>,
    /// `"PUBLIC"` or `"PRIVATE"`.
    pub company_type: String,
    pub founded_year: i32,
}

impl Company {
    /// Ticker symbol without the exchange (`"ACWG"`).
    pub fn ticker_symbol(&self) -> Option<&str> {
        self.ticker
            .as_deref()
            .map(|t| t.rsplit(' ').next().unwrap_or(t))
    }
}

/// The generated data plus indices for the match keys enrich supports.
pub struct Dataset {
    people: Vec<Person>,
    companies: Vec<Company>,
    person_by_id: HashMap<i64, usize>,
    company_by_id: HashMap<i64, usize>,
    person_by_email: HashMap<String, usize>,
    person_by_phone: HashMap<String, usize>,
    people_by_name: HashMap<(String, String), Vec<usize>>,
    people_by_company: HashMap<i64, Vec<usize>>,
    company_by_name: HashMap<String, usize>,
    company_by_domain: HashMap<String, usize>,
    company_by_ticker: HashMap<String, usize>,
    /// Hex digests (MD5, SHA-1, SHA-256, SHA-512) of every e-mail → person; built on the first
    /// hashed lookup, so a simulator that is never asked pays nothing for it.
    person_by_digest: OnceLock<HashMap<String, usize>>,
}

impl Dataset {
    /// Generates `people` people at `companies` companies from `seed`. Deterministic.
    pub fn generate(seed: u64, people: usize, companies: usize) -> Self {
        let (people, companies) = gen::generate(seed, people, companies);
        Self::index(people, companies)
    }

    fn index(people: Vec<Person>, companies: Vec<Company>) -> Self {
        let mut ds = Self {
            person_by_id: HashMap::with_capacity(people.len()),
            company_by_id: HashMap::with_capacity(companies.len()),
            person_by_email: HashMap::with_capacity(people.len()),
            person_by_phone: HashMap::with_capacity(people.len()),
            people_by_name: HashMap::new(),
            people_by_company: HashMap::with_capacity(companies.len()),
            company_by_name: HashMap::with_capacity(companies.len()),
            company_by_domain: HashMap::with_capacity(companies.len()),
            company_by_ticker: HashMap::new(),
            person_by_digest: OnceLock::new(),
            people: Vec::new(),
            companies: Vec::new(),
        };
        for (i, c) in companies.iter().enumerate() {
            ds.company_by_id.insert(c.id, i);
            ds.company_by_name.entry(c.name.to_lowercase()).or_insert(i);
            ds.company_by_domain.entry(c.domain.clone()).or_insert(i);
            if let Some(sym) = c.ticker_symbol() {
                ds.company_by_ticker.entry(sym.to_uppercase()).or_insert(i);
            }
        }
        for (i, p) in people.iter().enumerate() {
            ds.person_by_id.insert(p.id, i);
            ds.person_by_email
                .entry(p.email.to_lowercase())
                .or_insert(i);
            for phone in [&p.phone, &p.mobile_phone] {
                if !phone.is_empty() {
                    ds.person_by_phone.entry(digits(phone)).or_insert(i);
                }
            }
            ds.people_by_name
                .entry((p.first_name.to_lowercase(), p.last_name.to_lowercase()))
                .or_default()
                .push(i);
            ds.people_by_company
                .entry(p.company_id)
                .or_default()
                .push(i);
        }
        ds.people = people;
        ds.companies = companies;
        ds
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    pub fn companies(&self) -> &[Company] {
        &self.companies
    }

    pub fn person(&self, id: i64) -> Option<&Person> {
        self.person_by_id.get(&id).map(|&i| &self.people[i])
    }

    pub fn company(&self, id: i64) -> Option<&Company> {
        self.company_by_id.get(&id).map(|&i| &self.companies[i])
    }

    /// The company a person works at.
    pub fn company_of(&self, person: &Person) -> Option<&Company> {
        self.company(person.company_id)
    }

    /// Case-insensitive exact email match.
    pub fn person_by_email(&self, email: &str) -> Option<&Person> {
        self.person_by_email
            .get(&email.trim().to_lowercase())
            .map(|&i| &self.people[i])
    }

    /// Matches a lower-case hex MD5, SHA-1, SHA-256 or SHA-512 digest of an e-mail (any case),
    /// the algorithms the enrich `hashedEmail` input accepts.
    pub fn person_by_hashed_email(&self, digest: &str) -> Option<&Person> {
        let index = self.person_by_digest.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.people.len() * 4);
            for (i, p) in self.people.iter().enumerate() {
                for digest in email_digests(&p.email) {
                    index.entry(digest).or_insert(i);
                }
            }
            index
        });
        index
            .get(&digest.trim().to_ascii_lowercase())
            .map(|&i| &self.people[i])
    }

    /// Matches direct or mobile phone comparing digits only (a leading US `1` is optional).
    pub fn person_by_phone(&self, phone: &str) -> Option<&Person> {
        let d = digits(phone);
        if d.is_empty() {
            return None;
        }
        let found = self.person_by_phone.get(&d).or_else(|| {
            d.strip_prefix('1')
                .filter(|rest| rest.len() == 10)
                .and_then(|rest| self.person_by_phone.get(rest))
        });
        found.map(|&i| &self.people[i])
    }

    /// People with this first and last name (case-insensitive), at any company.
    pub fn people_named(&self, first: &str, last: &str) -> Vec<&Person> {
        let key = (first.trim().to_lowercase(), last.trim().to_lowercase());
        self.people_by_name
            .get(&key)
            .map(|v| v.iter().map(|&i| &self.people[i]).collect())
            .unwrap_or_default()
    }

    /// Everyone working at a company.
    pub fn people_at(&self, company_id: i64) -> Vec<&Person> {
        self.people_by_company
            .get(&company_id)
            .map(|v| v.iter().map(|&i| &self.people[i]).collect())
            .unwrap_or_default()
    }

    /// Case-insensitive exact name match (after trimming).
    pub fn company_by_name(&self, name: &str) -> Option<&Company> {
        self.company_by_name
            .get(&name.trim().to_lowercase())
            .map(|&i| &self.companies[i])
    }

    /// Accepts a domain or any URL form (`https://www.acme.com/about`).
    pub fn company_by_domain(&self, website: &str) -> Option<&Company> {
        self.company_by_domain
            .get(&normalize_domain(website))
            .map(|&i| &self.companies[i])
    }

    /// Accepts `"ACWG"` or `"NASDAQ: ACWG"`, any case.
    pub fn company_by_ticker(&self, ticker: &str) -> Option<&Company> {
        let sym = ticker
            .trim()
            .rsplit([' ', ':'])
            .next()
            .unwrap_or("")
            .to_uppercase();
        self.company_by_ticker
            .get(&sym)
            .map(|&i| &self.companies[i])
    }
}

/// The e-mail trimmed and lower-cased, hashed with MD5, SHA-1, SHA-256 and SHA-512, as
/// lower-case hex (how `hashedEmails` is written in the published example).
pub fn email_digests(email: &str) -> [String; 4] {
    let email = email.trim().to_lowercase();
    let bytes = email.as_bytes();
    [
        format!("{:x}", Md5::digest(bytes)),
        format!("{:x}", Sha1::digest(bytes)),
        format!("{:x}", Sha256::digest(bytes)),
        format!("{:x}", Sha512::digest(bytes)),
    ]
}

/// Only the ASCII digits of `s`.
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// `"HTTPS://www.Acme.com/about?x"` → `"acme.com"`.
pub fn normalize_domain(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(&s);
    let s = s.strip_prefix("www.").unwrap_or(s);
    let end = s.find(['/', '?', '#', ':']).unwrap_or(s.len());
    s[..end].trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_domains() {
        assert_eq!(
            normalize_domain("HTTPS://www.Acme-Widgets.com/about?x=1"),
            "acme-widgets.com"
        );
        assert_eq!(normalize_domain("acme.io"), "acme.io");
        assert_eq!(normalize_domain("http://acme.co.uk:8080"), "acme.co.uk");
    }

    #[test]
    fn email_digests_are_the_well_known_ones() {
        // Digests of "test@example.com", as any hashing tool writes them.
        let [md5, sha1, sha256, sha512] = email_digests("  Test@Example.com ");
        assert_eq!(md5, "55502f40dc8b7c769880b10874abc9d0");
        assert_eq!(sha1, "567159d622ffbb50b11b0efd307be358624a26ee");
        assert_eq!(
            sha256,
            "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b"
        );
        assert_eq!(sha512.len(), 128);
    }

    #[test]
    fn small_dataset_is_consistent() {
        let ds = Dataset::generate(7, 500, 50);
        assert_eq!(ds.people().len(), 500);
        assert_eq!(ds.companies().len(), 50);
        for p in ds.people() {
            assert!(ds.company(p.company_id).is_some());
            assert_eq!(ds.person_by_email(&p.email).map(|x| x.id), Some(p.id));
        }
        let p = &ds.people()[7];
        for digest in email_digests(&p.email) {
            assert_eq!(
                ds.person_by_hashed_email(&digest.to_uppercase())
                    .map(|x| x.id),
                Some(p.id)
            );
        }
        for c in ds.companies() {
            assert_eq!(ds.company_by_domain(&c.website).map(|x| x.id), Some(c.id));
            assert_eq!(ds.company_by_name(&c.name).map(|x| x.id), Some(c.id));
        }
    }
}
