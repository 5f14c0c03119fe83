//! The media type of each answer, exactly as ZoomInfo's published description declares it
//! (`tests/conformance/spec/zoominfo-legacy-openapi.yml`): a client must not depend on the
//! spelling, and the conformance suite's validator compares it to the letter.

use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// The declared media type of the successful answer at `path`.
fn documented(path: &str) -> &'static str {
    match path {
        // Line 25935 (`/lookup/usage`).
        "/lookup/usage" => "application/json; charset=utf-8",
        // Lines 9391 and 10603 (`/lookup/outputfields/{contact,company}/enrich`).
        p if p.starts_with("/lookup/") => "application/json",
        // Lines 537, 2560, 8364, 10244 (`/search/*`, `/enrich/*`).
        _ => "application/json;charset=utf-8",
    }
}

/// Relabels JSON answers with the documented media type of their route.
pub(crate) async fn documented_media_type(req: Request, next: Next) -> Response {
    let media = documented(req.uri().path());
    let mut response = next.run(req).await;
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json && response.status().is_success() {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(media));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::documented;

    #[test]
    fn follows_the_description() {
        assert_eq!(
            documented("/search/contact"),
            "application/json;charset=utf-8"
        );
        assert_eq!(
            documented("/lookup/usage"),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            documented("/lookup/outputfields/contact/enrich"),
            "application/json"
        );
    }
}
