//! Command-line options of the desktop app.
//!
//! `zi-console --demo` opens straight into demo mode; `--screen <name>` opens a given screen
//! (used by `scripts/screenshot.sh` to make deterministic screenshots). Anything else is
//! ignored with a warning, since desktop launchers add arguments of their own.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

static LAUNCHED: OnceLock<Instant> = OnceLock::new();

/// Marks the moment the app started (the first thing `run` does).
pub fn mark_launch() {
    LAUNCHED.get_or_init(Instant::now);
}

/// Time since [`mark_launch`] (zero if it was never called, as in command tests).
pub fn since_launch() -> Duration {
    LAUNCHED.get().map(Instant::elapsed).unwrap_or_default()
}

/// The screens the app can be told to open on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Screen {
    Connect,
    Search,
    Enrich,
    Usage,
    Provisioning,
    Connectors,
    Settings,
}

impl std::str::FromStr for Screen {
    type Err = String;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.to_ascii_lowercase().as_str() {
            "connect" => Ok(Screen::Connect),
            "search" => Ok(Screen::Search),
            "enrich" => Ok(Screen::Enrich),
            "usage" => Ok(Screen::Usage),
            "provisioning" => Ok(Screen::Provisioning),
            "connectors" => Ok(Screen::Connectors),
            "settings" => Ok(Screen::Settings),
            other => Err(format!("unknown screen '{other}'")),
        }
    }
}

/// What "start at login" launches the app with.
pub const BACKGROUND_ARG: &str = "--background";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// Start the embedded simulator and sign in to it at launch.
    pub demo: bool,
    /// Open this screen first instead of the default.
    pub screen: Option<Screen>,
    /// Started at login: the window stays hidden; the tray and the background checks run.
    pub background: bool,
    /// Arguments we did not understand (reported in the log, otherwise ignored).
    pub ignored: Vec<String>,
}

impl LaunchOptions {
    /// Reads the options from the process arguments (without the program name).
    pub fn from_args<I, S>(args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut options = LaunchOptions::default();
        let mut args = args.into_iter().map(Into::into);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--demo" => options.demo = true,
                BACKGROUND_ARG => options.background = true,
                "--screen" => match args.next() {
                    Some(name) => options.set_screen(&name),
                    None => options.ignored.push(arg),
                },
                other => match other.strip_prefix("--screen=") {
                    Some(name) => options.set_screen(name),
                    None => options.ignored.push(arg),
                },
            }
        }
        options
    }

    fn set_screen(&mut self, name: &str) {
        match name.parse() {
            Ok(screen) => self.screen = Some(screen),
            Err(_) => self.ignored.push(format!("--screen={name}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_means_no_demo_and_default_screen() {
        assert_eq!(
            LaunchOptions::from_args(Vec::<String>::new()),
            LaunchOptions::default()
        );
    }

    #[test]
    fn demo_and_screen_in_both_spellings() {
        let a = LaunchOptions::from_args(["--demo", "--screen", "usage"]);
        assert!(a.demo);
        assert_eq!(a.screen, Some(Screen::Usage));
        let b = LaunchOptions::from_args(["--screen=Search"]);
        assert!(!b.demo);
        assert_eq!(b.screen, Some(Screen::Search));
    }

    #[test]
    fn started_at_login_means_in_the_background() {
        let options = LaunchOptions::from_args([BACKGROUND_ARG]);
        assert!(options.background);
        assert!(options.ignored.is_empty());
        assert!(!LaunchOptions::from_args(["--demo"]).background);
    }

    #[test]
    fn unknown_arguments_are_kept_aside_not_fatal() {
        let options = LaunchOptions::from_args(["-psn_0_1234", "--screen=nowhere", "--screen"]);
        assert_eq!(options.screen, None);
        assert_eq!(
            options.ignored,
            ["-psn_0_1234", "--screen=nowhere", "--screen"]
        );
    }
}
