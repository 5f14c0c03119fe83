#!/usr/bin/env bash
# Type-checks for macOS, from Linux, the workspace crates that can be checked without Apple's SDK:
# `cargo check --all-targets` (library, binaries, tests) for aarch64-apple-darwin and
# x86_64-apple-darwin, the two halves of the universal app, with warnings as errors. It catches
# code behind cfg(target_os = "macos") or cfg(unix) that the Linux build never compiles. The
# release workflow (.github/workflows/release.yml) builds and bundles everything on a real Mac.
#
# Checked here:
#   zi-spec, zi-sheet   pure Rust all the way down.
#   zi-store            with LIBSQLITE3_SYS_USE_PKG_CONFIG=1: libsqlite3-sys then skips compiling
#                       its bundled sqlite3.c (which needs the SDK's C headers) and uses the same
#                       pregenerated bindings as the bundled build, so the Rust that is checked
#                       is the same; a check never links, so no macOS libsqlite3 is needed.
#
# Not checked here, because a build script compiles C or Objective-C for the Mac, which needs
# Apple's SDK (its headers and a Darwin-aware C compiler):
#   zi-client, zi-sim, scim-client, idp-client, zi-core, zi-demo, zi-cli
#       ring 0.17.14 (rustls, and jsonwebtoken's PEM keys) compiles C and assembly. With Debian's
#       cc (GCC): "cc: error: unrecognized command-line option '-arch'" and
#       "... '-mmacosx-version-min=11.0'". With clang as CC_aarch64_apple_darwin:
#       "/usr/include/stdint.h:26:10: fatal error: 'bits/libc-header-start.h' file not found"
#       (Linux's libc headers are no Mac's), and with -ffreestanding
#       "ring-core/base.h:33:10: fatal error: 'TargetConditionals.h' file not found" (an SDK header).
#   zi-console (the app)
#       ring as above, and Objective-C from objc2-exception-helper 0.1.1 (objc2, used by tao, wry
#       and the dialog plugin's rfd) and mac-notification-sys 0.6.15 (the notification plugin):
#       the same "unrecognized command-line option '-arch'" with GCC; they include the SDK's
#       Objective-C runtime and Foundation headers.
# None of these fails because of the project's own code.
#
# About a minute from an empty target directory on two cores (plus, once, rustup adding the
# two targets' standard library), under a second when nothing changed; scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(aarch64-apple-darwin x86_64-apple-darwin)
CRATES=(zi-spec zi-sheet zi-store)

for target in "${TARGETS[@]}"; do
  if [ ! -d "$(rustc --print target-libdir --target "$target" 2>/dev/null)" ]; then
    command -v rustup >/dev/null 2>&1 || {
      echo "error: Rust's $target standard library is missing and there is no rustup to add it" >&2
      exit 1
    }
    echo "==> adding Rust's $target target"
    rustup target add "$target"
  fi
done

packages=()
for crate in "${CRATES[@]}"; do packages+=(-p "$crate"); done
target_args=()
for target in "${TARGETS[@]}"; do target_args+=(--target "$target"); done

# RUSTFLAGS reaches only the macOS artefacts (with --target, build scripts and proc macros are
# built for the host without it), so the Linux builds' cache is untouched.
LIBSQLITE3_SYS_USE_PKG_CONFIG=1 RUSTFLAGS="-D warnings" \
  cargo check --locked --quiet --all-targets "${packages[@]}" "${target_args[@]}"
echo "macOS check passed: ${CRATES[*]} for ${TARGETS[*]}"
