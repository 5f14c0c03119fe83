//! Deterministic generation of companies and people from a seed.

use std::collections::HashSet;

use chrono::{Duration as Days, NaiveDate};

use super::rng::SeededRng;
use super::words::{self, Place};
use super::{Company, Person};

const FIRST_COMPANY_ID: i64 = 100_001;
const FIRST_PERSON_ID: i64 = 1_000_001;

pub fn generate(seed: u64, people: usize, companies: usize) -> (Vec<Person>, Vec<Company>) {
    let mut rng = SeededRng::new(seed);
    let mut phones = HashSet::new();
    let (companies, places) = gen_companies(&mut rng, &mut phones, companies);
    let people = gen_people(&mut rng, &mut phones, &companies, &places, people);
    (people, companies)
}

fn pick_place(rng: &mut SeededRng) -> Place {
    // Most ZoomInfo records are North American; a minority abroad keeps the data honest.
    if rng.chance(0.8) {
        *rng.pick(words::PLACES_US)
    } else {
        *rng.pick(words::PLACES_ABROAD)
    }
}

/// A phone number not used before, formatted the way the country writes it.
fn unique_phone(rng: &mut SeededRng, used: &mut HashSet<String>, place: &Place) -> String {
    loop {
        let phone = match place.country {
            words::US | words::CANADA => format!(
                "({}) {}-{:04}",
                place.area,
                rng.range(201, 999),
                rng.below(10_000)
            ),
            words::UK => format!(
                "+44 {} {:04} {:04}",
                place.area,
                rng.below(10_000),
                rng.below(10_000)
            ),
            _ => format!("+49 {} {:07}", place.area, rng.below(10_000_000)),
        };
        if used.insert(super::digits(&phone)) {
            return phone;
        }
    }
}

fn zip_code(rng: &mut SeededRng, place: &Place) -> String {
    const LETTERS: &[u8] = b"ABCEGHJKLMNPRSTVWXYZ";
    let letter = |rng: &mut SeededRng| char::from(*rng.pick(LETTERS));
    match place.country {
        words::US => format!("{}{:02}", place.zip_prefix, rng.below(100)),
        words::CANADA => {
            format!(
                "{} {}{}{}",
                place.zip_prefix,
                rng.below(10),
                letter(rng),
                rng.below(10)
            )
        }
        words::UK => format!(
            "{} {}{}{}",
            place.zip_prefix,
            rng.below(10),
            letter(rng),
            letter(rng)
        ),
        _ => format!("{}{:02}", place.zip_prefix, rng.below(100)),
    }
}

fn street(rng: &mut SeededRng) -> String {
    let mut s = format!(
        "{} {} {}",
        rng.range(1, 9_999),
        rng.pick(words::STREET_NAMES),
        rng.pick(words::STREET_KINDS)
    );
    if rng.chance(0.4) {
        s.push_str(&format!(" Suite {}", rng.range(100, 999)));
    }
    s
}

/// Head count between 10 and 200,000, roughly log-uniform (many small companies, few giants).
/// Integer arithmetic only: `powf` may differ in the last bit between platforms.
fn head_count(rng: &mut SeededRng) -> i64 {
    const TIERS: &[(u64, u64)] = &[
        (10, 49),
        (50, 199),
        (200, 999),
        (1_000, 4_999),
        (5_000, 19_999),
        (20_000, 200_000),
    ];
    let (lo, hi) = *rng.pick(TIERS);
    rng.range(lo, hi) as i64
}

