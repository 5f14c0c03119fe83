//! The client against zi-sim's SCIM server, with each deviation of real servers switched on:
//! what an admin would notice is whether every user, inactive ones included, and every
//! group came through with the attributes the health check reads.

use std::time::Duration;

use scim_client::{
    token_expiry, AccessCheck, OAuthClientCredentials, ScimAuth, ScimClient, ScimConfig, ScimError,
    ScimUser,
};
use secrecy::SecretString;
use serde_json::json;
use zi_sim::scim::{Quirk, ScimSim, ScimSimConfig, ScimSimHandle};

/// Users in the demo organisation, of whom 7 are inactive, in 6 groups.
const DEMO_USERS: usize = 120;
const DEMO_INACTIVE: usize = 7;
const DEMO_GROUPS: usize = 6;

async fn start(quirks: &[Quirk]) -> ScimSimHandle {
    ScimSim::start(ScimSimConfig::demo().with_quirks(quirks))
        .await
        .expect("SCIM simulator starts")
}

fn bearer_client(sim: &ScimSimHandle) -> ScimClient {
    ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client")
}

fn oauth_client(sim: &ScimSimHandle) -> ScimClient {
    let app = sim.oauth_app();
    let mut oauth = OAuthClientCredentials::new(
        sim.oauth_token_url(),
        app.client_id.clone(),
        app.client_secret.clone(),
    );
    oauth.account_id = Some(app.account_id.clone());
    ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::OAuth(oauth))).expect("client")
}

fn by_name<'a>(users: &'a [ScimUser], name: &str) -> &'a ScimUser {
    users
        .iter()
        .find(|u| u.user_name == name)
        .unwrap_or_else(|| panic!("{name} is listed"))
}

/// Everything the health check needs came through, whatever the server's quirks.
async fn assert_complete(client: &ScimClient, sim: &ScimSimHandle, label: &str) {
    let users = client.list_users().await.expect("users listed");
    assert_eq!(users.len(), DEMO_USERS, "{label}: every user listed once");
    let inactive = users.iter().filter(|u| !u.is_active()).count();
    assert_eq!(inactive, DEMO_INACTIVE, "{label}: inactive users found");
    let planted = sim.planted().expect("demo org");
    let lost = by_name(&users, &planted.inactive_user_with_product);
    assert!(!lost.is_active(), "{label}");
    assert_eq!(lost.attribute_texts("ziProduct"), vec!["Sales"], "{label}");
    assert_eq!(
        by_name(&users, &planted.user_without_work_email).work_email(),
        None,
        "{label}"
    );
    let with_email = users.iter().filter(|u| u.work_email().is_some()).count();
    assert_eq!(with_email, DEMO_USERS - 1, "{label}: work emails read");
    assert!(
        users
            .iter()
            .all(|u| u.attribute("ziCreditLimit") == Some(&json!(1000))
                || u.attribute("ziCreditLimit") == Some(&json!("1000"))),
        "{label}: Okta's extension attributes kept"
    );
    let groups = client.list_groups().await.expect("groups listed");
    assert_eq!(groups.len(), DEMO_GROUPS, "{label}: every group listed");
    let sales = groups
        .iter()
        .find(|g| g.display_name == "Sales Team")
        .expect("Sales Team");
    assert_eq!(sales.members.len(), 57, "{label}: 56 + the inactive one");
}

macro_rules! quirk_test {
    ($name:ident, $quirk:expr) => {
        #[tokio::test]
        async fn $name() {
            let sim = start(&[$quirk]).await;
            assert_complete(&bearer_client(&sim), &sim, $quirk.name()).await;
        }
    };
}

quirk_test!(survives_servers_that_ignore_count, Quirk::IgnoreCount);
quirk_test!(
    survives_servers_that_ignore_start_index,
    Quirk::IgnoreStartIndex
);
quirk_test!(survives_servers_with_small_pages, Quirk::SmallPages);
quirk_test!(survives_missing_total_results, Quirk::OmitTotalResults);
quirk_test!(survives_missing_resources, Quirk::OmitEmptyResources);
quirk_test!(survives_lying_items_per_page, Quirk::LyingItemsPerPage);
quirk_test!(survives_lowercase_resources, Quirk::LowercaseResources);
quirk_test!(
    survives_plain_json_content_type,
    Quirk::PlainJsonContentType
);
quirk_test!(survives_booleans_as_strings, Quirk::StringBooleans);
quirk_test!(survives_null_email_type, Quirk::NullEmailType);
quirk_test!(survives_patch_without_content, Quirk::PatchNoContent);
quirk_test!(
    finds_inactive_users_hidden_from_plain_lists,
    Quirk::HideInactive
);
quirk_test!(survives_servers_without_etags, Quirk::NoEtags);

#[tokio::test]
async fn a_well_behaved_server_is_read_completely() {
    let sim = start(&[]).await;
    assert_complete(&bearer_client(&sim), &sim, "no quirks").await;
}

