//! Sample files for the demo and for benchmarks: rows the demo simulator knows, mixed the way
//! CRM exports are (duplicates in other casing, people it does not know, rows with nothing to
//! match on).

use std::path::{Path, PathBuf};

use zi_core::{Console, CoreError, RecordKind, Result};
use zi_sim::{Dataset, SimConfig};

/// Rows in the sample file the demo offers on the Enrich screen.
pub const DEMO_SAMPLE_ROWS: usize = 500;

/// Demo only: the sample file of `kind` in `folder`, written on first use. An existing sample is
/// kept as is (same content), so choosing it again finds its earlier job and resumes it.
pub fn demo_sample_file(console: &Console, kind: RecordKind, folder: &Path) -> Result<PathBuf> {
    if !console.is_demo() {
        return Err(CoreError::NotDemo(
            "Sample files are for the demo only. Choose a file of your own.".into(),
        ));
    }
    let path = folder.join(match kind {
        RecordKind::Contact => "sample-contacts.csv",
        RecordKind::Company => "sample-companies.csv",
    });
    if !path.is_file() {
        std::fs::create_dir_all(folder).map_err(|e| CoreError::Write {
            path: folder.display().to_string(),
            detail: e.to_string(),
        })?;
        write_sample_file(kind, DEMO_SAMPLE_ROWS, &path)?;
    }
    Ok(path)
}

/// Writes `rows` data rows (plus a header) to `path` (.csv or .xlsx). Deterministic.
pub fn write_sample_file(kind: RecordKind, rows: usize, path: &Path) -> Result<()> {
    let config = SimConfig::demo();
    let data = Dataset::generate(config.seed, config.people, config.companies);
    let mut writer = zi_sheet::create(path)?;
    match kind {
        RecordKind::Contact => {
            writer.write_row(&[
                "First Name",
                "Last Name",
                "Email",
                "Company",
                "Phone",
                "Notes",
            ])?;
            for i in 0..rows {
                let row = contact_row(&data, i);
                writer.write_row(&row.iter().map(String::as_str).collect::<Vec<_>>())?;
            }
        }
        RecordKind::Company => {
            writer.write_row(&["Account Name", "Website", "Phone", "Notes"])?;
            for i in 0..rows {
                let row = company_row(&data, i);
                writer.write_row(&row.iter().map(String::as_str).collect::<Vec<_>>())?;
            }
        }
    }
    writer.finish()?;
    Ok(())
}

fn contact_row(data: &Dataset, i: usize) -> Vec<String> {
    let people = data.people();
    let person = &people[i % people.len()];
    let company = data
        .company_of(person)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let unknown = i >= people.len();
    let (first, last) = (person.first_name.clone(), person.last_name.clone());
    match i % 20 {
        // Nothing to match on.
        0 => vec![
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "call back next week".into(),
        ],
        // Someone ZoomInfo does not know.
        1 => vec![
            "Alex".into(),
            "Unknown".into(),
            format!("alex.unknown{i}@nowhere-{i}.example"),
            "Nowhere Inc".into(),
            String::new(),
            String::new(),
        ],
        // The same person as a few rows up (an ordinary email row), typed differently.
        2 if i >= 4 => {
            let previous = &people[(i - 4) % people.len()];
            vec![
                previous.first_name.clone(),
                previous.last_name.clone(),
                format!("  {}  ", previous.email.to_uppercase()),
                String::new(),
                String::new(),
                "duplicate".into(),
            ]
        }
        // Name and company only.
        3 | 4 => vec![
            first,
            last,
            String::new(),
            company,
            String::new(),
            String::new(),
        ],
        // Phone only.
        5 if !person.phone.is_empty() => vec![
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            person.phone.clone(),
            String::new(),
        ],
        _ if unknown => vec![
            first,
            last,
            format!(
                "{}.{}{i}@unlisted-{}.example",
                person.first_name.to_lowercase(),
                person.last_name.to_lowercase(),
                i % 1000
            ),
            company,
            String::new(),
            String::new(),
        ],
        _ => vec![
            first,
            last,
            person.email.clone(),
            company,
            person.phone.clone(),
            String::new(),
        ],
    }
}

fn company_row(data: &Dataset, i: usize) -> Vec<String> {
    let companies = data.companies();
    let company = &companies[i % companies.len()];
    match i % 10 {
        0 => vec![
            String::new(),
            String::new(),
            String::new(),
            "prospect list".into(),
        ],
        1 => vec![
            format!("Nowhere Holdings {i}"),
            format!("https://nowhere-{i}.example/"),
            String::new(),
            String::new(),
        ],
        2 => vec![
            company.name.to_uppercase(),
            String::new(),
            String::new(),
            String::new(),
        ],
        _ if i >= companies.len() => vec![
            format!("Unlisted {i}"),
            format!("unlisted-{i}.example"),
            String::new(),
            String::new(),
        ],
        _ => vec![
            company.name.clone(),
            format!("https://{}/", company.domain),
            company.phone.clone(),
            String::new(),
        ],
    }
}
