#!/usr/bin/env bash
# Builds the WebAssembly module and its JS glue (wasm-bindgen --target web) into pkg/, or with
# --train the training module (the same crate with feature `train` instead of `full-api`: burn's
# autodiff and optimisers, the `Trainer` class, and of the inference API only what its worker uses) into pkg-train/ as convscope_train.js. Only the training
# page's worker loads pkg-train/; the other pages never download it. With --lenet, the student
# page's module (feature `lenet-api` alone: the LeNet-5 API on the direct forward pass, no burn
# reachable, no built-in weights; the page fetches www/assets/weights/) into pkg-lenet/.
#
#   scripts/build.sh [--backend flex|ndarray] [--out DIR] [--no-opt] [--train | --lenet]
#
# Steps: cargo build (profile `wasm`: LTO, one codegen unit, panic=abort; +simd128 from
# .cargo/config.toml) -> wasm-bindgen --target web -> esbuild --minify (the glue) -> wasm-opt
# -O3 (npm binaryen; Debian's binaryen 108 miscompiles this module, see ../shared/TOOLCHAIN.md)
# -> pkg/SOURCE_HASH, the hash of the sources the module was built from (scripts/serve.sh
# compares it to rebuild).
# Needs: the rustup target wasm32-unknown-unknown, wasm-bindgen-cli of the exact version in
# Cargo.lock, and `npm ci` (scripts/setup.sh installs all three).
set -euo pipefail
cd "$(dirname "$0")/.."

backend=flex
out=
opt=1
train=0
lenet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --backend) backend="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-opt) opt=0; shift ;;   # skip wasm-opt (quicker; for test-only builds)
    --train) train=1; shift ;;  # the training module (pkg-train/)
    --lenet) lenet=1; shift ;;  # the student page's module (pkg-lenet/)
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$backend" in flex|ndarray) ;; *) echo "build.sh: --backend is flex or ndarray" >&2; exit 2 ;; esac

want=$(cargo pkgid wasm-bindgen 2>/dev/null | sed 's/.*[@#]//')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$want" != "$have" ]; then
  echo "build.sh: wasm-bindgen-cli $have found, Cargo.lock needs $want (run scripts/setup.sh)" >&2
  exit 1
fi

features="$backend,simd,full-api"
name=convscope
if [ "$train" = 1 ]; then
  features="$backend,simd,train"   # without full-api: only what the training worker uses
  name=convscope   # read.js imports the glue back as ../convscope.js
  out=${out:-pkg-train}
fi
if [ "$lenet" = 1 ]; then
  features="$backend,simd,lenet-api"   # no full-api: nothing of burn is reachable from its exports
  out=${out:-pkg-lenet}
fi
out=${out:-pkg}

cargo build --lib --locked --profile wasm --target wasm32-unknown-unknown \
  --no-default-features --features "$features"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/convscope.wasm"
# The glue and its snippets (our src/bindings/read.js) minified: 36 -> ~15 KiB raw for every
# page that loads the module. --keep-names keeps class and function names (LeNet5.name, stack
# traces) as written; export names are never renamed.
find "$out" -name '*.js' -print0 | while IFS= read -r -d '' js; do
  node_modules/.bin/esbuild "$js" --minify --keep-names --log-level=warning --outfile="$js.min" \
    --allow-overwrite
  mv "$js.min" "$js"
done
[ "$opt" = 0 ] || node_modules/.bin/wasm-opt -O3 \
  --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
{
  echo "backend: $backend"
  echo "features: $features"
  echo "sources: $(scripts/source-hash.sh)"
} > "$out/BUILD_INFO"
ls -l "$out"
# The service worker's precache list (sw-manifest.js) and the offline edition (a zip that embeds
# pkg/, pkg-train/ and pkg-lenet/) follow them (not a test build into another folder);
# scripts/test.sh checks that both committed files are current.
if [ "$out" = pkg ] || [ "$out" = pkg-train ] || [ "$out" = pkg-lenet ]; then
  node scripts/build_offline.mjs
  node scripts/build_sw.mjs
fi