fn slug(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

fn gen_companies(
    rng: &mut SeededRng,
    phones: &mut HashSet<String>,
    n: usize,
) -> (Vec<Company>, Vec<Place>) {
    // Every (head, tail) pair once, in a seeded order; past that, numbered repeats.
    let mut combos: Vec<(usize, usize)> = (0..words::COMPANY_HEADS.len())
        .flat_map(|h| (0..words::COMPANY_TAILS.len()).map(move |t| (h, t)))
        .collect();
    rng.shuffle(&mut combos);

    let mut domains = HashSet::new();
    let mut tickers = HashSet::new();
    let mut out = Vec::with_capacity(n);
    let mut places = Vec::with_capacity(n);
    for i in 0..n {
        let (h, t) = combos[i % combos.len()];
        let round = i / combos.len();
        let head = words::COMPANY_HEADS[h];
        let (tail, industries) = words::COMPANY_TAILS[t];
        let base = if round == 0 {
            format!("{head} {tail}")
        } else {
            format!("{head} {tail} {}", round + 1)
        };
        let name = format!("{base}{}", rng.pick(words::LEGAL_SUFFIXES));
        let place = pick_place(rng);

        let tld = match place.country {
            words::CANADA => "ca",
            words::UK => "co.uk",
            words::GERMANY => "de",
            _ => *rng.pick(&["com", "com", "com", "com", "com", "com", "io", "net", "co"]),
        };
        let words_of_base: Vec<String> = base.split(' ').map(slug).collect();
        let stem = if rng.chance(0.5) {
            words_of_base.join("-")
        } else {
            words_of_base.concat()
        };
        let mut domain = format!("{stem}.{tld}");
        let mut k = 2;
        while !domains.insert(domain.clone()) {
            domain = format!("{stem}{k}.{tld}");
            k += 1;
        }

        let employees = head_count(rng);
        let revenue_k = employees * rng.range(80, 450) as i64;

        let ticker = if employees >= 2_000 && rng.chance(0.35) {
            let mut sym: String = head.chars().take(3).collect::<String>().to_uppercase();
            sym.push(tail.chars().next().unwrap_or('X').to_ascii_uppercase());
            let mut extra = b'A';
            while !tickers.insert(sym.clone()) {
                sym.truncate(4);
                sym.push(char::from(extra));
                extra = extra.saturating_add(1);
            }
            let exchange = if rng.chance(0.5) { "NASDAQ" } else { "NYSE" };
            Some(format!("{exchange}: {sym}"))
        } else {
            None
        };

        out.push(Company {
            id: FIRST_COMPANY_ID + i as i64,
            name,
            website: format!("www.{domain}"),
            domain,
            phone: unique_phone(rng, phones, &place),
            street: street(rng),
            city: place.city.to_string(),
            state: place.state.to_string(),
            zip_code: zip_code(rng, &place),
            country: place.country.to_string(),
            revenue: revenue_k,
            employee_count: employees,
            industry: industries[0].to_string(),
            industries: industries.iter().map(|s| s.to_string()).collect(),
            company_type: if ticker.is_some() {
                "PUBLIC"
            } else {
                "PRIVATE"
            }
            .to_string(),
            ticker,
            founded_year: rng.range(1950, 2021) as i32,
        });
        places.push(place);
    }
    (out, places)
}

/// `"6/19/2020 1:41 PM"`: a seeded moment between 2019 and the end of 2024.
fn stamp(rng: &mut SeededRng, after: Option<(NaiveDate, u32)>) -> (NaiveDate, u32) {
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let (date, _) = after.unwrap_or((start, 0));
    let span = if after.is_some() { 400 } else { 6 * 365 };
    (
        date + Days::days(rng.range(1, span) as i64),
        rng.below(24 * 60) as u32,
    )
}

fn format_stamp((date, minutes): (NaiveDate, u32)) -> String {
    let (h24, m) = (minutes / 60, minutes % 60);
    let (h12, ampm) = match h24 {
        0 => (12, "AM"),
        1..=11 => (h24, "AM"),
        12 => (12, "PM"),
        _ => (h24 - 12, "PM"),
    };
    format!("{} {h12}:{m:02} {ampm}", date.format("%-m/%-d/%Y"))
}

fn title(rng: &mut SeededRng, level: &str, dept: usize) -> String {
    let area = words::DEPARTMENTS[dept].2;
    match level {
        "C-Level" => words::CHIEF_TITLES[dept].to_string(),
        "VP-Level" => match rng.below(3) {
            0 => format!("VP of {area}"),
            1 => format!("Vice President, {area}"),
            _ => format!("SVP, {area}"),
        },
        "Director" => match rng.below(3) {
            0 => format!("Director of {area}"),
            1 => format!("Senior Director, {area}"),
            _ => format!("{area} Director"),
        },
        "Manager" => match rng.below(3) {
            0 => format!("{area} Manager"),
            1 => format!("Senior {area} Manager"),
            _ => format!("Manager, {area}"),
        },
        _ => rng.pick(words::STAFF_TITLES[dept]).to_string(),
    }
}

fn management_level(rng: &mut SeededRng) -> &'static str {
    let mut roll = rng.below(1_000) as u32;
    for &(level, share) in words::MANAGEMENT_LEVELS {
        if roll < share {
            return level;
        }
        roll -= share;
    }
    "Non-Manager"
}

