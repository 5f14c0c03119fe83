//! Normalized keys: the strongest usable input of each row, the key that finds the same person
//! or company again (within the file and in the cache), and the API input object to send.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use zi_client::{Record, RecordKind};

use super::mapping::{needed_inputs, rules_for, ColumnMapping, MatchInput, MatchRule};

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
    fn tag(self) -> &'static str {
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
pub fn row_key(
    kind: RecordKind,
    mappings: &[ColumnMapping],
    cells: &[String],
) -> Result<RowKey, InvalidRow> {
    KeyReader::new(kind, mappings).row_key(cells)
}

/// A cell a spreadsheet-safe export wrote as `'+49 …` or `'=…` means the text after the quote.
pub(crate) fn without_text_marker(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
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
    pub(crate) fn new(kind: RecordKind, mappings: &[ColumnMapping]) -> Self {
        let columns: Vec<(usize, MatchInput)> = mappings
            .iter()
            .filter_map(|m| {
                let input = m.input?;
                input.api_field(kind)?;
                Some((m.column, input))
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

/// Cell texts that mean "no value".
const PLACEHOLDERS: &[&str] = &[
    "-",
    "--",
    "n/a",
    "#n/a",
    "null",
    "none",
    "nil",
    "nan",
    "(blank)",
    "(none)",
    "?",
    "undefined",
];

/// Empty, or a placeholder such as "N/A", "-", "null", "#N/A".
pub(crate) fn is_blank(value: &str) -> bool {
    let value = value.trim();
    // No placeholder is longer than "undefined".
    value.is_empty()
        || (value.len() <= 9 && PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(value)))
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

/// Trimmed, inner whitespace collapsed, case kept: what is sent for names.
fn tidy(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims, strips "mailto:" (and a display name: "Jane <jane@acme.com>"), lower-cases; `None`
/// unless it looks like local@domain.tld.
pub fn normalize_email(s: &str) -> Option<String> {
    let mut email = String::new();
    normalize_email_into(s, &mut email).then_some(email)
}

/// [`normalize_email`] into `out` (cleared first; `false` and left unspecified when invalid).
fn normalize_email_into(s: &str, out: &mut String) -> bool {
    let mut text = s.trim();
    if let (Some(open), Some(close)) = (text.rfind('<'), text.rfind('>')) {
        if open < close {
            text = text[open + 1..close].trim();
        }
    }
    if text
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        text = &text[7..];
    }
    let text = text.split('?').next().unwrap_or_default().trim();
    out.clear();
    lowercase_into(text, out);
    let Some(at) = out.rfind('@') else {
        return false;
    };
    let (local, domain) = (&out[..at], &out[at + 1..]);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.as_bytes().first() != Some(&b'.')
        && local.as_bytes().last() != Some(&b'.')
        && !local.as_bytes().windows(2).any(|pair| pair == b"..")
        && local.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(
                    c,
                    '@' | '(' | ')' | ',' | ':' | ';' | '<' | '>' | '[' | ']' | '\\' | '"'
                )
        });
    let domain_len = domain.trim_end_matches('.').len();
    if !(local_ok && valid_host(&domain[..domain_len])) {
        return false;
    }
    out.truncate(at + 1 + domain_len);
    true
}

/// Appends `text` lower-cased (ASCII without the detour through a new string).
fn lowercase_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        out[from..].make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// The bare host of a website or URL: "https://www.Acme.com/about?x" → "acme.com". Strips
/// scheme, user, "www.", path, query, port and a trailing dot; `None` for garbage.
pub fn normalize_domain(s: &str) -> Option<String> {
    let text = s.trim().to_lowercase();
    let rest = match text.find("://") {
        Some(at) => {
            let scheme = &text[..at];
            let scheme_ok = !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            if !scheme_ok {
                return None;
            }
            &text[at + 3..]
        }
        None => text.strip_prefix("//").unwrap_or(&text),
    };
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let mut host = &rest[..end];
    if let Some(at) = host.rfind('@') {
        host = &host[at + 1..];
    }
    if let Some(colon) = host.rfind(':') {
        if !host[colon + 1..].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        host = &host[..colon];
    }
    let host = strip_www(host.trim_end_matches('.'));
    valid_host(host).then(|| host.to_string())
}

/// "www.acme.com" / "www2.acme.com" → "acme.com" (but "www.com" stays).
fn strip_www(host: &str) -> &str {
    match host.split_once('.') {
        Some((first, rest))
            if rest.contains('.')
                && first
                    .strip_prefix("www")
                    .is_some_and(|n| n.len() <= 1 && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            rest
        }
        _ => host,
    }
}

/// A host name with at least two labels and an alphabetic (or IDN) top-level domain.
fn valid_host(host: &str) -> bool {
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.as_bytes().first() != Some(&b'-')
            && l.as_bytes().last() != Some(&b'-')
            && l.chars().all(|c| {
                c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
            })
    };
    let mut labels = 0;
    let mut tld = "";
    for label in host.split('.') {
        if !label_ok(label) {
            return false;
        }
        labels += 1;
        tld = label;
    }
    let tld_ok = (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
        || (tld.starts_with("xn--") && tld.len() > 4);
    labels >= 2 && tld_ok
}

/// Digits only, with a leading "+" kept as the country marker ("00" becomes "+"); an
/// extension ("x123", "ext. 5") is dropped. `None` with fewer than 7 or more than 15 digits,
/// or when the text is not a phone number.
pub fn normalize_phone(s: &str) -> Option<String> {
    let mut text = s.trim();
    if text
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("tel:"))
    {
        text = text[4..].trim_start();
    }
    // A number a spreadsheet turned into "14155550100.0".
    if let Some(whole) = text.strip_suffix(".0") {
        if whole.bytes().all(|b| b.is_ascii_digit()) {
            text = whole;
        }
    }
    let mut plus = false;
    let mut digits = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' | '\u{2010}'..='\u{2015}' => {}
            // An extension or a trailing note ("x12", "ext. 5", "(mobile)").
            c if !digits.is_empty() && (c.is_alphabetic() || matches!(c, '#' | ',' | ';')) => break,
            _ => return None,
        }
    }
    if !plus && digits.len() > 9 {
        if let Some(international) = digits.strip_prefix("00") {
            digits = international.to_string();
            plus = true;
        }
    }
    if !(7..=15).contains(&digits.len()) {
        return None;
    }
    Some(if plus { format!("+{digits}") } else { digits })
}