#[tokio::test]
async fn survives_every_quirk_at_once_over_oauth() {
    // Every way of speaking at once; having no /Groups changes what the server has (below).
    let quirks: Vec<Quirk> = Quirk::ALL
        .into_iter()
        .filter(|q| *q != Quirk::NoGroups)
        .collect();
    let sim = start(&quirks).await;
    assert_complete(&oauth_client(&sim), &sim, "all quirks").await;
}

/// Okta's ZoomInfo app pushes users only: no `/Groups` is "no groups offered", not a failure,
/// whether the server says 404, 405 or 501; anything else still fails.
#[tokio::test]
async fn a_server_without_groups_offers_none() {
    let sim = start(&[Quirk::NoGroups]).await;
    let client = bearer_client(&sim);
    assert_eq!(
        client.list_groups_if_offered().await.expect("no failure"),
        None
    );
    let users = client.list_users().await.expect("users");
    assert_eq!(users.len(), DEMO_USERS);
    assert!(
        users.iter().all(|u| u.groups.is_empty()),
        "no groups on users either"
    );
    sim.quirks().disable(Quirk::NoGroups);
    let groups = client.list_groups_if_offered().await.expect("groups");
    assert_eq!(groups.map(|g| g.len()), Some(DEMO_GROUPS));
}

/// A server over its API limit answers 429 with `Retry-After`: every request is answered in
/// the end, read completely, and the wait is what the server asked.
#[tokio::test]
async fn a_throttling_server_is_waited_for_as_it_asks() {
    let sim = start(&[Quirk::SmallPages]).await;
    sim.set_rate_limit(Some(5));
    let started = std::time::Instant::now();
    assert_complete(&bearer_client(&sim), &sim, "throttled").await;
    let throttled = sim.throttled();
    assert!(throttled > 0, "the limit was reached");
    let accepted = sim.requests() - throttled;
    // 5 a second at most: the run cannot be faster than the server allows.
    let floor = (accepted.saturating_sub(5) / 5) as f64;
    assert!(
        started.elapsed().as_secs_f64() >= floor,
        "{accepted} requests"
    );
}

#[tokio::test]
async fn paging_combinations_stay_complete_and_bounded() {
    for quirks in [
        vec![
            Quirk::SmallPages,
            Quirk::LyingItemsPerPage,
            Quirk::OmitTotalResults,
        ],
        vec![Quirk::IgnoreStartIndex, Quirk::OmitTotalResults],
        vec![
            Quirk::IgnoreCount,
            Quirk::LowercaseResources,
            Quirk::OmitEmptyResources,
        ],
    ] {
        let sim = start(&quirks).await;
        let client = bearer_client(&sim);
        let before = sim.requests();
        assert_complete(&client, &sim, &format!("{quirks:?}")).await;
        let used = sim.requests() - before;
        // Small pages of 7 need ~18 + 2 + 1 requests for 120 users; nothing loops.
        assert!(used < 40, "{quirks:?}: {used} requests");
    }
}

#[tokio::test]
async fn a_plain_list_misses_hidden_inactive_users_but_list_users_does_not() {
    let sim = start(&[Quirk::HideInactive]).await;
    let client = bearer_client(&sim);
    let plain = client.list_all("Users", None).await.expect("plain list");
    assert_eq!(plain.len(), DEMO_USERS - DEMO_INACTIVE);
    let all = client.list_users().await.expect("users");
    assert_eq!(all.len(), DEMO_USERS);
}

#[tokio::test]
async fn patch_with_204_and_no_body_is_a_success() {
    let sim = start(&[Quirk::PatchNoContent]).await;
    let client = bearer_client(&sim);
    let planted = sim.planted().expect("demo").clone();
    let user = client
        .find_user(&planted.inactive_user_with_product)
        .await
        .expect("search")
        .expect("found by userName filter");
    let answer = client
        .deactivate_user(&user.id)
        .await
        .expect("PATCH accepted");
    assert!(answer.is_none(), "204 has no body");
    sim.quirks().disable(Quirk::PatchNoContent);
    let reactivated = client
        .patch_user(
            &user.id,
            vec![json!({"op": "replace", "path": "active", "value": true})],
        )
        .await
        .expect("PATCH")
        .expect("200 with the user");
    assert!(reactivated.is_active());
    assert!(client.get_user(&user.id).await.expect("get").is_active());
}

