use reqwest::header::HeaderMap;
use serde_json::Value;
use zi_sim::{Sim, SimConfig, SimHandle, DEMO_PASSWORD, DEMO_USERNAME};

/// A small dataset and no rate limits: fast tests where pacing does not matter.
pub fn small() -> SimConfig {
    SimConfig {
        people: 3_000,
        companies: 300,
        ..SimConfig::unlimited()
    }
}

pub async fn start(config: SimConfig) -> SimHandle {
    Sim::start(config).await.expect("simulator starts")
}

/// One answer, body kept as text so truncated bodies can be inspected.
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }

    /// The legacy message-only error text.
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn answer(resp: reqwest::Response) -> Answer {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.text().await.expect("body");
    Answer {
        status,
        headers,
        body,
    }
}

pub async fn authenticate(sim: &SimHandle, username: &str, password: &str) -> Answer {
    let resp = client()
        .post(format!("{}/authenticate", sim.url()))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .expect("send");
    answer(resp).await
}

/// Logs in with the demo credentials and returns the token.
pub async fn login(sim: &SimHandle) -> String {
    let a = authenticate(sim, DEMO_USERNAME, DEMO_PASSWORD).await;
    assert_eq!(a.status, 200, "login failed: {}", a.body);
    a.json()["jwt"].as_str().expect("jwt").to_string()
}

pub async fn post(sim: &SimHandle, token: &str, path: &str, body: &Value) -> Answer {
    post_raw(sim, token, path, body.to_string()).await
}

pub async fn post_raw(sim: &SimHandle, token: &str, path: &str, body: String) -> Answer {
    let resp = client()
        .post(format!("{}{path}", sim.url()))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("send");
    answer(resp).await
}

pub async fn get(sim: &SimHandle, token: &str, path: &str) -> Answer {
    let resp = client()
        .get(format!("{}{path}", sim.url()))
        .bearer_auth(token)
        .send()
        .await
        .expect("send");
    answer(resp).await
}
