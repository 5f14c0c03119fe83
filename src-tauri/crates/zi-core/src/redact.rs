//! Finding and masking bearer tokens in text: exported logs are masked before they leave the
//! app, and the secret sweeps in the tests use the same detector.

/// What a masked token becomes.
pub const REDACTED: &str = "[redacted token]";

/// The byte range of the first JSON Web Token in `text`: base64url `{"…` (header), a dot,
/// base64url `{"…` (claims), optionally the signature.
pub fn find_jwt(text: &str) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let token_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    let mut from = 0;
    while let Some(found) = text[from..].find("eyJ") {
        let start = from + found;
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| token_byte(**b))
                .count();
        let mut parts = text[start..end].split('.');
        let header = parts.next().unwrap_or_default();
        let claims = parts.next().unwrap_or_default();
        if header.len() >= 10 && claims.starts_with("eyJ") {
            return Some(start..end);
        }
        from = start + 3;
    }
    None
}

/// `text` with every JSON Web Token replaced by [`REDACTED`].
pub fn redact_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(range) = find_jwt(rest) {
        out.push_str(&rest[..range.start]);
        out.push_str(REDACTED);
        rest = &rest[range.end..];
    }
    out.push_str(rest);
    out
}

/// Copies the app's log file to `destination` with any token masked; returns the size written.
/// The log never holds a secret; masking tokens anyway keeps a shared log safe regardless.
pub async fn export_log(source: Option<&std::path::Path>, destination: &str) -> crate::Result<u64> {
    use crate::CoreError;
    let source = source.ok_or_else(|| {
        CoreError::NotAvailable("zi-console does not know where its log file is.".into())
    })?;
    if !source.exists() {
        return Err(CoreError::NotAvailable(format!(
            "No log file has been written yet ({}).",
            source.display()
        )));
    }
    let log = tokio::fs::read(source).await.map_err(|error| {
        CoreError::NotAvailable(format!(
            "The log file {} could not be read: {error}",
            source.display()
        ))
    })?;
    let masked = redact_tokens(&String::from_utf8_lossy(&log));
    tokio::fs::write(destination, masked.as_bytes())
        .await
        .map_err(|error| CoreError::Write {
            path: destination.to_string(),
            detail: error.to_string(),
        })?;
    Ok(masked.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm5AYWNtZS5jb20ifQ.c2lnbmF0dXJl";

    #[test]
    fn tokens_are_found_and_masked_wherever_they_sit() {
        let line = format!("Authorization: Bearer {JWT}\n{{\"jwt\":\"{JWT}\"}} done");
        assert_eq!(find_jwt(&line).map(|r| &line[r]), Some(JWT));
        assert_eq!(
            redact_tokens(&line),
            "Authorization: Bearer [redacted token]\n{\"jwt\":\"[redacted token]\"} done"
        );
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "eyJ is a prefix",
            "eyJabc.def",
            "no token here",
            "",
            "ünïcødé eyJ",
        ] {
            assert_eq!(find_jwt(text), None, "{text}");
            assert_eq!(redact_tokens(text), text);
        }
    }
}