#[tokio::test]
async fn users_and_groups_are_created_changed_and_deleted() {
    let sim = ScimSim::start(ScimSimConfig::empty())
        .await
        .expect("starts");
    let client = bearer_client(&sim);
    assert!(client.list_users().await.expect("empty list").is_empty());
    let ann = client
        .create_user(&json!({
            "userName": "ann@acme.test",
            "active": true,
            "emails": [{"value": "ann@acme.test", "type": "work", "primary": true}],
            "urn:ietf:params:scim:schemas:extension:zoominfo:2.0:User": {"ziProduct": "Talent"},
        }))
        .await
        .expect("created");
    assert_eq!(ann.attribute_texts("ziProduct"), vec!["Talent"]);
    let clash = client
        .create_user(&json!({"userName": "ANN@acme.test"}))
        .await;
    assert!(
        matches!(clash, Err(ScimError::Conflict { .. })),
        "{clash:?}"
    );
    let group = client
        .create_group(&json!({"displayName": "Talent Team", "members": [{"value": ann.id}]}))
        .await
        .expect("group");
    assert_eq!(group.members.len(), 1);
    let user = client.get_user(&ann.id).await.expect("get");
    assert_eq!(
        user.groups.first().map(|g| g.value.as_str()),
        Some(group.id.as_str())
    );
    client.delete_user(&ann.id).await.expect("deleted");
    assert!(matches!(
        client.get_user(&ann.id).await,
        Err(ScimError::NotFound { .. })
    ));
    assert!(client
        .get_group(&group.id)
        .await
        .expect("group")
        .members
        .is_empty());
    client.delete_group(&group.id).await.expect("deleted");
    assert!(client.list_groups().await.expect("groups").is_empty());
}

#[tokio::test]
async fn a_refused_token_is_reported_as_rejected_not_as_an_outage() {
    let sim = start(&[]).await;
    let wrong = ScimClient::new(ScimConfig::new(
        sim.url(),
        ScimAuth::bearer("not-the-token"),
    ))
    .expect("client");
    match wrong.check_access().await.expect("the server answered") {
        AccessCheck::Rejected { status, .. } => assert_eq!(status, 401),
        other => panic!("expected a rejection, got {other:?}"),
    }
    let client = bearer_client(&sim);
    assert_eq!(
        client.check_access().await.expect("check"),
        AccessCheck::Accepted
    );
    sim.reject_tokens(true);
    let error = client.list_users().await.expect_err("refused");
    assert!(error.is_rejected(), "{error}");
    assert!(
        error.to_string().contains("Generate a new API token"),
        "{error}"
    );
}

#[tokio::test]
async fn an_unreachable_server_fails_quickly_with_a_plain_message() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let client = ScimClient::new(ScimConfig::new(
        format!("http://127.0.0.1:{port}/scim/v2"),
        ScimAuth::bearer("t"),
    ))
    .expect("client");
    let started = std::time::Instant::now();
    let error = client.check_access().await.expect_err("nobody listens");
    assert!(error.is_unreachable(), "{error:?}");
    assert!(error.to_string().contains("Could not reach"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn oauth_tokens_are_fetched_reused_and_renewed() {
    let sim = start(&[Quirk::OAuthOnly]).await;
    // The static token is refused on an OAuth-only server.
    assert!(matches!(
        bearer_client(&sim).check_access().await.expect("answer"),
        AccessCheck::Rejected { .. }
    ));
    let client = oauth_client(&sim);
    assert_eq!(
        client.check_access().await.expect("check"),
        AccessCheck::Accepted
    );
    client.list_groups().await.expect("groups");
    assert_eq!(
        sim.oauth_tokens_issued(),
        1,
        "one token reused for both calls"
    );
    sim.revoke_oauth_tokens();
    assert_eq!(
        client.list_groups().await.expect("groups").len(),
        DEMO_GROUPS
    );
    assert_eq!(
        sim.oauth_tokens_issued(),
        2,
        "a refused token is renewed once"
    );
}

#[tokio::test]
async fn oauth_tokens_are_renewed_before_they_expire() {
    let config = ScimSimConfig {
        oauth_token_lifetime: Duration::from_secs(1),
        quirks: vec![Quirk::OAuthOnly],
        ..ScimSimConfig::demo()
    };
    let sim = ScimSim::start(config).await.expect("starts");
    let client = oauth_client(&sim);
    client.check_access().await.expect("check");
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_eq!(
        client.check_access().await.expect("check"),
        AccessCheck::Accepted
    );
    assert_eq!(sim.oauth_tokens_issued(), 2);
}

#[tokio::test]
async fn wrong_client_credentials_are_a_rejection() {
    let sim = start(&[Quirk::OAuthOnly]).await;
    let oauth = OAuthClientCredentials::new(sim.oauth_token_url(), "zi-sim-client", "wrong");
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::OAuth(oauth))).expect("client");
    match client.check_access().await.expect("answer") {
        AccessCheck::Rejected { status, message } => {
            assert_eq!(status, 401);
            assert!(message.contains("Invalid client"), "{message}");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[tokio::test]
async fn the_demo_token_says_when_it_expires() {
    let sim = start(&[]).await;
    let expires = token_expiry(&SecretString::from(sim.token())).expect("a JWT with exp");
    let days = (expires - chrono::Utc::now()).num_days();
    assert!((22..=23).contains(&days), "{days} days left");
}

#[tokio::test]
async fn service_provider_config_is_read() {
    let sim = start(&[Quirk::PlainJsonContentType]).await;
    let config = bearer_client(&sim)
        .service_provider_config()
        .await
        .expect("config");
    assert_eq!(config["patch"]["supported"], true);
}
