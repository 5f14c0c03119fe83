//! `zi completions SHELL` and `zi man` as a user meets them: the script sourced in a real shell
//! completes `zi`'s commands and options, and the man pages render with the system's `man`.
//! Neither needs credentials, a session, the keychain or the demo.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use common::text;

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

/// `zi` with nothing of a user's setup: no credentials, no data folder, no keychain bus, and a
/// HOME of its own (returned, to check nothing was written there).
fn bare_zi() -> (Command, tempfile::TempDir) {
    let home = tempfile::tempdir().expect("home");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zi"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .timeout(std::time::Duration::from_secs(60));
    (cmd, home)
}

fn script(shell: &str) -> String {
    let (mut cmd, _home) = bare_zi();
    let out = cmd.args(["completions", shell]).output().expect("runs");
    assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// The path of `tool` on PATH, if it is installed.
fn installed(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file())
}

/// What bash's completion offers for `words` (the cursor on the last word), after sourcing
/// `zi completions bash` and calling the function it registered for `zi`.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("zi.bash");
    std::fs::write(&file, script("bash")).expect("script written");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let probe = format!(
        r#"source "$1" || exit 10
spec=$(complete -p zi) || exit 11
fn=$(printf '%s\n' "$spec" | sed -n 's/.*-F \([^ ]*\).*/\1/p')
[ -n "$fn" ] || exit 12
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
"$fn" zi "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        words = quoted.join(" ")
    );
    let out = StdCommand::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe, "probe"])
        .arg(&file)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "bash exited {:?}: {}",
        out.status.code(),
        text(&out.stderr)
    );
    text(&out.stdout)
        .lines()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn bash_sources_the_script_and_registers_a_completion_for_zi() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("zi.bash");
    std::fs::write(&file, script("bash")).expect("script written");
    let out = StdCommand::new("bash")
        .args([
            "--norc",
            "--noprofile",
            "-c",
            r#"source "$1" && complete -p zi"#,
        ])
        .arg("probe")
        .arg(&file)
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let spec = text(&out.stdout);
    assert!(
        spec.starts_with("complete ") && spec.contains(" -F ") && spec.trim_end().ends_with(" zi"),
        "{spec}"
    );
}

#[test]
fn bash_completes_commands_subcommands_and_options() {
    assert_eq!(bash_completes(&["zi", "en"]), ["enrich"]);
    assert_eq!(bash_completes(&["zi", "scim", "st"]), ["status"]);
    assert_eq!(bash_completes(&["zi", "enrich", "--bud"]), ["--budget"]);
    // An empty word gets the shells (and the options, which start with a dash).
    let mut shells: Vec<String> = bash_completes(&["zi", "completions", ""])
        .into_iter()
        .filter(|word| !word.starts_with('-'))
        .collect();
    shells.sort();
    let mut expected = SHELLS.to_vec();
    expected.sort();
    assert_eq!(shells, expected);
}

#[test]
fn every_shell_gets_a_script_naming_zis_commands() {
    for shell in SHELLS {
        let script = script(shell);
        for command in ["enrich", "scim", "completions", "man"] {
            assert!(script.contains(command), "{shell} script lacks {command}");
        }
    }
}

#[test]
fn zsh_registers_the_completion_when_installed() {
    let Some(zsh) = installed("zsh") else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("_zi"), script("zsh")).expect("script written");
    let out = StdCommand::new(zsh)
        .args([
            "-f",
            "-c",
            r#"fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D; print -r -- "$_comps[zi]""#,
            "probe",
        ])
        .arg(dir.path())
        .output()
        .expect("zsh runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "_zi");
}

