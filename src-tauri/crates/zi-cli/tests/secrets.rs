//! After full runs of every `zi` command, the password, the session tokens (JWTs) and the SCIM
//! token appear nowhere: not on stdout or stderr, not in any file of the data folder (database,
//! WAL, journals, logs, outputs). Includes failing runs: a wrong password, a server answering
//! 500, tokens that expire mid-run or are revoked (with a keychain, the session the runs
//! share is kept there, never in the data folder).

mod common;

use std::path::Path;
use std::time::Duration;

use common::{sample, text};
use zi_sim::scim::{ScimSim, ScimSimConfig};
use zi_sim::{Sim, SimConfig};

const TOKEN_VAR: &str = "ZI_TEST_SCIM_TOKEN";

/// The first JSON Web Token in `haystack`, if any (the detector the app's log export uses).
fn contains_jwt(haystack: &str) -> Option<String> {
    zi_core::redact::find_jwt(haystack).map(|range| haystack[range].to_string())
}

/// Every file under `dir`, as (path, bytes read as lossy text).
fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                found.push((
                    path.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ));
            }
        }
    }
    found
}

struct Secrets {
    password: String,
    scim_token: String,
}

impl Secrets {
    fn assert_absent(&self, place: &str, content: &str) {
        assert!(
            !content.contains(&self.password),
            "the password leaked into {place}"
        );
        assert!(
            !content.contains(&self.scim_token),
            "the SCIM token leaked into {place}"
        );
        if let Some(jwt) = contains_jwt(content) {
            panic!(
                "a token leaked into {place}: {}…",
                &jwt[..jwt.len().min(24)]
            );
        }
    }
}

#[test]
fn the_jwt_detector_finds_real_tokens() {
    // The detector must see the tokens the simulators issue, or the sweep below proves nothing.
    let token = zi_sim::scim::jwt_token(30);
    assert!(contains_jwt(&format!("Bearer {token}\n")).is_some());
    assert!(contains_jwt(&format!("{{\"jwt\":\"{token}\"}}")).is_some());
    assert!(contains_jwt("eyJ is a prefix, not a token").is_none());
}

#[test]
fn no_secret_reaches_output_or_the_data_folder() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let secrets = Secrets {
        password: format!("Sweep-{}-pässwörd!", std::process::id()),
        scim_token: zi_sim::scim::jwt_token(12),
    };
    let (sim, broken, scim) = runtime.block_on(async {
        let config = SimConfig {
            username: "sweep@zi-console.test".into(),
            password: secrets.password.clone(),
            // Short-lived tokens: renewed several times during the run.
            token_lifetime: Duration::from_secs(2),
            ..SimConfig::unlimited()
        };
        let sim = Sim::start(config.clone()).await.expect("sim");
        let broken = Sim::start(config).await.expect("failing sim");
        broken.knobs().set_share_500(1.0);
        let scim = ScimSim::start(ScimSimConfig {
            bearer_token: secrets.scim_token.clone(),
            ..ScimSimConfig::default()
        })
        .await
        .expect("scim sim");
        (sim, broken, scim)
    });

    let dir = tempfile::tempdir().expect("dir");
    let data = tempfile::tempdir().expect("data");
    let input = sample(dir.path(), "contact", 600);
    let out = dir.path().join("out.csv");
    let export = dir.path().join("search.csv");
    let (url, broken_url, scim_url) = (sim.url(), broken.url(), scim.url());
    let input_arg = input.display().to_string();
    let out_arg = out.display().to_string();
    let export_arg = export.display().to_string();

    let runs: Vec<(&str, String, Vec<&str>)> = vec![
        ("status", url.clone(), vec!["status"]),
        (
            "search",
            url.clone(),
            vec!["search", "contact", "--max", "120", "--output", &export_arg],
        ),
        ("usage", url.clone(), vec!["usage", "--json"]),
        (
            "enrich dry run",
            url.clone(),
            vec![
                "enrich",
                "contact",
                &input_arg,
                "--output",
                &out_arg,
                "--dry-run",
            ],
        ),
        (
            "enrich",
            url.clone(),
            vec![
                "enrich", "contact", &input_arg, "--output", &out_arg, "--yes",
            ],
        ),
        ("jobs", url.clone(), vec!["jobs", "--json"]),
        (
            "scim status",
            url.clone(),
            vec![
                "scim",
                "status",
                "--url",
                &scim_url,
                "--token-env",
                TOKEN_VAR,
                "--json",
            ],
        ),
        ("failing server", broken_url.clone(), vec!["usage"]),
    ];
    for (name, api, args) in &runs {
        if *name == "enrich" {
            // ZoomInfo revokes the session mid-sweep: with a keychain, the runs share one kept
            // session, and its replacement must stay out of sight as well.
            sim.knobs().revoke_all_tokens();
        }
        let output = common::zi(api, &data)
            .env("ZI_USERNAME", "sweep@zi-console.test")
            .env("ZI_PASSWORD", &secrets.password)
            .env(TOKEN_VAR, &secrets.scim_token)
            .env("RUST_BACKTRACE", "1")
            .args(args)
            .output()
            .expect("runs");
        let stdout = text(&output.stdout);
        let stderr = text(&output.stderr);
        if *name != "failing server" {
            assert!(output.status.success(), "{name}: {stderr}");
        }
        secrets.assert_absent(&format!("the stdout of `zi {name}`"), &stdout);
        secrets.assert_absent(&format!("the stderr of `zi {name}`"), &stderr);
    }

    // A wrong password is refused without echoing either password.
    let refused = common::zi(&url, &data)
        .env("ZI_USERNAME", "sweep@zi-console.test")
        .env("ZI_PASSWORD", format!("{}-wrong", secrets.password))
        .args(["usage"])
        .output()
        .expect("runs");
    assert!(!refused.status.success());
    secrets.assert_absent("the wrong-password run", &text(&refused.stdout));
    secrets.assert_absent("the wrong-password run", &text(&refused.stderr));

    // The runs really used the account: the enrichment was written and tokens were renewed.
    assert!(
        std::fs::read_to_string(&out)
            .expect("output")
            .lines()
            .count()
            > 600
    );
    assert!(sim.stats().logins >= 2, "{:?}", sim.stats());

    let files = files_under(data.path());
    assert!(
        files.iter().any(|(path, _)| path.ends_with(".sqlite")),
        "the sweep saw the database: {:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for (path, content) in files_under(data.path())
        .into_iter()
        .chain(files_under(dir.path()))
    {
        secrets.assert_absent(&path, &content);
    }
}
