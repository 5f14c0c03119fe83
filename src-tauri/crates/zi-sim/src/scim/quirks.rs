//! The deviations real SCIM servers show, each a switch a test can flip while the server runs.
//! Source: `shared/docs/scim.md` ("A tolerant SCIM 2.0 client") and the seeds.

use std::sync::atomic::{AtomicU32, Ordering};

/// One deviation from RFC 7644 that real servers show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quirk {
    /// Lists hold every resource from `startIndex` on, whatever `count` asks.
    IgnoreCount,
    /// Lists always start at the first resource and hold them all (no paging at all).
    IgnoreStartIndex,
    /// Pages hold at most a few resources whatever `count` asks (the server's own cap).
    SmallPages,
    /// No `totalResults` in list responses.
    OmitTotalResults,
    /// No `Resources` member at all when a list is empty.
    OmitEmptyResources,
    /// `itemsPerPage` claims more resources than the page holds.
    LyingItemsPerPage,
    /// `resources` instead of `Resources`.
    LowercaseResources,
    /// `Content-Type: application/json` instead of `application/scim+json` (Zoom, seed 003).
    PlainJsonContentType,
    /// Booleans sent as strings: `"active": "False"` (Entra ID's mapping, seed 001).
    StringBooleans,
    /// `emails[].type` is null (ZoomInfo, seed 002).
    NullEmailType,
    /// PATCH answers 204 with no body.
    PatchNoContent,
    /// Plain user lists leave inactive users out; `filter=active eq false` still finds them.
    HideInactive,
    /// No `ETag` headers and no `meta.version`.
    NoEtags,
    /// The static bearer token is refused: only tokens from the OAuth endpoint work (Zoom).
    OAuthOnly,
    /// No `/Groups` at all, and no `groups` on users: Okta's ZoomInfo app pushes users only
    /// (seed 002: Push Groups and Import Groups are not supported). Every group request is
    /// answered 404.
    NoGroups,
}

impl Quirk {
    pub const ALL: [Quirk; 15] = [
        Quirk::IgnoreCount,
        Quirk::IgnoreStartIndex,
        Quirk::SmallPages,
        Quirk::OmitTotalResults,
        Quirk::OmitEmptyResources,
        Quirk::LyingItemsPerPage,
        Quirk::LowercaseResources,
        Quirk::PlainJsonContentType,
        Quirk::StringBooleans,
        Quirk::NullEmailType,
        Quirk::PatchNoContent,
        Quirk::HideInactive,
        Quirk::NoEtags,
        Quirk::OAuthOnly,
        Quirk::NoGroups,
    ];

    /// Quirks that change what a server has, not only how it says it: a test comparing a
    /// quirky server's report with a well-behaved one's leaves these out.
    pub const CHANGE_THE_DIRECTORY: [Quirk; 2] = [Quirk::OAuthOnly, Quirk::NoGroups];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// A short kebab-case name (`hide-inactive`), for command lines and test names.
    pub fn name(self) -> &'static str {
        match self {
            Quirk::IgnoreCount => "ignore-count",
            Quirk::IgnoreStartIndex => "ignore-start-index",
            Quirk::SmallPages => "small-pages",
            Quirk::OmitTotalResults => "omit-total-results",
            Quirk::OmitEmptyResources => "omit-empty-resources",
            Quirk::LyingItemsPerPage => "lying-items-per-page",
            Quirk::LowercaseResources => "lowercase-resources",
            Quirk::PlainJsonContentType => "plain-json-content-type",
            Quirk::StringBooleans => "string-booleans",
            Quirk::NullEmailType => "null-email-type",
            Quirk::PatchNoContent => "patch-no-content",
            Quirk::HideInactive => "hide-inactive",
            Quirk::NoEtags => "no-etags",
            Quirk::OAuthOnly => "oauth-only",
            Quirk::NoGroups => "no-groups",
        }
    }
}

impl std::str::FromStr for Quirk {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Quirk::ALL
            .into_iter()
            .find(|q| q.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Quirk::ALL.iter().map(|q| q.name()).collect();
                format!("unknown quirk '{s}' (known: {})", names.join(", "))
            })
    }
}

/// The switches of one running server; every change applies to the next request.
#[derive(Debug, Default)]
pub struct Quirks(AtomicU32);

impl Quirks {
    pub(crate) fn with(initial: &[Quirk]) -> Self {
        let quirks = Quirks::default();
        for q in initial {
            quirks.set(*q, true);
        }
        quirks
    }

    pub fn set(&self, quirk: Quirk, on: bool) {
        if on {
            self.0.fetch_or(quirk.bit(), Ordering::SeqCst);
        } else {
            self.0.fetch_and(!quirk.bit(), Ordering::SeqCst);
        }
    }

    pub fn enable(&self, quirk: Quirk) {
        self.set(quirk, true);
    }

    pub fn disable(&self, quirk: Quirk) {
        self.set(quirk, false);
    }

    pub fn enable_all(&self) {
        for q in Quirk::ALL {
            self.enable(q);
        }
    }

    /// Back to a well-behaved server.
    pub fn clear(&self) {
        self.0.store(0, Ordering::SeqCst);
    }

    pub fn is_on(&self, quirk: Quirk) -> bool {
        self.0.load(Ordering::SeqCst) & quirk.bit() != 0
    }

    pub fn enabled(&self) -> Vec<Quirk> {
        Quirk::ALL.into_iter().filter(|q| self.is_on(*q)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_flip_independently() {
        let quirks = Quirks::with(&[Quirk::HideInactive]);
        assert!(quirks.is_on(Quirk::HideInactive));
        quirks.enable(Quirk::NoEtags);
        quirks.disable(Quirk::HideInactive);
        assert_eq!(quirks.enabled(), vec![Quirk::NoEtags]);
        quirks.enable_all();
        assert_eq!(quirks.enabled().len(), Quirk::ALL.len());
        quirks.clear();
        assert!(quirks.enabled().is_empty());
    }

    #[test]
    fn names_round_trip() {
        for q in Quirk::ALL {
            assert_eq!(q.name().parse::<Quirk>(), Ok(q));
        }
        assert_eq!("Hide_Inactive".parse::<Quirk>(), Ok(Quirk::HideInactive));
        assert!("nope".parse::<Quirk>().is_err());
    }
}
