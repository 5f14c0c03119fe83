//! Normalized keys: the strongest usable input of each row, the key that finds the same person
//! or company again (within the file and in the cache), and the API input object to send.

use serde_json::Value;
use zi_client::{Record, RecordKind};

use super::inputs::{needed_inputs, rules_for, ColumnInput, KeyStrength, MatchInput, MatchRule};
use super::normalize::{
    is_blank, normalize_domain, normalize_email_into, normalize_hash, normalize_linkedin,
    normalize_name_into, normalize_phone, normalize_ticker, parse_id, tidy, without_text_marker,
};

/// The strongest usable input of one row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowKey {
    /// Dedupe and cache key: "contact:email:jane@acme.com", "company:domain:acme.com",
    /// "contact:name:jane doe|company_name=acme".
    pub key: String,
    pub strength: KeyStrength,
    /// The input object to send (API field names, values trimmed and normalized where the
    /// API benefits: email lower-cased, website as the bare domain, ids as numbers).
    pub input: Record,
}

/// A row with nothing usable to match on, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct InvalidRow {
    /// e.g. "email 'jane@' is not valid", "'Jane Doe' has no company to match with".
    pub reason: String,
}

/// The strongest usable input of one row, in the order of the match rules: for contacts
/// person id, email, hashed email, phone, first + last name + company (id or name), full
/// name + company; for companies company id, website, ticker, name (with any address
/// columns). A malformed value falls through to the next strongest input; a missing cell
/// (ragged row) is empty.
pub fn row_key<M: ColumnInput>(
    kind: RecordKind,
    mappings: &[M],
    cells: &[String],
) -> Result<RowKey, InvalidRow> {
    KeyReader::new(kind, mappings).row_key(cells)
}

/// The cells of one row, however the reader holds them.
pub(crate) trait RowCells {
    /// The cell in `column`; `None` past the end of a ragged row.
    fn cell(&self, column: usize) -> Option<&str>;
    /// Whether every cell is empty or a placeholder.
    fn all_blank(&self) -> bool;
}

impl RowCells for [String] {
    fn cell(&self, column: usize) -> Option<&str> {
        self.get(column).map(String::as_str)
    }

    fn all_blank(&self) -> bool {
        self.iter().all(|c| is_blank(c.trim()))
    }
}

impl RowCells for zi_sheet::RowView<'_> {
    fn cell(&self, column: usize) -> Option<&str> {
        zi_sheet::RowView::cell(self, column)
    }

    fn all_blank(&self) -> bool {
        self.cells().all(|c| is_blank(c.trim()))
    }
}

/// Reads the keys of a file's rows with one mapping: which columns count is worked out once,
/// and each row's cells are normalized only as far as the strongest usable rule needs.
pub(crate) struct KeyReader {
    kind: RecordKind,
    /// The mapped columns this kind can send, in mapping order.
    columns: Vec<(usize, MatchInput)>,
    /// Whether this row's value of each of those columns is good, worked out on first use.
    slots: Vec<Slot>,
    /// The good values as part of a key (buffers reused from row to row).
    values: Vec<String>,
    /// The slots the rule found for this row uses, in the rule's order.
    picked: Vec<usize>,
    /// Slots sent along with the picked ones but left out of the key (the rule's companions).
    companions: Vec<usize>,
}

/// One column's value in the current row.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Unread,
    Blank,
    /// Its value as part of a key is in `values`.
    Good,
    /// Unusable (what is wrong is worked out again only to say why a row is invalid).
    Bad,
}

impl KeyReader {
    pub(crate) fn new<M: ColumnInput>(kind: RecordKind, mappings: &[M]) -> Self {
        let columns: Vec<(usize, MatchInput)> = mappings
            .iter()
            .filter_map(|m| {
                let input = m.input()?;
                input.api_field(kind)?;
                Some((m.column(), input))
            })
            .collect();
        KeyReader {
            kind,
            slots: vec![Slot::Unread; columns.len()],
            values: vec![String::new(); columns.len()],
            picked: Vec::new(),
            companions: Vec::new(),
            columns,
        }
    }