/// For keys only: trimmed, inner whitespace collapsed, lower-cased ("  Jane   DOE " →
/// "jane doe"). What is sent keeps its case.
pub fn normalize_name(s: &str) -> String {
    let mut name = String::new();
    normalize_name_into(s, &mut name);
    name
}

/// [`normalize_name`] appended to `out`.
fn normalize_name_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let from = out.len();
        for (i, word) in s.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out[from..].make_ascii_lowercase();
    } else {
        // Full Unicode lower-casing looks at whole words (a final sigma), so it goes through
        // the tidied text.
        out.push_str(&tidy(s).to_lowercase());
    }
}

/// "https://www.linkedin.com/in/Jane-Doe/?x" → "linkedin.com/in/jane-doe" (also company,
/// school and showcase pages, and old "pub" profiles); `None` for anything else.
pub fn normalize_linkedin(s: &str) -> Option<String> {
    let text = s.trim().to_lowercase();
    let rest = match text.find("://") {
        Some(at) => &text[at + 3..],
        None => text.strip_prefix("//").unwrap_or(&text),
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_end_matches('.');
    if host != "linkedin.com" && !host.ends_with(".linkedin.com") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match segments.as_slice() {
        [page @ ("in" | "company" | "school" | "showcase"), slug, ..] => {
            Some(format!("linkedin.com/{page}/{slug}"))
        }
        ["pub", rest @ ..] if !rest.is_empty() => {
            Some(format!("linkedin.com/pub/{}", rest.join("/")))
        }
        _ => None,
    }
}

/// A ZoomInfo id: digits (a spreadsheet's "123.0" too), not zero.
fn parse_id(raw: &str) -> Option<u64> {
    let text = raw.trim();
    let text = text.strip_suffix(".0").unwrap_or(text);
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|id| *id > 0)
}

/// Hex lengths of the digests `hashedEmail` takes: "Supported hash algorithms are: MD5, SHA1,
/// SHA256 and SHA512" (legacy spec, contact enrich input table, line 8056).
const HASHED_EMAIL_HEX_LENGTHS: [usize; 4] = [32, 40, 64, 128];

