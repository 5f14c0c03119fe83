//! Any body as an answer of a SCIM server or its OAuth token endpoint, through every reader the
//! SCIM client has: the answer body, list responses, users, groups, the
//! ServiceProviderConfig, error messages, OAuth token answers and bearer-token expiry.
//!
//! Asserts: nothing panics; an empty body reads as no body; a bare array is a page of exactly
//! its items; a user or group read always has a non-blank id and name; a user's work email
//! has an `@`; an OAuth token's lifetime fits the clocks; an error message is never empty.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scim_client::fuzzing::{answer_body, error_message, oauth_token};
use scim_client::{token_expiry, ListPage, ScimGroup, ScimUser};
use secrecy::SecretString;
use serde_json::Value;
use zi_console_fuzz::{fits_the_clocks, unsigned_jwt};

fuzz_target!(|body: &[u8]| {
    let text = String::from_utf8_lossy(body);

    assert!(!error_message(&text).is_empty());

    if let Ok((_, lifetime)) = oauth_token(&text) {
        assert!(fits_the_clocks(lifetime), "OAuth lifetime {lifetime:?}");
    }
    for token in [text.to_string(), unsigned_jwt(body)] {
        let _ = token_expiry(&SecretString::from(token));
    }

    let value = match answer_body(&text) {
        Ok(Some(value)) => value,
        Ok(None) => {
            assert!(text.trim().is_empty());
            return;
        }
        Err(_) => return,
    };

    // The ServiceProviderConfig is kept as sent: any JSON value is taken.
    if let Ok(page) = ListPage::parse(value.clone()) {
        if let Value::Array(items) = &value {
            assert_eq!(&page.resources, items);
        }
        for resource in page.resources {
            read_resource(resource);
        }
    }
    read_resource(value);
});

fn read_resource(resource: Value) {
    if let Some(user) = ScimUser::from_value(resource.clone()) {
        assert!(!user.id.trim().is_empty() && !user.user_name.trim().is_empty());
        assert!(user.work_email().is_none_or(|e| e.contains('@')));
        let _ = user.is_active();
        for name in ["ziProduct", "ziRole", "department", "emails"] {
            assert!(user.attribute_texts(name).iter().all(|t| !t.is_empty()));
        }
    }
    if let Some(group) = ScimGroup::from_value(resource) {
        assert!(!group.id.trim().is_empty() && !group.display_name.trim().is_empty());
    }
}
