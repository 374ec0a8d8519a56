#!/usr/bin/env bash
# Installs what the tests need (scripts/setup.sh), then runs every test:
#   0. ESLint over www/, tests/, scripts/ and node --test tests/unit/ (seconds);
#   1. clippy with warnings as errors (features `cli` = training + the native training binary,
#      so the CLI is linted too; same features and profile as the tests, so it reuses
#      their compiled dependencies), then native Rust tests in release (every op on both
#      backends, worked examples, property tests, LeNet-5 accuracy on the full 10k MNIST test
#      set, preprocessing robustness);
#   2. pkg/, pkg-train/ and pkg-lenet/ are rebuilt and must equal the committed ones byte for
#      byte (a stale one fails);
#   2b. the offline edition (dist/convscope-offline.zip) is rebuilt from the committed files and
#      must equal the committed zip byte for byte (stale fails; tests/browser/offline.test.mjs
#      then checks that it works from file://);
#   3. the wasm module also builds with the other backend (ndarray), and its API tests pass;
#   4. browser tests in headless Chromium (node --test, playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== 0. JS lint (ESLint) and unit tests of the pure JS modules (no browser)"
npx --no-install eslint www tests scripts eslint.config.js sw.js
node scripts/vendor.mjs --check   # www/vendor/ is the copy of node_modules it says it is
node scripts/build_sw.mjs --check   # sw-manifest.js lists the app's current files (stale: run it)
node --test tests/unit/

echo "== 1. clippy, then native tests"
cargo clippy --release --locked --features ndarray,flex,simd,cli --all-targets -- -D warnings
# --lib --tests --bins: the examples (measurement tools) are linted above but not linked, and
# rustdoc is not run (the docs hold no runnable examples): minutes saved on a fresh machine.
cargo test --release --locked --features ndarray,flex,simd,cli --lib --tests --bins

echo "== 2. committed pkg/, pkg-train/ and pkg-lenet/ are current"
backend=$(sed -n 's/^backend: //p' pkg/BUILD_INFO)
scripts/build.sh --backend "$backend" --out target/pkg-check
if ! diff -r pkg target/pkg-check; then
  echo "pkg/ is stale: run scripts/build.sh --backend $backend and commit pkg/" >&2
  exit 1
fi
scripts/build.sh --backend "$backend" --train --out target/pkg-train-check
if ! diff -r pkg-train target/pkg-train-check; then
  echo "pkg-train/ is stale: run scripts/build.sh --backend $backend --train and commit pkg-train/" >&2
  exit 1
fi
scripts/build.sh --backend "$backend" --lenet --out target/pkg-lenet-check
if ! diff -r pkg-lenet target/pkg-lenet-check; then
  echo "pkg-lenet/ is stale: run scripts/build.sh --backend $backend --lenet and commit pkg-lenet/" >&2
  exit 1
fi

echo "== 2b. committed offline edition is current"
node scripts/build_offline.mjs --out target/offline-check.zip
if ! cmp dist/convscope-offline.zip target/offline-check.zip; then
  echo "dist/convscope-offline.zip is stale: run node scripts/build_offline.mjs and commit it" >&2
  exit 1
fi

echo "== 3. the other backend builds for wasm32"
other=ndarray; [ "$backend" = ndarray ] && other=flex
scripts/build.sh --backend "$other" --out target/pkg-$other --no-opt

echo "== 3b. API, hostile-input and fuzz tests in Node (tests/node/)"
node --test --test-concurrency=1 tests/node/

echo "== 4. browser tests"
CONVSCOPE_ALT_PKG="target/pkg-$other" node --test --test-concurrency=1 tests/browser/