/// An MD5, SHA-1, SHA-256 or SHA-512 hex digest, lower-cased (a "0x" prefix dropped).
pub(crate) fn normalize_hash(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let hex = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
        .unwrap_or(trimmed);
    (HASHED_EMAIL_HEX_LENGTHS.contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

/// "NASDAQ: ACWG" / "acwg" → "ACWG".
fn normalize_ticker(raw: &str) -> Option<String> {
    let symbol = raw.trim().rsplit([':', ' ']).next()?.trim().to_uppercase();
    let ok = (1..=10).contains(&symbol.len())
        && symbol
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && symbol.chars().any(|c| c.is_ascii_alphabetic());
    ok.then_some(symbol)
}

#[cfg(test)]
mod tests {
    use super::super::mapping::{suggest, MappingSource};
    use super::*;
    use serde_json::json;

    use MatchInput as I;

    /// Columns mapped to these inputs, in this order.
    fn mapping(inputs: &[I]) -> Vec<ColumnMapping> {
        inputs
            .iter()
            .enumerate()
            .map(|(column, input)| ColumnMapping {
                column,
                header: input.label().to_string(),
                input: Some(*input),
                source: MappingSource::User,
                confidence: 100,
                samples: Vec::new(),
            })
            .collect()
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

    #[test]
    fn emails_normalize() {
        assert_eq!(
            normalize_email("  Jane@Acme.com ").as_deref(),
            Some("jane@acme.com")
        );
        assert_eq!(
            normalize_email("mailto:Jane@Acme.COM").as_deref(),
            Some("jane@acme.com")
        );
        assert_eq!(
            normalize_email("MAILTO:jane@acme.com?subject=hi").as_deref(),
            Some("jane@acme.com")
        );
        assert_eq!(
            normalize_email("Jane Doe <jane.doe@acme.co.uk>").as_deref(),
            Some("jane.doe@acme.co.uk")
        );
        assert_eq!(
            normalize_email("jane+crm@acme.com.").as_deref(),
            Some("jane+crm@acme.com")
        );
        for bad in [
            "jane@",
            "jane",
            "@acme.com",
            "jane@acme",
            "jane doe@acme.com",
            "jane@@acme.com",
            "jane@acme.123",
            "",
            "n/a",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn domains_normalize() {
        assert_eq!(
            normalize_domain("https://www.Acme.com/about?x").as_deref(),
            Some("acme.com")
        );
        assert_eq!(
            normalize_domain("https://acme.com/").as_deref(),
            Some("acme.com")
        );
        assert_eq!(
            normalize_domain("www.acme.com").as_deref(),
            Some("acme.com")
        );
        assert_eq!(normalize_domain("ACME.COM.").as_deref(), Some("acme.com"));
        assert_eq!(
            normalize_domain("http://acme.com:8080/x#y").as_deref(),
            Some("acme.com")
        );
        assert_eq!(
            normalize_domain("acme.com/contact").as_deref(),
            Some("acme.com")
        );
        assert_eq!(
            normalize_domain("//www2.acme.co.uk").as_deref(),
            Some("acme.co.uk")
        );
        assert_eq!(
            normalize_domain("shop.acme.com").as_deref(),
            Some("shop.acme.com")
        );
        assert_eq!(normalize_domain("bücher.de").as_deref(), Some("bücher.de"));
        for bad in [
            "",
            "garbage",
            "Acme Inc",
            "n/a",
            "3.14",
            "192.168.0.1",
            "http://",
            "acme..com",
            "-acme.com",
            "acme.c",
        ] {
            assert_eq!(normalize_domain(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_normalize() {
        assert_eq!(
            normalize_phone("+1 (415) 555-0100 ext. 5").as_deref(),
            Some("+14155550100")
        );
        assert_eq!(
            normalize_phone("415.555.0100 x12").as_deref(),
            Some("4155550100")
        );
        assert_eq!(
            normalize_phone("(415) 555-0100").as_deref(),
            Some("4155550100")
        );
        assert_eq!(
            normalize_phone("0049 30 1234567").as_deref(),
            Some("+49301234567")
        );
        assert_eq!(
            normalize_phone("tel:+44 20 7946 0958").as_deref(),
            Some("+442079460958")
        );
        assert_eq!(
            normalize_phone("14155550100.0").as_deref(),
            Some("14155550100")
        );
        assert_eq!(
            normalize_phone("555 0100 (mobile)").as_deref(),
            Some("5550100")
        );
        for bad in [
            "555-12",
            "",
            "call me",
            "jane@acme.com",
            "ext 5",
            "1234567890123456",
        ] {
            assert_eq!(normalize_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_normalize_for_keys_only() {
        assert_eq!(normalize_name("  Jane   DOE "), "jane doe");
        assert_eq!(normalize_name("ÉLODIE"), "élodie");
        // What is sent keeps its case.
        let k = key(
            RecordKind::Contact,
            &[I::FirstName, I::LastName, I::CompanyName],
            &["  Jane ", "van  Doe", " Acme  Widgets "],
        );
        assert_eq!(k.input["firstName"], json!("Jane"));
        assert_eq!(k.input["lastName"], json!("van Doe"));
        assert_eq!(k.input["companyName"], json!("Acme Widgets"));
    }

    #[test]
    fn linkedin_urls_normalize() {
        assert_eq!(
            normalize_linkedin("https://www.linkedin.com/in/Jane-Doe/?x").as_deref(),
            Some("linkedin.com/in/jane-doe")
        );
        assert_eq!(
            normalize_linkedin("de.linkedin.com/in/jane-doe").as_deref(),
            Some("linkedin.com/in/jane-doe")
        );
        assert_eq!(
            normalize_linkedin("http://linkedin.com/company/acme/about/").as_deref(),
            Some("linkedin.com/company/acme")
        );
        assert_eq!(
            normalize_linkedin("linkedin.com/pub/jane-doe/12/345/678").as_deref(),
            Some("linkedin.com/pub/jane-doe/12/345/678")
        );
        for bad in [
            "https://twitter.com/jane",
            "linkedin.com",
            "https://www.linkedin.com/in/",
            "notlinkedin.com/in/jane",
        ] {
            assert_eq!(normalize_linkedin(bad), None, "{bad}");
        }
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
        let all = key(
            RecordKind::Contact,
            &inputs,
            &[
                "1234567890",
                "Jane@Acme.com",
                "+1 415 555 0100",
                "Jane",
                "Doe",
                "Acme",
            ],
        );
        assert_eq!(all.strength, KeyStrength::Id);
        assert_eq!(all.key, "contact:id:1234567890");
        assert_eq!(
            all.input,
            json!({"personId": 1234567890u64})
                .as_object()
                .cloned()
                .expect("object")
        );

        let no_id = key(
            RecordKind::Contact,
            &inputs,
            &[
                "",
                "Jane@Acme.com",
                "+1 415 555 0100",
                "Jane",
                "Doe",
                "Acme",
            ],
        );
        assert_eq!(no_id.strength, KeyStrength::Email);
        assert_eq!(no_id.key, "contact:email:jane@acme.com");
        assert_eq!(
            no_id.input,
            json!({"emailAddress": "jane@acme.com"})
                .as_object()
                .cloned()
                .expect("object")
        );

        let no_email = key(
            RecordKind::Contact,
            &inputs,
            &["", "", "+1 (415) 555-0100", "Jane", "Doe", "Acme"],
        );
        assert_eq!(no_email.strength, KeyStrength::Phone);
        assert_eq!(no_email.key, "contact:phone:14155550100");
        assert_eq!(
            no_email.input,
            json!({"phone": "+14155550100"})
                .as_object()
                .cloned()
                .expect("object")
        );

        let names = key(
            RecordKind::Contact,
            &inputs,
            &["", "", "", "Jane", "Doe", "Acme"],
        );
        assert_eq!(names.strength, KeyStrength::NameAndCompany);
        assert_eq!(names.key, "contact:name:jane doe|company_name=acme");
        assert_eq!(
            names.input,
            json!({"firstName": "Jane", "lastName": "Doe", "companyName": "Acme"})
                .as_object()
                .cloned()
                .expect("object")
        );
    }

    #[test]
    fn a_broken_email_falls_through_to_the_phone() {
        let inputs = [I::Email, I::Phone];
        let k = key(RecordKind::Contact, &inputs, &["jane@", "415-555-0100"]);
        assert_eq!(k.strength, KeyStrength::Phone);
        // Alone, the broken email makes the row invalid, saying why.
        assert_eq!(
            invalid(RecordKind::Contact, &inputs, &["jane@", ""]),
            "email 'jane@' is not valid"
        );
        // A broken person id falls through to the email.
        let k = key(
            RecordKind::Contact,
            &[I::PersonId, I::Email],
            &["abc", "jane@acme.com"],
        );
        assert_eq!(k.strength, KeyStrength::Email);
    }

    #[test]
    fn full_name_and_company_id_are_used_when_nothing_stronger_is_there() {
        let k = key(
            RecordKind::Contact,
            &[I::FullName, I::CompanyId, I::CompanyName],
            &["Jane  Doe", "344589814", "Acme"],
        );
        assert_eq!(k.strength, KeyStrength::NameAndCompany);
        assert_eq!(k.key, "contact:name:jane doe|company_id=344589814");
        assert_eq!(
            k.input,
            json!({"fullName": "Jane Doe", "companyId": 344589814u64})
                .as_object()
                .cloned()
                .expect("object")
        );
        // A company id that is no ZoomInfo id leaves the company name.
        let k = key(
            RecordKind::Contact,
            &[I::FullName, I::CompanyId, I::CompanyName],
            &["Jane Doe", "0013000000abcDE", "Acme"],
        );
        assert_eq!(k.key, "contact:name:jane doe|company_name=acme");
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
        assert_eq!(
            invalid(RecordKind::Contact, &inputs, &["", "", "", "", ""]),
            "the row is empty"
        );
        assert_eq!(
            invalid(RecordKind::Contact, &inputs, &[]),
            "the row is empty"
        );
        assert_eq!(
            invalid(
                RecordKind::Contact,
                &inputs,
                &["N/A", "Jane", "Doe", "", ""]
            ),
            "'Jane Doe' has no company to match with"
        );
        assert_eq!(
            invalid(RecordKind::Contact, &inputs, &["", "Jane", "", "Acme", ""]),
            "a last name is needed to match by name + company"
        );
        assert_eq!(
            invalid(RecordKind::Contact, &inputs, &["", "", "", "Acme", ""]),
            "company 'Acme' but no person's name to match"
        );
        assert_eq!(
            invalid(RecordKind::Contact, &inputs, &["jane@", "", "", "Acme", "Cher"]),
            "email 'jane@' is not valid; full name 'Cher' needs a first and a last name; company 'Acme' but no person's name to match"
        );
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
        let contact = |email: &str| key(RecordKind::Contact, &[I::Email], &[email]).key;
        assert_eq!(contact("Jane@Acme.com "), contact("jane@acme.com"));
        assert_eq!(contact("mailto:JANE@acme.com"), contact("jane@acme.com"));

        let company = |site: &str| key(RecordKind::Company, &[I::Website], &[site]);
        assert_eq!(
            company("https://acme.com/").key,
            company("www.acme.com").key
        );
        assert_eq!(company("https://acme.com/").key, "company:domain:acme.com");
        assert_eq!(
            company("https://www.Acme.com/about?x").input,
            json!({"companyWebsite": "acme.com"})
                .as_object()
                .cloned()
                .expect("object")
        );

        // First + last and full name read as the same person.
        let split = key(
            RecordKind::Contact,
            &[I::FirstName, I::LastName, I::CompanyName],
            &["Jane", "Doe", "ACME"],
        )
        .key;
        let whole = key(
            RecordKind::Contact,
            &[I::FullName, I::CompanyName],
            &[" jane doe ", "Acme"],
        )
        .key;
        assert_eq!(split, whole);

        let phone = |p: &str| key(RecordKind::Contact, &[I::Phone], &[p]).key;
        assert_eq!(phone("(415) 555-0100"), phone("415.555.0100 x 12"));
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
        let k = key(
            RecordKind::Company,
            &inputs,
            &["344589814", "acme.com", "ACWG", "Acme", "Germany"],
        );
        assert_eq!(
            (k.strength, k.key.as_str()),
            (KeyStrength::Id, "company:id:344589814")
        );
        assert_eq!(
            k.input,
            json!({"companyId": 344589814u64})
                .as_object()
                .cloned()
                .expect("object")
        );
        let k = key(
            RecordKind::Company,
            &inputs,
            &["", "acme.com", "ACWG", "Acme", "Germany"],
        );
        assert_eq!(
            (k.strength, k.key.as_str()),
            (KeyStrength::Domain, "company:domain:acme.com")
        );
        // The name goes along with the website in the same input, but the domain alone is
        // the key: another spelling of the name is the same company, bought once.
        assert_eq!(
            k.input,
            json!({"companyWebsite": "acme.com", "companyName": "Acme"})
                .as_object()
                .cloned()
                .expect("object")
        );
        let respelled = key(
            RecordKind::Company,
            &inputs,
            &["", "https://www.acme.com/", "", "ACME Inc.", ""],
        );
        assert_eq!(respelled.key, k.key);
        assert_eq!(respelled.input["companyName"], json!("ACME Inc."));
        let k = key(
            RecordKind::Company,
            &inputs,
            &["", "n/a", "NASDAQ: acwg", "Acme", "Germany"],
        );
        assert_eq!(
            (k.strength, k.key.as_str()),
            (KeyStrength::Ticker, "company:ticker:ACWG")
        );
        assert_eq!(
            k.input,
            json!({"companyTicker": "ACWG"})
                .as_object()
                .cloned()
                .expect("object")
        );
        // A name goes with the address columns there are, and they are part of the key.
        let k = key(
            RecordKind::Company,
            &inputs,
            &["", "", "", " Acme  GmbH ", "Germany"],
        );
        assert_eq!(
            (k.strength, k.key.as_str()),
            (KeyStrength::Name, "company:name:acme gmbh|country=germany")
        );
        assert_eq!(
            k.input,
            json!({"companyName": "Acme GmbH", "companyCountry": "Germany"})
                .as_object()
                .cloned()
                .expect("object")
        );
        let other_country = key(
            RecordKind::Company,
            &inputs,
            &["", "", "", "Acme GmbH", "Austria"],
        );
        assert_ne!(k.key, other_country.key);
    }

    #[test]
    fn unusable_mappings_for_the_kind_are_ignored() {
        // A website column in a contact file (e.g. forced by hand) is never sent.
        let text = invalid(RecordKind::Contact, &[I::Website], &["acme.com"]);
        assert!(text.starts_with("nothing to match on"), "{text}");
    }

    #[test]
    fn suggested_mapping_feeds_row_keys() {
        let headers = cells(&["Vorname", "Nachname", "Firma", "E-Mail"]);
        let m = suggest(RecordKind::Contact, &headers, &[]);
        let k = row_key(
            RecordKind::Contact,
            &m,
            &cells(&["Jörg", "Müller", "Beispiel AG", "Joerg.Mueller@Beispiel.de"]),
        )
        .expect("usable");
        assert_eq!(k.key, "contact:email:joerg.mueller@beispiel.de");
        let k = row_key(
            RecordKind::Contact,
            &m,
            &cells(&["Jörg", "Müller", "Beispiel AG", ""]),
        )
        .expect("usable");
        assert_eq!(k.key, "contact:name:jörg müller|company_name=beispiel ag");
    }

    #[test]
    fn hashed_emails_and_tickers() {
        let md5 = "5F4DCC3B5AA765D61D8327DEB882CF99";
        let k = key(RecordKind::Contact, &[I::HashedEmail], &[md5]);
        assert_eq!(
            k.key,
            format!("contact:hashed_email:{}", md5.to_lowercase())
        );
        assert_eq!(
            invalid(RecordKind::Contact, &[I::HashedEmail], &["abc"]),
            "hashed email 'abc' is not an MD5, SHA-1, SHA-256 or SHA-512 hex digest"
        );
        // SHA-512 (128 hex digits), sent as the key has it.
        let sha512 = "B".repeat(64) + &"0".repeat(64);
        let k = key(RecordKind::Contact, &[I::HashedEmail], &[&sha512]);
        assert_eq!(k.strength, KeyStrength::HashedEmail);
        assert_eq!(k.input["hashedEmail"], json!(sha512.to_lowercase()));
        assert_eq!(
            invalid(RecordKind::Contact, &[I::HashedEmail], &[&"a".repeat(127)]),
            format!(
                "hashed email '{}…' is not an MD5, SHA-1, SHA-256 or SHA-512 hex digest",
                "a".repeat(39)
            )
        );
        assert_eq!(normalize_ticker("BRK.B").as_deref(), Some("BRK.B"));
        assert_eq!(normalize_ticker("12345"), None);
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
        // Content detection reads through the quote as well.
        let m = suggest(
            RecordKind::Contact,
            &cells(&["X"]),
            &[cells(&["'+1 415 555 0100"]), cells(&["'+44 20 7946 0958"])],
        );
        assert_eq!(m[0].input, Some(I::Phone));
    }

    #[test]
    fn key_strength_serializes_snake_case() {
        assert_eq!(
            serde_json::to_string(&KeyStrength::NameAndCompany).expect("json"),
            "\"name_and_company\""
        );
        assert_eq!(
            serde_json::to_string(&KeyStrength::HashedEmail).expect("json"),
            "\"hashed_email\""
        );
    }
}
