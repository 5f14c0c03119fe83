//! Which spreadsheet column feeds which ZoomInfo match input.
//!
//! Suggested from the headers (English and common European languages, compared without
//! accents, case, punctuation or spaces) and, for columns whose header says nothing, from the
//! values; corrected by the user's `COLUMN=input` overrides; checked before anything is spent.

mod content;
mod headers;
mod overrides;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::RecordKind;

pub use super::inputs::MatchInput;
use super::inputs::{join_and, join_or, needed_inputs, rules_for, ColumnInput};
use content::guess_content;
use headers::{guess_header, Guess};
pub use overrides::apply_overrides;

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

impl ColumnInput for ColumnMapping {
    fn column(&self) -> usize {
        self.column
    }

    fn input(&self) -> Option<MatchInput> {
        self.input
    }
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

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

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