fn gen_people(
    rng: &mut SeededRng,
    phones: &mut HashSet<String>,
    companies: &[Company],
    places: &[Place],
    n: usize,
) -> Vec<Person> {
    if companies.is_empty() {
        return Vec::new();
    }
    // Bigger companies get more people, but sub-linearly so small ones are not empty.
    let mut cumulative = Vec::with_capacity(companies.len());
    let mut total = 0f64;
    for c in companies {
        total += (c.employee_count as f64).sqrt();
        cumulative.push(total);
    }

    let mut emails = HashSet::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let target = rng.unit() * total;
        let ci = cumulative
            .partition_point(|&w| w <= target)
            .min(companies.len() - 1);
        let company = &companies[ci];
        let id = FIRST_PERSON_ID + i as i64;

        let first = *rng.pick(words::FIRST_NAMES);
        let last = *rng.pick(words::LAST_NAMES);
        let middle = if rng.chance(0.25) {
            *rng.pick(words::MIDDLE_INITIALS)
        } else {
            ""
        };

        let local = format!("{}.{}", slug(first), slug(last));
        let mut email = format!("{local}@{}", company.domain);
        let mut k = 2;
        while !emails.insert(email.clone()) {
            email = format!("{local}{k}@{}", company.domain);
            k += 1;
        }

        let at_hq = rng.chance(0.85);
        let place = if at_hq { places[ci] } else { pick_place(rng) };
        let level = management_level(rng);
        let dept = rng.below(words::DEPARTMENTS.len() as u64) as usize;
        let (department, function, _) = words::DEPARTMENTS[dept];

        let phone = if rng.chance(0.9) {
            unique_phone(rng, phones, &place)
        } else {
            String::new()
        };
        let mobile_phone = if rng.chance(0.45) {
            unique_phone(rng, phones, &place)
        } else {
            String::new()
        };
        let linkedin_url = if rng.chance(0.85) {
            format!(
                "https://www.linkedin.com/in/{}-{}-{:x}",
                slug(first),
                slug(last),
                id
            )
        } else {
            String::new()
        };
        let valid = stamp(rng, None);
        let last_updated_date = if rng.chance(0.45) {
            format_stamp(stamp(rng, Some(valid)))
        } else {
            String::new()
        };
        // Skewed towards the high scores the published examples show.
        let score = 70 + rng.below(30).max(rng.below(30)) as u32;

        out.push(Person {
            id,
            first_name: first.to_string(),
            middle_name: middle.to_string(),
            last_name: last.to_string(),
            email,
            has_supplemental_email: rng.chance(0.4),
            phone,
            mobile_phone,
            job_title: title(rng, level, dept),
            job_function: function.to_string(),
            management_level: level.to_string(),
            department: department.to_string(),
            street: if at_hq {
                company.street.clone()
            } else {
                String::new()
            },
            city: place.city.to_string(),
            state: place.state.to_string(),
            country: place.country.to_string(),
            zip_code: if at_hq {
                company.zip_code.clone()
            } else {
                zip_code(rng, &place)
            },
            linkedin_url,
            company_id: company.id,
            contact_accuracy_score: score,
            valid_date: format_stamp(valid),
            last_updated_date,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_use_the_published_format() {
        let d = NaiveDate::from_ymd_opt(2020, 6, 19).unwrap_or_default();
        assert_eq!(format_stamp((d, 13 * 60 + 41)), "6/19/2020 1:41 PM");
        assert_eq!(format_stamp((d, 5)), "6/19/2020 12:05 AM");
    }
}
