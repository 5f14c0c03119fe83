//! `zi sim scim`: one KEY=value line per fact, then the simulator answers with them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

const KEYS: [&str; 9] = [
    "SCIM_URL",
    "SCIM_TOKEN",
    "OKTA_URL",
    "OKTA_TOKEN",
    "GRAPH_URL",
    "ENTRA_LOGIN_URL",
    "ENTRA_TENANT",
    "ENTRA_CLIENT_ID",
    "ENTRA_CLIENT_SECRET",
];

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain HTTP/1.1 GET; the status code of the answer.
fn get(url: &str, authorization: &str) -> u16 {
    let rest = url.trim_start_matches("http://");
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(host).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {authorization}\r\nConnection: close\r\n\r\n"
    )
    .expect("sends");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

#[test]
fn it_prints_each_fact_and_serves_okta_and_scim_with_them() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zi"))
        .args(["sim", "scim", "--port", "0", "--quarantine"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("zi sim scim starts");
    let stdout = child.stdout.take().expect("stdout");
    let _running = Running(child);
    let mut lines = BufReader::new(stdout).lines();
    let facts: Vec<(String, String)> = KEYS
        .iter()
        .map(|_| {
            let line = lines.next().expect("a line").expect("text");
            let (key, value) = line.split_once('=').expect("KEY=value");
            (key.to_string(), value.to_string())
        })
        .collect();
    let keys: Vec<&str> = facts.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, KEYS);
    let fact = |key: &str| {
        facts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .expect(key)
    };
    assert!(fact("GRAPH_URL").ends_with("/v1.0"));
    assert_eq!(fact("OKTA_URL"), fact("ENTRA_LOGIN_URL"));
    assert_eq!(
        get(
            &format!("{}/api/v1/apps", fact("OKTA_URL")),
            &format!("SSWS {}", fact("OKTA_TOKEN"))
        ),
        200
    );
    assert_eq!(
        get(&format!("{}/api/v1/apps", fact("OKTA_URL")), "SSWS wrong"),
        401
    );
    assert_eq!(
        get(
            &format!("{}/Users?count=1", fact("SCIM_URL")),
            &format!("Bearer {}", fact("SCIM_TOKEN"))
        ),
        200
    );
}