#[test]
fn fish_completes_commands_when_installed() {
    let Some(fish) = installed("fish") else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("zi.fish");
    std::fs::write(&file, script("fish")).expect("script written");
    let out = StdCommand::new(fish)
        .args([
            "--no-config",
            "-c",
            r#"source $argv[1]; complete -C 'zi en'"#,
        ])
        .arg(&file)
        .output()
        .expect("fish runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let offered: Vec<String> = text(&out.stdout)
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(offered, ["enrich"], "{}", text(&out.stdout));
}

#[test]
fn an_unknown_shell_is_a_usage_error_listing_the_shells() {
    let (mut cmd, _home) = bare_zi();
    let out = cmd.args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
    for shell in SHELLS {
        assert!(stderr.contains(shell), "{shell} not listed: {stderr}");
    }
}

/// A man page as `man` shows it in a terminal, without bold or underline.
fn rendered(page: &Path) -> String {
    let out = if let Some(man) = installed("man") {
        StdCommand::new(man)
            .arg("-l")
            .arg(page)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .env("MAN_DISABLE_SECCOMP", "1")
            .output()
            .expect("man runs")
    } else if let Some(groff) = installed("groff") {
        StdCommand::new(groff)
            .args(["-man", "-Tutf8", "-rLL=100n"])
            .arg(page)
            .output()
            .expect("groff runs")
    } else {
        panic!("neither man nor groff is installed (scripts/bootstrap.sh installs them)");
    };
    assert!(out.status.success(), "{}", text(&out.stderr));
    plain(&text(&out.stdout))
}

/// The words of a rendered page, single-spaced (man justifies lines with extra spaces), without
/// terminal styling: overstrikes (`x\bx`, `_\bx`) and SGR escapes.
fn plain(styled: &str) -> String {
    let mut out = String::new();
    let mut chars = styled.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{8}' => {
                out.pop();
            }
            '\u{1b}' => {
                for next in chars.by_ref() {
                    if next.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_man_page_renders_with_its_name_and_the_commands() {
    let (mut cmd, home) = bare_zi();
    let out = cmd.arg("man").output().expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = home.path().join("zi.1");
    std::fs::write(&file, &out.stdout).expect("page written");
    let page = rendered(&file);
    assert!(page.contains("NAME"), "{page}");
    assert!(
        page.contains("zi - zi-console on the command line"),
        "{page}"
    );
    assert!(page.contains("SYNOPSIS"), "{page}");
    for command in [
        "zi-enrich(1)",
        "zi-scim(1)",
        "zi-search(1)",
        "zi-completions(1)",
    ] {
        assert!(page.contains(command), "{command} missing: {page}");
    }
}

#[test]
fn man_dir_writes_a_page_per_command_that_man_finds() {
    let (mut cmd, home) = bare_zi();
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("man1");
    let out = cmd.args(["man", "--dir"]).arg(&dir).output().expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));

    let listed: Vec<PathBuf> = text(&out.stdout).lines().map(PathBuf::from).collect();
    let mut on_disk: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("DIR created")
        .map(|entry| entry.expect("entry").path())
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, on_disk, "the files printed are the files written");
    assert_eq!(listed.first(), Some(&dir.join("zi.1")));
    for name in [
        "zi-enrich.1",
        "zi-scim.1",
        "zi-scim-status.1",
        "zi-sim-serve.1",
        "zi-completions.1",
        "zi-man.1",
    ] {
        assert!(listed.contains(&dir.join(name)), "{name} not written");
    }
    assert!(!listed.contains(&dir.join("zi-help.1")), "{listed:?}");

    // Installed where `man` looks, `man zi-scim-status` shows that command's own page.
    if let Some(man) = installed("man") {
        let out = StdCommand::new(man)
            .arg("-M")
            .arg(root.path())
            .arg("zi-scim-status")
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .env("MAN_DISABLE_SECCOMP", "1")
            .output()
            .expect("man runs");
        assert!(out.status.success(), "{}", text(&out.stderr));
        let page = plain(&text(&out.stdout));
        assert!(page.contains("NAME"), "{page}");
        assert!(
            page.contains("zi-scim-status - Check a SCIM endpoint"),
            "{page}"
        );
        assert!(page.contains("--fail-on"), "{page}");
    }
    let enrich = rendered(&dir.join("zi-enrich.1"));
    assert!(
        enrich.contains("zi-enrich - Enrich a CSV/XLSX file"),
        "{enrich}"
    );
    assert!(enrich.contains("--budget"), "{enrich}");

    // Nothing of a session, a data folder or a keychain was touched.
    let left: Vec<_> = std::fs::read_dir(home.path()).expect("home").collect();
    assert!(left.is_empty(), "written to HOME: {left:?}");
}
