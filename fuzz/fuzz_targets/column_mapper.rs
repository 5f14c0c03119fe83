//! The column mapper on any header row, sample rows and `--map` overrides, then the row keys
//! of those rows.
//!
//! Asserts: one mapping per column (the widest of the header and the rows), in order; no input
//! is fed by two columns, before or after overrides; suggestions only use inputs the record
//! kind can send; a rejected set of overrides changes nothing; and when `check_usable` says no
//! match rule can work, no row gets a key, while every key a row gets names its kind.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use zi_core::enrich::keys::row_key;
use zi_core::enrich::mapping::{
    apply_overrides, check_usable, suggest, ColumnMapping, MappingError, MappingSource, MatchInput,
};
use zi_core::RecordKind;

#[derive(Arbitrary, Debug)]
struct Input {
    companies: bool,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    overrides: Vec<Override>,
}

/// A `--map` argument: mostly well-formed ones naming real columns and inputs, some free text.
#[derive(Arbitrary, Debug)]
enum Override {
    ByHeader { column: u8, input: u8 },
    ByNumber { column: u8, input: u8 },
    Text(String),
}

const MAX_COLUMNS: usize = 40;
const MAX_ROWS: usize = 25;

fuzz_target!(|input: Input| {
    let kind = if input.companies {
        RecordKind::Company
    } else {
        RecordKind::Contact
    };
    let headers: Vec<String> = input.headers.into_iter().take(MAX_COLUMNS).collect();
    let rows: Vec<Vec<String>> = input
        .rows
        .into_iter()
        .take(MAX_ROWS)
        .map(|r| r.into_iter().take(MAX_COLUMNS).collect())
        .collect();

    let mut mappings = suggest(kind, &headers, &rows);
    let width = rows.iter().map(Vec::len).fold(headers.len(), usize::max);
    assert_eq!(mappings.len(), width, "one mapping per column");
    for (i, m) in mappings.iter().enumerate() {
        assert_eq!(m.column, i);
        assert_eq!(m.header, headers.get(i).cloned().unwrap_or_default());
        assert_eq!(
            m.input.is_none(),
            m.source == MappingSource::Unmapped,
            "{m:?}"
        );
        assert!(m.confidence <= 100);
        assert!(m.samples.len() <= 3 && m.samples.iter().all(|s| s.chars().count() <= 60));
        if let Some(i) = m.input {
            assert!(i.api_field(kind).is_some(), "{kind:?} cannot send {i:?}");
        }
    }
    each_input_once(&mappings);

    let overrides: Vec<String> = input
        .overrides
        .iter()
        .take(8)
        .map(|o| override_text(o, &mappings))
        .collect();
    let before = mappings.clone();
    match apply_overrides(&mut mappings, &overrides) {
        Ok(()) => each_input_once(&mappings),
        Err(_) => assert_eq!(mappings, before, "a refused override changed the mapping"),
    }

    let usable = check_usable(kind, &mappings);
    let prefix = format!("{}:", kind.as_str());
    for row in &rows {
        match row_key(kind, &mappings, row) {
            Ok(key) => {
                assert!(
                    !matches!(usable, Err(MappingError::Unusable { .. })),
                    "a row got a key from an unusable mapping: {key:?}"
                );
                assert!(key.key.starts_with(&prefix), "{}", key.key);
            }
            Err(invalid) => assert!(!invalid.reason.is_empty()),
        }
    }
});

fn each_input_once(mappings: &[ColumnMapping]) {
    let mut seen: Vec<MatchInput> = Vec::new();
    for input in mappings.iter().filter_map(|m| m.input) {
        assert!(
            !seen.contains(&input),
            "{input:?} is mapped twice: {mappings:?}"
        );
        seen.push(input);
    }
}

fn override_text(o: &Override, mappings: &[ColumnMapping]) -> String {
    let input_name = |i: u8| {
        MatchInput::ALL
            .get(usize::from(i) % (MatchInput::ALL.len() + 1))
            .map_or("none", |input| input.name())
    };
    match o {
        Override::ByHeader { column, input } => {
            let header = mappings
                .get(usize::from(*column))
                .map(ColumnMapping::display_name)
                .unwrap_or_default();
            format!("{header}={}", input_name(*input))
        }
        Override::ByNumber { column, input } => format!("#{column}={}", input_name(*input)),
        Override::Text(text) => text.clone(),
    }
}
