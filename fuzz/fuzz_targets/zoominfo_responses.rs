//! Any body as an answer of the ZoomInfo API, through every reader the client has, for both
//! API generations (legacy and GTM's JSON:API): login (`jwt` and the token's `exp`), search
//! pages, enrich results, usage, the output field lookup, error messages; and its lines as the
//! values of the rate and usage headers.
//!
//! Asserts: nothing panics (integer overflow included); an enrich answer is taken only with as
//! many results as inputs sent, and the kept-answer reader agrees with the live reader of the
//! generation the answer belongs to (a receipt kept by one backend replays under the other); a search
//! page keeps exactly the objects of its `data`; a token is non-blank and its lifetime fits
//! the clocks; an error message is never empty and starts with no whitespace; the output field
//! lookup gives named fields, each once; usage read from headers is never negative.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use zi_client::fuzzing::{
    enrich_results, error_message, gtm, jwt, output_fields, rate_headers, search_page,
    token_lifetime, usage,
};
use zi_client::parse_enrich_answer;
use zi_console_fuzz::{fits_the_clocks, unsigned_jwt};

fuzz_target!(|body: &[u8]| {
    let text = String::from_utf8_lossy(body);

    let message = error_message(&text);
    assert!(
        !message.is_empty() && message.trim_start() == message,
        "{message:?}"
    );

    for token in [text.to_string(), unsigned_jwt(body)] {
        let lifetime = token_lifetime(&token);
        assert!(fits_the_clocks(lifetime), "lifetime {lifetime:?}");
    }

    let names = std::iter::once(zi_client::headers::RATE_LIMIT_LIMIT)
        .chain([
            zi_client::headers::RATE_LIMIT_REMAINING,
            zi_client::headers::RATE_LIMIT_RESET,
        ])
        .chain(
            zi_client::headers::USAGE
                .iter()
                .flat_map(|u| [u.limit, u.remaining]),
        );
    let pairs: Vec<(&str, &[u8])> = names.zip(body.split(|&b| b == b'\n')).collect();
    let (snapshot, _hold) = rate_headers(&pairs);
    for limit in snapshot.map(|s| s.usage).unwrap_or_default() {
        assert!(
            limit.current_usage.is_none_or(|used| used >= 0),
            "{limit:?}"
        );
    }

    let Ok(value) = serde_json::from_str::<Value>(&text) else {
        return;
    };

    if let Ok(token) = jwt(&value) {
        assert!(!token.is_empty() && token.trim() == token);
    }

    let requested_page = body.len() as u32 % 50;
    if let Ok(page) = search_page(&value, requested_page) {
        let objects = match value.get("data") {
            Some(Value::Array(items)) => items.iter().filter(|i| i.is_object()).count(),
            _ => 0,
        };
        assert_eq!(page.records.len(), objects);
        // All matches (maxResults) are never fewer than the records on this page.
        assert!(page.total_results >= page.records.len() as u64);
    }

    if let Ok(page) = gtm::search_page(&value, requested_page) {
        let resources = value
            .get("data")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        assert_eq!(page.records.len(), resources);
        assert!(page.total_results >= page.records.len() as u64);
    }

    // As many inputs as the answer has results (taken), one more (refused), and any count.
    let is_gtm = gtm::is_gtm_enrich(&value);
    let results = if is_gtm {
        value.get("data").and_then(Value::as_array).map(Vec::len)
    } else {
        value
            .pointer("/data/result")
            .and_then(Value::as_array)
            .map(Vec::len)
    };
    let counts = [results, results.map(|n| n + 1), Some(body.len() % 26)];
    for sent in counts.into_iter().flatten() {
        let live = if is_gtm {
            gtm::enrich_results(&value, sent)
        } else {
            enrich_results(&value, sent)
        };
        match &live {
            Ok(read) => assert_eq!(read.len(), sent),
            Err(_) => assert_ne!(Some(sent), results, "a complete enrich answer was refused"),
        }
        let kept = parse_enrich_answer(&text, sent);
        assert_eq!(
            live.is_ok(),
            kept.is_ok(),
            "the kept answer reads like the live one"
        );
    }

    // Every usage item that names its limit type is read, none invented.
    if let Ok(limits) = gtm::usage(&value) {
        let named = value
            .get("data")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| r.pointer("/attributes/usage").and_then(Value::as_array))
            .flatten()
            .filter(|item| item.get("limitType").is_some_and(Value::is_string))
            .count();
        assert_eq!(limits.len(), named);
    }

    if let Ok(limits) = usage(&value) {
        for limit in limits {
            if let (Some(total), Some(used), Some(left)) =
                (limit.limit, limit.current_usage, limit.usage_remaining)
            {
                if value.get("creditsUsed").is_some() {
                    assert_eq!(Some(total), used.checked_add(left));
                }
            }
        }
    }

    if let Ok(fields) = output_fields(&value) {
        let mut names = std::collections::HashSet::new();
        for field in &fields {
            assert!(!field.field_name.trim().is_empty());
            assert!(
                names.insert(field.field_name.clone()),
                "{} twice",
                field.field_name
            );
        }
    }
});
