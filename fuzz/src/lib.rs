//! Helpers shared by the fuzz targets in `fuzz_targets/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use base64::Engine;

/// Writes `bytes` to this process's scratch file with the given extension (in memory where
/// the system has a tmpfs) and returns its path; the next call overwrites it.
pub fn scratch_file(extension: &str, bytes: &[u8]) -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    let dir = if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    };
    let path = dir.join(format!("zi-fuzz-{}.{extension}", std::process::id()));
    if let Err(e) = std::fs::write(&path, bytes) {
        panic!("cannot write the scratch file {}: {e}", path.display());
    }
    path
}

/// zi-sheet reads workbooks on a thread named `zi-sheet-reader` that turns a panic of the
/// workbook parser (calamine) on a damaged file into an ordinary error, by design. libFuzzer's
/// panic hook would abort on those caught panics, so they are let through quietly; a panic on
/// any other thread still aborts and is reported.
pub fn let_the_workbook_reader_catch_its_panics() {
    let fuzzer_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("zi-sheet-reader") {
            fuzzer_hook(info);
        }
    }));
}

/// An unsigned JWT whose claims are `claims` (any bytes): lets the fuzzer mutate the claims
/// rather than their base64.
pub fn unsigned_jwt(claims: &[u8]) -> String {
    let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.c2ln",
        enc.encode(br#"{"alg":"HS256","typ":"JWT"}"#),
        enc.encode(claims)
    )
}

/// Whether a token lifetime can be added to both clocks a client keeps (the monotonic one for
/// renewal, the wall clock for display) without overflowing them.
pub fn fits_the_clocks(lifetime: Duration) -> bool {
    let monotonic = Instant::now().checked_add(lifetime).is_some();
    let wall = chrono::Duration::from_std(lifetime)
        .ok()
        .and_then(|d| chrono::Utc::now().checked_add_signed(d))
        .is_some();
    monotonic && wall
}

/// Splits `input` in two: the first byte (0 when empty) drives choices, the rest is the data.
pub fn control_byte(input: &[u8]) -> (u8, &[u8]) {
    match input.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (0, input),
    }
}
