//! Cell values read the way ZoomInfo compares them (e-mails lower-cased, websites as bare
//! domains, phones as digits, …), placeholders that mean "no value", and header text folded
//! for comparison.

/// A cell a spreadsheet-safe export wrote as `'+49 …` or `'=…` means the text after the quote.
pub(crate) fn without_text_marker(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
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

/// Trimmed, inner whitespace collapsed, case kept: what is sent for names.
pub(crate) fn tidy(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims, strips "mailto:" (and a display name: "Jane <jane@acme.com>"), lower-cases; `None`
/// unless it looks like local@domain.tld.
pub fn normalize_email(s: &str) -> Option<String> {
    let mut email = String::new();
    normalize_email_into(s, &mut email).then_some(email)
}

/// [`normalize_email`] into `out` (cleared first; `false` and left unspecified when invalid).
pub(crate) fn normalize_email_into(s: &str, out: &mut String) -> bool {
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
pub(crate) fn normalize_name_into(s: &str, out: &mut String) {
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
pub(crate) fn parse_id(raw: &str) -> Option<u64> {
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
pub(crate) fn normalize_ticker(raw: &str) -> Option<String> {
    let symbol = raw.trim().rsplit([':', ' ']).next()?.trim().to_uppercase();
    let ok = (1..=10).contains(&symbol.len())
        && symbol
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && symbol.chars().any(|c| c.is_ascii_alphabetic());
    ok.then_some(symbol)
}

// ---------------------------------------------------------------------------------------------
// Text folding for header and column-name comparison
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each `(given, expected)` of `good` through `normalize`, and each of `bad` to `None`.
    fn assert_normalizes(
        what: &str,
        normalize: fn(&str) -> Option<String>,
        good: &[(&str, &str)],
        bad: &[&str],
    ) {
        for (given, expected) in good {
            assert_eq!(
                normalize(given).as_deref(),
                Some(*expected),
                "{what} {given:?}"
            );
        }
        for given in bad {
            assert_eq!(normalize(given), None, "{given:?} is no {what}");
        }
    }

    #[test]
    fn emails_normalize() {
        assert_normalizes(
            "email",
            normalize_email,
            &[
                ("  Jane@Acme.com ", "jane@acme.com"),
                ("mailto:Jane@Acme.COM", "jane@acme.com"),
                ("MAILTO:jane@acme.com?subject=hi", "jane@acme.com"),
                ("Jane Doe <jane.doe@acme.co.uk>", "jane.doe@acme.co.uk"),
                ("jane+crm@acme.com.", "jane+crm@acme.com"),
            ],
            &[
                "jane@",
                "jane",
                "@acme.com",
                "jane@acme",
                "jane doe@acme.com",
                "jane@@acme.com",
                "jane@acme.123",
                "",
                "n/a",
            ],
        );
    }

    #[test]
    fn domains_normalize() {
        assert_normalizes(
            "domain",
            normalize_domain,
            &[
                ("https://www.Acme.com/about?x", "acme.com"),
                ("https://acme.com/", "acme.com"),
                ("www.acme.com", "acme.com"),
                ("ACME.COM.", "acme.com"),
                ("http://acme.com:8080/x#y", "acme.com"),
                ("acme.com/contact", "acme.com"),
                ("//www2.acme.co.uk", "acme.co.uk"),
                ("shop.acme.com", "shop.acme.com"),
                ("bücher.de", "bücher.de"),
            ],
            &[
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
            ],
        );
    }

    #[test]
    fn phones_normalize() {
        assert_normalizes(
            "phone",
            normalize_phone,
            &[
                ("+1 (415) 555-0100 ext. 5", "+14155550100"),
                ("415.555.0100 x12", "4155550100"),
                ("(415) 555-0100", "4155550100"),
                ("0049 30 1234567", "+49301234567"),
                ("tel:+44 20 7946 0958", "+442079460958"),
                ("14155550100.0", "14155550100"),
                ("555 0100 (mobile)", "5550100"),
            ],
            &[
                "555-12",
                "",
                "call me",
                "jane@acme.com",
                "ext 5",
                "1234567890123456",
            ],
        );
    }

    #[test]
    fn linkedin_urls_normalize() {
        assert_normalizes(
            "LinkedIn URL",
            normalize_linkedin,
            &[
                (
                    "https://www.linkedin.com/in/Jane-Doe/?x",
                    "linkedin.com/in/jane-doe",
                ),
                ("de.linkedin.com/in/jane-doe", "linkedin.com/in/jane-doe"),
                (
                    "http://linkedin.com/company/acme/about/",
                    "linkedin.com/company/acme",
                ),
                (
                    "linkedin.com/pub/jane-doe/12/345/678",
                    "linkedin.com/pub/jane-doe/12/345/678",
                ),
            ],
            &[
                "https://twitter.com/jane",
                "linkedin.com",
                "https://www.linkedin.com/in/",
                "notlinkedin.com/in/jane",
            ],
        );
    }

    #[test]
    fn tickers_normalize() {
        assert_normalizes(
            "ticker",
            normalize_ticker,
            &[("BRK.B", "BRK.B")],
            &["12345"],
        );
    }

    #[test]
    fn names_normalize_for_keys_only() {
        for (given, expected) in [("  Jane   DOE ", "jane doe"), ("ÉLODIE", "élodie")] {
            assert_eq!(normalize_name(given), expected, "{given:?}");
        }
    }

    #[test]
    fn folding_ignores_accents_case_and_punctuation() {
        for (given, expected) in [
            ("Prénom", "prenom"),
            ("E-Mail-Adresse", "emailadresse"),
            ("Straße", "strasse"),
            ("Pre\u{301}nom", "prenom"),
        ] {
            assert_eq!(compact(given), expected, "{given:?}");
        }
    }
}
