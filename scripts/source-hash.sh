#!/usr/bin/env bash
# Prints one hash of every file the wasm module is built from, so scripts/serve.sh can tell
# whether pkg/ is current without a Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
{ ls Cargo.toml Cargo.lock rust-toolchain.toml .cargo/config.toml; find src -type f; } \
  | LC_ALL=C sort | while read -r f; do printf '%s\n' "$f"; cat "$f"; done | sha256sum | cut -c1-16