    /// Writes the row's key into `key` (cleared first); `false` for a row with nothing usable
    /// to match on (then `key` is left empty).
    pub(crate) fn key_into<C: RowCells + ?Sized>(&mut self, cells: &C, key: &mut String) -> bool {
        key.clear();
        match self.find_rule(cells) {
            Some(rule) => {
                self.write_key(rule, key);
                true
            }
            None => false,
        }
    }

    /// The row's key with the input to send, or why the row is invalid.
    pub(crate) fn row_key<C: RowCells + ?Sized>(
        &mut self,
        cells: &C,
    ) -> Result<RowKey, InvalidRow> {
        let Some(rule) = self.find_rule(cells) else {
            return Err(InvalidRow {
                reason: self.why_invalid(cells),
            });
        };
        let mut key = String::new();
        self.write_key(rule, &mut key);
        let mut input = Record::new();
        for &slot in self.picked.iter().chain(&self.companions) {
            let (column, which) = self.columns[slot];
            if let (Some(field), Slot::Good) = (which.api_field(self.kind), &self.slots[slot]) {
                let value = sent_value(which, raw_cell(cells, column), &self.values[slot]);
                input.insert(field.to_string(), value);
            }
        }
        Ok(RowKey {
            key,
            strength: rule.strength,
            input,
        })
    }

