//! The user's `--map "COLUMN=input"` corrections: finding the column they name and the input
//! they mean.

use super::super::inputs::{MatchInput, INPUT_ALIASES};
use super::super::normalize::compact;
use super::{ColumnMapping, MappingError, MappingSource};

// Reading what users type lives with the overrides that read it; the inputs module holds
// only the facts (names, labels, aliases).
impl MatchInput {
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
