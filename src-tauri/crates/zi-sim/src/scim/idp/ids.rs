//! Identifiers shaped like each provider's, derived from the simulator's seed and a label so
//! the same user always gets the same ids.

use sha1::{Digest, Sha1};

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn digest(seed: u64, label: &str, round: u8) -> [u8; 20] {
    let mut hasher = Sha1::new();
    hasher.update(seed.to_le_bytes());
    hasher.update([round]);
    hasher.update(label.as_bytes());
    hasher.finalize().into()
}

/// `len` alphanumeric characters.
pub(crate) fn alphanumeric(seed: u64, label: &str, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut round = 0u8;
    while out.len() < len {
        for b in digest(seed, label, round) {
            if out.len() == len {
                break;
            }
            out.push(char::from(BASE62[usize::from(b) % BASE62.len()]));
        }
        round = round.wrapping_add(1);
    }
    out
}

/// An Okta object id: a three-character type prefix (`00u` user, `0oa` app, `0ua` app user)
/// and 17 more characters, 20 in all, as in the description's examples.
pub(crate) fn okta_id(seed: u64, prefix: &str, label: &str) -> String {
    format!("{prefix}{}", alphanumeric(seed, label, 20 - prefix.len()))
}

/// Lowercase hexadecimal, `len` digits.
pub(crate) fn hex(seed: u64, label: &str, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut round = 0u8;
    while out.len() < len {
        for b in digest(seed, label, round) {
            out.push_str(&format!("{b:02x}"));
        }
        round = round.wrapping_add(1);
    }
    out.truncate(len);
    out
}

/// A GUID (8-4-4-4-12 hex digits), as Entra and Graph ids are.
pub(crate) fn guid(seed: u64, label: &str) -> String {
    let h = hex(seed, label, 32);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_well_shaped() {
        let id = okta_id(7, "0oa", "app");
        assert_eq!(id.len(), 20);
        assert!(id.starts_with("0oa"));
        assert_eq!(id, okta_id(7, "0oa", "app"));
        assert_ne!(id, okta_id(8, "0oa", "app"));
        let g = guid(7, "tenant");
        assert_eq!(g.len(), 36);
        assert!(g
            .split('-')
            .map(str::len)
            .eq([8usize, 4, 4, 4, 12].into_iter()));
        assert_eq!(alphanumeric(1, "x", 42).len(), 42);
    }
}