    /// The strongest rule the row can use; `self.picked` then holds the slots it uses.
    fn find_rule<C: RowCells + ?Sized>(&mut self, cells: &C) -> Option<&'static MatchRule> {
        self.slots.fill(Slot::Unread);
        rules_for(self.kind).find(|rule| {
            self.picked.clear();
            self.companions.clear();
            for group in rule.needs {
                match self.usable(cells, group) {
                    Some(slot) => self.picked.push(slot),
                    None => return false,
                }
            }
            for extra in rule.extras {
                if let Some(slot) = self.usable(cells, std::slice::from_ref(extra)) {
                    self.picked.push(slot);
                }
            }
            for companion in rule.companions {
                if let Some(slot) = self.usable(cells, std::slice::from_ref(companion)) {
                    self.companions.push(slot);
                }
            }
            true
        })
    }

    /// The first good value for the first input of `group` that has one.
    fn usable<C: RowCells + ?Sized>(&mut self, cells: &C, group: &[MatchInput]) -> Option<usize> {
        group.iter().find_map(|want| {
            (0..self.columns.len()).find(|&slot| {
                self.columns[slot].1 == *want && matches!(self.slot(cells, slot), Slot::Good)
            })
        })
    }

    /// The slot's value, normalized now if this row has not needed it yet.
    fn slot<C: RowCells + ?Sized>(&mut self, cells: &C, slot: usize) -> &Slot {
        if matches!(self.slots[slot], Slot::Unread) {
            let (column, input) = self.columns[slot];
            let raw = raw_cell(cells, column);
            let value = &mut self.values[slot];
            value.clear();
            self.slots[slot] = if is_blank(raw) {
                Slot::Blank
            } else {
                match prepare(input, raw, value) {
                    Ok(()) => Slot::Good,
                    Err(_) => Slot::Bad,
                }
            };
        }
        &self.slots[slot]
    }

    /// "kind:tag:parts": name parts read as one ("jane" + "doe" and "Jane Doe" give the same
    /// key); the first other part stands bare, the rest are labelled.
    fn write_key(&self, rule: &MatchRule, key: &mut String) {
        key.push_str(self.kind.as_str());
        key.push(':');
        key.push_str(rule.strength.tag());
        key.push(':');
        let prepared = |slot: usize| match &self.slots[slot] {
            Slot::Good => self.values[slot].as_str(),
            _ => "",
        };
        let is_name = |slot: &usize| {
            matches!(
                self.columns[*slot].1,
                MatchInput::FirstName | MatchInput::LastName | MatchInput::FullName
            )
        };
        let mut parts = 0;
        for (i, &slot) in self.picked.iter().filter(|s| is_name(s)).enumerate() {
            if i > 0 {
                key.push(' ');
            }
            key.push_str(prepared(slot));
            parts = 1;
        }
        for &slot in self.picked.iter().filter(|s| !is_name(s)) {
            if parts > 0 {
                key.push('|');
                key.push_str(self.columns[slot].1.name());
                key.push('=');
            }
            key.push_str(prepared(slot));
            parts += 1;
        }
    }

    /// Why no rule could be used: the broken values, what is half there, or what is missing.
    fn why_invalid<C: RowCells + ?Sized>(&mut self, cells: &C) -> String {
        let kind = self.kind;
        if cells.all_blank() {
            return "the row is empty".to_string();
        }
        let values: Vec<Cell> = (0..self.columns.len())
            .filter_map(|slot| {
                let (column, input) = self.columns[slot];
                let raw = raw_cell(cells, column);
                let prepared = match self.slot(cells, slot) {
                    Slot::Good => Ok(()),
                    Slot::Bad => prepare(input, raw, &mut String::new()),
                    Slot::Blank | Slot::Unread => return None,
                };
                Some(Cell {
                    input,
                    raw,
                    prepared,
                })
            })
            .collect();
        let identifying =
            |i: MatchInput| rules_for(kind).any(|r| r.needs.iter().any(|g| g.contains(&i)));
        let mut reasons: Vec<String> = Vec::new();
        for cell in values.iter().filter(|c| identifying(c.input)) {
            if let Err(problem) = &cell.prepared {
                if !reasons.contains(problem) {
                    reasons.push(problem.clone());
                }
            }
        }

        let good = |i: MatchInput| {
            values
                .iter()
                .find(|c| c.input == i && c.prepared.is_ok())
                .map(|c| tidy(c.raw))
        };
        if kind == RecordKind::Contact {
            let (first, last, full) = (
                good(MatchInput::FirstName),
                good(MatchInput::LastName),
                good(MatchInput::FullName),
            );
            let company = good(MatchInput::CompanyName).or(good(MatchInput::CompanyId));
            let person = full.clone().or_else(|| {
                let parts: Vec<String> = [first.clone(), last.clone()]
                    .into_iter()
                    .flatten()
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            });
            match (person, company) {
                (Some(person), None) => {
                    reasons.push(format!("'{}' has no company to match with", quote(&person)))
                }
                (Some(_), Some(_)) if full.is_none() => {
                    let missing = if first.is_none() { "first" } else { "last" };
                    reasons.push(format!(
                        "a {missing} name is needed to match by name + company"
                    ));
                }
                (None, Some(company)) => reasons.push(format!(
                    "company '{}' but no person's name to match",
                    quote(&company)
                )),
                _ => {}
            }
        }
        if reasons.is_empty() {
            format!("nothing to match on: needs {}", needed_inputs(kind))
        } else {
            reasons.join("; ")
        }
    }
}

/// A mapped cell as read: trimmed, a spreadsheet-safe quote read through ("" when missing).
fn raw_cell<C: RowCells + ?Sized>(cells: &C, column: usize) -> &str {
    cells
        .cell(column)
        .map_or("", |c| without_text_marker(c.trim()))
}

/// A mapped, non-empty cell and whether it gives a value (for saying why a row is invalid).
struct Cell<'a> {
    input: MatchInput,
    raw: &'a str,
    prepared: Result<(), String>,
}

