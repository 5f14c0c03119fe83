//! A private PostgreSQL server for tests, from the system's packages (Debian's `postgresql`):
//! `initdb` into a temporary folder, `pg_ctl` on a free port, as an unprivileged user when
//! run as root (PostgreSQL refuses to run as root), stopped when dropped. Password sign-in
//! (SCRAM) like a real team server.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The password of the test server's user `zi`.
pub const PASSWORD: &str = "zi-team-test-password";
const USER: &str = "zi";

pub struct TestServer {
    folder: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    run_as: Option<&'static str>,
}

impl TestServer {
    /// Starts a server. `None` (with a note) when PostgreSQL's programs are not installed,
    /// except under CI, where their absence fails the test.
    pub fn start() -> Option<TestServer> {
        let Some(bin) = find_bin() else {
            assert!(
                std::env::var("CI").is_err(),
                "PostgreSQL's initdb and pg_ctl are needed (apt install postgresql)"
            );
            eprintln!("skipped: PostgreSQL's initdb is not installed");
            return None;
        };
        let folder = tempfile::Builder::new()
            .prefix("zi-team-pg")
            .tempdir()
            .expect("temp folder");
        let run_as = is_root().then_some("nobody");
        if run_as.is_some() {
            open_to_all(folder.path());
        }
        std::fs::write(folder.path().join("pw"), PASSWORD).expect("password file");
        open_to_all(&folder.path().join("pw"));
        let server = TestServer {
            folder,
            bin,
            port: free_port(),
            run_as,
        };
        let data = server.data();
        server.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                USER,
                "--pwfile",
                &server.path("pw"),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        server.start_again();
        Some(server)
    }

    /// The address of database `name`, with the password written in it.
    pub fn url(&self, name: &str) -> String {
        format!(
            "postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{name}",
            self.port
        )
    }

    /// The address of database `name` without the password.
    pub fn url_without_password(&self, name: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{name}", self.port)
    }

    /// A new, empty database; returns its name.
    pub fn new_database(&self) -> String {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let name = format!(
            "team_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        );
        let status = Command::new(self.bin.join("createdb"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                USER,
                &name,
            ])
            .env("PGPASSWORD", PASSWORD)
            .status()
            .expect("createdb");
        assert!(status.success(), "createdb {name}");
        name
    }

    /// Stops the server at once, as a crash or an outage would.
    pub fn stop(&self) {
        self.run(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
        );
    }

    /// Starts it (again), waiting until it accepts connections.
    pub fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
            self.port,
            self.folder.path().display()
        );
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-l",
                &self.path("log"),
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
    }

    fn data(&self) -> String {
        self.path("data")
    }

    fn path(&self, name: &str) -> String {
        self.folder.path().join(name).display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let mut command = match self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&program);
                c
            }
            None => Command::new(&program),
        };
        let output = command.args(args).output().expect("PostgreSQL program");
        assert!(
            output.status.success(),
            "{} {args:?}: {}{}",
            program.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = Command::new(self.bin.join("pg_ctl"))
            .args(["-D", &self.data(), "-m", "immediate", "stop"])
            .output();
    }
}

/// Debian keeps the server's programs in /usr/lib/postgresql/<version>/bin; elsewhere they
/// are on the PATH.
fn find_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions.pop().or_else(|| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).find(|dir| dir.join("initdb").exists()))
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn open_to_all(path: &Path) {
    let _ = Command::new("chmod").arg("0777").arg(path).status();
}
