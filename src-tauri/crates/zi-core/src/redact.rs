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

/// Copies the app's log to `destination` with any token masked; returns the size written: the
/// files rotated out beside it (`<name>_<date>.log`, oldest first), then the current one.
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
    let mut log = Vec::new();
    for file in rotated_logs(source).iter().chain([&source.to_path_buf()]) {
        let part = tokio::fs::read(file).await.map_err(|error| {
            CoreError::NotAvailable(format!(
                "The log file {} could not be read: {error}",
                file.display()
            ))
        })?;
        log.extend_from_slice(&part);
    }
    let masked = redact_tokens(&String::from_utf8_lossy(&log));
    tokio::fs::write(destination, masked.as_bytes())
        .await
        .map_err(|error| CoreError::Write {
            path: destination.to_string(),
            detail: error.to_string(),
        })?;
    Ok(masked.len() as u64)
}

/// The files tauri-plugin-log rotated out of `current` (`<stem>_<date>.log` in its folder), oldest
/// first: their dates sort as text.
fn rotated_logs(current: &std::path::Path) -> Vec<std::path::PathBuf> {
    let (Some(dir), Some(stem)) = (current.parent(), current.file_stem()) else {
        return Vec::new();
    };
    let prefix = format!("{}_", stem.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut rotated: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|name| name.starts_with(&prefix) && name.ends_with(".log"))
        })
        .collect();
    rotated.sort();
    rotated
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

    #[tokio::test]
    async fn an_export_joins_the_rotated_logs_oldest_first_then_the_current_one() {
        let dir = tempfile::tempdir().expect("dir");
        let current = dir.path().join("zi-console.log");
        std::fs::write(
            dir.path().join("zi-console_2026-12-01_10-00-00.log"),
            "first\n",
        )
        .expect("w");
        std::fs::write(
            dir.path().join("zi-console_2026-12-03_10-00-00.log"),
            "second eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig\n",
        )
        .expect("w");
        std::fs::write(dir.path().join("other_2026-12-02.log"), "not ours\n").expect("w");
        std::fs::write(&current, "third\n").expect("w");
        let out = dir.path().join("export.log");
        export_log(Some(&current), out.to_str().expect("utf-8"))
            .await
            .expect("exported");
        let text = std::fs::read_to_string(&out).expect("read");
        assert_eq!(text, format!("first\nsecond {REDACTED}\nthird\n"));
    }
}