/// A cell's value for `input` as part of a key, written to `out` (empty), or what is wrong
/// with it.
fn prepare(input: MatchInput, raw: &str, out: &mut String) -> Result<(), String> {
    let shown = || quote(raw);
    let mut put = |value: Option<String>, problem: &dyn Fn() -> String| match value {
        Some(value) => {
            out.push_str(&value);
            Ok(())
        }
        None => Err(problem()),
    };
    match input {
        MatchInput::PersonId | MatchInput::CompanyId => {
            put(parse_id(raw).map(|id| id.to_string()), &|| {
                let which = if input == MatchInput::PersonId {
                    "person"
                } else {
                    "company"
                };
                format!(
                    "{which} ID '{}' is not a ZoomInfo ID (digits only)",
                    shown()
                )
            })
        }
        MatchInput::Email => {
            if normalize_email_into(raw, out) {
                Ok(())
            } else {
                out.clear();
                Err(format!("email '{}' is not valid", shown()))
            }
        }
        MatchInput::HashedEmail => put(normalize_hash(raw), &|| {
            format!(
                "hashed email '{}' is not an MD5, SHA-1, SHA-256 or SHA-512 hex digest",
                shown()
            )
        }),
        MatchInput::Phone => put(
            normalize_phone(raw).map(|phone| phone.trim_start_matches('+').to_string()),
            &|| format!("phone '{}' is not a phone number", shown()),
        ),
        MatchInput::Website => put(normalize_domain(raw), &|| {
            format!("website '{}' is not a domain", shown())
        }),
        MatchInput::Ticker => put(normalize_ticker(raw), &|| {
            format!("ticker '{}' is not a stock symbol", shown())
        }),
        MatchInput::LinkedIn => put(normalize_linkedin(raw), &|| {
            format!("LinkedIn URL '{}' is not a LinkedIn page", shown())
        }),
        MatchInput::FullName if raw.split_whitespace().count() < 2 => Err(format!(
            "full name '{}' needs a first and a last name",
            shown()
        )),
        MatchInput::FirstName
        | MatchInput::LastName
        | MatchInput::FullName
        | MatchInput::CompanyName
        | MatchInput::JobTitle
        | MatchInput::City
        | MatchInput::State
        | MatchInput::Country
        | MatchInput::ZipCode
        | MatchInput::Street => {
            normalize_name_into(raw, out);
            Ok(())
        }
    }
}

/// What is sent for a cell whose key part is `prepared` (API benefits: email lower-cased,
/// website as the bare domain, ids as numbers, phones with their "+", names as written).
fn sent_value(input: MatchInput, raw: &str, prepared: &str) -> Value {
    match input {
        MatchInput::PersonId | MatchInput::CompanyId => prepared
            .parse::<u64>()
            .map_or_else(|_| Value::String(prepared.to_string()), Value::from),
        MatchInput::Email | MatchInput::HashedEmail | MatchInput::Website | MatchInput::Ticker => {
            Value::String(prepared.to_string())
        }
        MatchInput::Phone => {
            Value::String(normalize_phone(raw).unwrap_or_else(|| prepared.to_string()))
        }
        MatchInput::LinkedIn => Value::String(format!("https://www.{prepared}")),
        MatchInput::FirstName
        | MatchInput::LastName
        | MatchInput::FullName
        | MatchInput::CompanyName
        | MatchInput::JobTitle
        | MatchInput::City
        | MatchInput::State
        | MatchInput::Country
        | MatchInput::ZipCode
        | MatchInput::Street => Value::String(tidy(raw)),
    }
}

