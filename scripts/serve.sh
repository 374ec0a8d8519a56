#!/usr/bin/env bash
# Serves convscope at http://127.0.0.1:8000/ (or the next free port) and prints the URL.
#
#   scripts/serve.sh [--port N]    # this machine only
#   scripts/serve.sh --lan         # a class: every interface; prints the LAN URLs and a QR code
#
# Other options (--host, --no-csp, --no-isolate, --no-compress, --allow) are described at the top
# of scripts/serve.mjs, which serves only the app's files, compressed (gzip/brotli).
#
# pkg/ is committed, so a plain clone serves as it is. When src/ has changed since pkg/ was
# built (pkg/BUILD_INFO) and a Rust toolchain is present, pkg/ is rebuilt first.
# pkg-train/ and pkg-lenet/ likewise.
set -euo pipefail
cd "$(dirname "$0")/.."
# pkg-train/ is the training page's module (scripts/build.sh --train), pkg-lenet/ the student
# page's (--lenet).
stale() { [ "$(sed -n 's/^sources: //p' "$1/BUILD_INFO" 2>/dev/null || true)" != "$(scripts/source-hash.sh)" ]; }
for dir in pkg pkg-train pkg-lenet; do
  stale "$dir" || continue
  if command -v cargo >/dev/null && command -v wasm-bindgen >/dev/null && [ -x node_modules/.bin/wasm-opt ]; then
    echo "src/ changed since $dir/ was built: rebuilding $dir/ ..."
    backend=$(sed -n 's/^backend: //p' "$dir/BUILD_INFO" 2>/dev/null || echo flex)
    case "$dir" in
      pkg) scripts/build.sh --backend "${backend:-flex}" ;;
      pkg-train) scripts/build.sh --backend "${backend:-flex}" --train ;;
      pkg-lenet) scripts/build.sh --backend "${backend:-flex}" --lenet ;;
    esac
  else
    echo "note: src/ changed since $dir/ was built, and the build tools are missing (scripts/setup.sh installs them); serving the committed $dir/" >&2
  fi
done
exec node scripts/serve.mjs "$@"
