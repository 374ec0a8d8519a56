#!/usr/bin/env bash
# Installs everything the build and the tests need; safe to run again (skips what is there):
# the pinned Rust toolchain and its wasm32 target, wasm-bindgen-cli at the exact version in
# Cargo.lock, Debian's chromium (browser tests), and the npm packages of package-lock.json
# (playwright-core, binaryen's wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."

channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
rustup toolchain install "$channel" --profile minimal \
  --target wasm32-unknown-unknown --component rustfmt --component clippy

want=$(cargo pkgid wasm-bindgen | sed 's/.*[@#]//')
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  # Not --locked: one of the CLI's locked dependency versions is not served by the registry
  # here (../shared/TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$want"
fi

if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

npm ci --no-audit --no-fund