/// A value for a message: at most 40 characters.
fn quote(value: &str) -> String {
    const MAX: usize = 40;
    if value.chars().count() > MAX {
        let cut: String = value.chars().take(MAX - 1).collect();
        format!("{cut}…")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use MatchInput as I;

    /// Columns mapped to these inputs, in this order.
    fn mapping(inputs: &[I]) -> Vec<(usize, MatchInput)> {
        inputs.iter().copied().enumerate().collect()
    }

    fn cells(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    fn key(kind: RecordKind, inputs: &[I], values: &[&str]) -> RowKey {
        row_key(kind, &mapping(inputs), &cells(values)).expect("a usable row")
    }

    fn invalid(kind: RecordKind, inputs: &[I], values: &[&str]) -> String {
        row_key(kind, &mapping(inputs), &cells(values))
            .expect_err("an invalid row")
            .reason
    }

    /// Each row of `cases` (its values, then the strength, key and input object it should
    /// give) through the columns `inputs`.
    fn assert_keys(kind: RecordKind, inputs: &[I], cases: &[(&[&str], KeyStrength, &str, Value)]) {
        for (values, strength, expected_key, sent) in cases {
            let k = key(kind, inputs, values);
            assert_eq!(
                (k.strength, k.key.as_str()),
                (*strength, *expected_key),
                "{values:?}"
            );
            assert_eq!(Value::Object(k.input), *sent, "{values:?}");
        }
    }

    #[test]
    fn names_are_sent_as_written() {
        let k = key(
            RecordKind::Contact,
            &[I::FirstName, I::LastName, I::CompanyName],
            &["  Jane ", "van  Doe", " Acme  Widgets "],
        );
        assert_eq!(
            Value::Object(k.input),
            json!({"firstName": "Jane", "lastName": "van Doe", "companyName": "Acme Widgets"})
        );
    }

    #[test]
    fn contacts_prefer_id_then_email_then_phone_then_name_and_company() {
        let inputs = [
            I::PersonId,
            I::Email,
            I::Phone,
            I::FirstName,
            I::LastName,
            I::CompanyName,
        ];
        assert_keys(
            RecordKind::Contact,
            &inputs,
            &[
                (
                    &[
                        "1234567890",
                        "Jane@Acme.com",
                        "+1 415 555 0100",
                        "Jane",
                        "Doe",
                        "Acme",
                    ],
                    KeyStrength::Id,
                    "contact:id:1234567890",
                    json!({"personId": 1234567890u64}),
                ),
                (
                    &[
                        "",
                        "Jane@Acme.com",
                        "+1 415 555 0100",
                        "Jane",
                        "Doe",
                        "Acme",
                    ],
                    KeyStrength::Email,
                    "contact:email:jane@acme.com",
                    json!({"emailAddress": "jane@acme.com"}),
                ),
                (
                    &["", "", "+1 (415) 555-0100", "Jane", "Doe", "Acme"],
                    KeyStrength::Phone,
                    "contact:phone:14155550100",
                    json!({"phone": "+14155550100"}),
                ),
                (
                    &["", "", "", "Jane", "Doe", "Acme"],
                    KeyStrength::NameAndCompany,
                    "contact:name:jane doe|company_name=acme",
                    json!({"firstName": "Jane", "lastName": "Doe", "companyName": "Acme"}),
                ),
            ],
        );
    }

    #[test]
    fn a_broken_value_falls_through_to_the_next_input() {
        let cases = [
            (
                &[I::Email, I::Phone],
                &["jane@", "415-555-0100"],
                KeyStrength::Phone,
            ),
            (
                &[I::PersonId, I::Email],
                &["abc", "jane@acme.com"],
                KeyStrength::Email,
            ),
        ];
        for (inputs, values, strength) in cases {
            assert_eq!(
                key(RecordKind::Contact, inputs, values).strength,
                strength,
                "{values:?}"
            );
        }
        // Alone, the broken email makes the row invalid, saying why.
        assert_eq!(
            invalid(RecordKind::Contact, &[I::Email, I::Phone], &["jane@", ""]),
            "email 'jane@' is not valid"
        );
    }

    #[test]
    fn full_name_and_company_id_are_used_when_nothing_stronger_is_there() {
        assert_keys(
            RecordKind::Contact,
            &[I::FullName, I::CompanyId, I::CompanyName],
            &[
                (
                    &["Jane  Doe", "344589814", "Acme"],
                    KeyStrength::NameAndCompany,
                    "contact:name:jane doe|company_id=344589814",
                    json!({"fullName": "Jane Doe", "companyId": 344589814u64}),
                ),
                // A company id that is no ZoomInfo id leaves the company name.
                (
                    &["Jane Doe", "0013000000abcDE", "Acme"],
                    KeyStrength::NameAndCompany,
                    "contact:name:jane doe|company_name=acme",
                    json!({"fullName": "Jane Doe", "companyName": "Acme"}),
                ),
            ],
        );
    }

    #[test]
    fn invalid_rows_say_why() {
        let inputs = [
            I::Email,
            I::FirstName,
            I::LastName,
            I::CompanyName,
            I::FullName,
        ];
        let cases: &[(&[&str], &str)] = &[
            (&["", "", "", "", ""], "the row is empty"),
            (&[], "the row is empty"),
            (
                &["N/A", "Jane", "Doe", "", ""],
                "'Jane Doe' has no company to match with",
            ),
            (
                &["", "Jane", "", "Acme", ""],
                "a last name is needed to match by name + company",
            ),
            (
                &["", "", "", "Acme", ""],
                "company 'Acme' but no person's name to match",
            ),
            (
                &["jane@", "", "", "Acme", "Cher"],
                "email 'jane@' is not valid; full name 'Cher' needs a first and a last name; company 'Acme' but no person's name to match",
            ),
        ];
        for (values, reason) in cases {
            assert_eq!(
                invalid(RecordKind::Contact, &inputs, values),
                *reason,
                "{values:?}"
            );
        }
        let text = invalid(RecordKind::Contact, &[I::JobTitle], &["CFO"]);
        assert!(
            text.starts_with("nothing to match on: needs an Email, a Phone"),
            "{text}"
        );
        let text = invalid(
            RecordKind::Company,
            &[I::Website, I::City],
            &["not a site", "Paris"],
        );
        assert_eq!(text, "website 'not a site' is not a domain");
    }

    #[test]
    fn ragged_rows_read_missing_cells_as_empty() {
        let inputs = [
            I::Email,
            I::Phone,
            I::FirstName,
            I::LastName,
            I::CompanyName,
        ];
        let k = key(RecordKind::Contact, &inputs, &["", "+1 415 555 0100"]);
        assert_eq!(k.strength, KeyStrength::Phone);
    }

    #[test]
    fn duplicate_forms_give_identical_keys() {
        use RecordKind::{Company, Contact};
        type Row<'a> = (&'a [I], &'a [&'a str]);
        let same: &[(RecordKind, Row, Row)] = &[
            (
                Contact,
                (&[I::Email], &["Jane@Acme.com "]),
                (&[I::Email], &["jane@acme.com"]),
            ),
            (
                Contact,
                (&[I::Email], &["mailto:JANE@acme.com"]),
                (&[I::Email], &["jane@acme.com"]),
            ),
            (
                Company,
                (&[I::Website], &["https://acme.com/"]),
                (&[I::Website], &["www.acme.com"]),
            ),
            // First + last and full name read as the same person.
            (
                Contact,
                (
                    &[I::FirstName, I::LastName, I::CompanyName],
                    &["Jane", "Doe", "ACME"],
                ),
                (&[I::FullName, I::CompanyName], &[" jane doe ", "Acme"]),
            ),
            (
                Contact,
                (&[I::Phone], &["(415) 555-0100"]),
                (&[I::Phone], &["415.555.0100 x 12"]),
            ),
        ];
        for (kind, (a_inputs, a), (b_inputs, b)) in same {
            assert_eq!(
                key(*kind, a_inputs, a).key,
                key(*kind, b_inputs, b).key,
                "{a:?} and {b:?}"
            );
        }
        assert_keys(
            Company,
            &[I::Website],
            &[
                (
                    &["https://acme.com/"],
                    KeyStrength::Domain,
                    "company:domain:acme.com",
                    json!({"companyWebsite": "acme.com"}),
                ),
                (
                    &["https://www.Acme.com/about?x"],
                    KeyStrength::Domain,
                    "company:domain:acme.com",
                    json!({"companyWebsite": "acme.com"}),
                ),
            ],
        );
    }

    #[test]
    fn companies_prefer_id_then_website_then_ticker_then_name() {
        let inputs = [
            I::CompanyId,
            I::Website,
            I::Ticker,
            I::CompanyName,
            I::Country,
        ];
        assert_keys(
            RecordKind::Company,
            &inputs,
            &[
                (
                    &["344589814", "acme.com", "ACWG", "Acme", "Germany"],
                    KeyStrength::Id,
                    "company:id:344589814",
                    json!({"companyId": 344589814u64}),
                ),
                // The name goes along with the website in the same input, but the domain
                // alone is the key: another spelling of the name is the same company, bought
                // once.
                (
                    &["", "acme.com", "ACWG", "Acme", "Germany"],
                    KeyStrength::Domain,
                    "company:domain:acme.com",
                    json!({"companyWebsite": "acme.com", "companyName": "Acme"}),
                ),
                (
                    &["", "https://www.acme.com/", "", "ACME Inc.", ""],
                    KeyStrength::Domain,
                    "company:domain:acme.com",
                    json!({"companyWebsite": "acme.com", "companyName": "ACME Inc."}),
                ),
                (
                    &["", "n/a", "NASDAQ: acwg", "Acme", "Germany"],
                    KeyStrength::Ticker,
                    "company:ticker:ACWG",
                    json!({"companyTicker": "ACWG"}),
                ),
                // A name goes with the address columns there are, and they are part of the
                // key.
                (
                    &["", "", "", " Acme  GmbH ", "Germany"],
                    KeyStrength::Name,
                    "company:name:acme gmbh|country=germany",
                    json!({"companyName": "Acme GmbH", "companyCountry": "Germany"}),
                ),
                (
                    &["", "", "", "Acme GmbH", "Austria"],
                    KeyStrength::Name,
                    "company:name:acme gmbh|country=austria",
                    json!({"companyName": "Acme GmbH", "companyCountry": "Austria"}),
                ),
            ],
        );
    }

    #[test]
    fn unusable_mappings_for_the_kind_are_ignored() {
        // A website column in a contact file (e.g. forced by hand) is never sent.
        let text = invalid(RecordKind::Contact, &[I::Website], &["acme.com"]);
        assert!(text.starts_with("nothing to match on"), "{text}");
    }

    #[test]
    fn hashed_emails() {
        let md5 = "5F4DCC3B5AA765D61D8327DEB882CF99";
        let k = key(RecordKind::Contact, &[I::HashedEmail], &[md5]);
        assert_eq!(
            k.key,
            format!("contact:hashed_email:{}", md5.to_lowercase())
        );
        // SHA-512 (128 hex digits), sent as the key has it.
        let sha512 = "B".repeat(64) + &"0".repeat(64);
        let k = key(RecordKind::Contact, &[I::HashedEmail], &[&sha512]);
        assert_eq!(k.strength, KeyStrength::HashedEmail);
        assert_eq!(k.input["hashedEmail"], json!(sha512.to_lowercase()));
        let not_a_digest = " is not an MD5, SHA-1, SHA-256 or SHA-512 hex digest";
        for (given, shown) in [
            ("abc".to_string(), "abc".to_string()),
            ("a".repeat(127), "a".repeat(39) + "…"),
        ] {
            assert_eq!(
                invalid(RecordKind::Contact, &[I::HashedEmail], &[&given]),
                format!("hashed email '{shown}'{not_a_digest}")
            );
        }
    }

    #[test]
    fn spreadsheet_safe_quotes_are_read_through() {
        // An export that guards formulas writes '+1 415… ; the number is what counts.
        let k = key(RecordKind::Contact, &[I::Phone], &["'+1 415 555 0100"]);
        assert_eq!(k.key, "contact:phone:14155550100");
        assert_eq!(k.input["phone"], json!("+14155550100"));
        // A plain leading apostrophe stays part of the value.
        let k = key(
            RecordKind::Contact,
            &[I::FullName, I::CompanyName],
            &["Jane O'Hara", "'t Hoen BV"],
        );
        assert_eq!(k.input["companyName"], json!("'t Hoen BV"));
    }
}
