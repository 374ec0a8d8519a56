#!/usr/bin/env bash
# Fetches the handwriting fonts the demo alphabets are made from (all SIL OFL 1.1, see
# www/assets/alphabets/LICENSES.md) into DIR, with `npm pack` of pinned package versions, for
#   cargo run --release --example make_alphabets -- --fonts DIR
# The fonts are not committed (~35 MB); CI does not regenerate the alphabets.
set -euo pipefail
dir=${1:?usage: scripts/fetch_alphabet_fonts.sh DIR}
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in @expo-google-fonts/nanum-pen-script@0.4.0 @expo-google-fonts/nanum-brush-script@0.2.3 \
  @expo-google-fonts/gaegu@0.4.1 @expo-google-fonts/gamja-flower@0.4.1 \
  @expo-google-fonts/poor-story@0.2.3 @expo-google-fonts/east-sea-dokdo@0.2.0; do
  (cd "$tmp" && npm pack --silent "$p" >/dev/null)
done
for t in "$tmp"/*.tgz; do tar xzf "$t" -C "$tmp" --wildcards '*.ttf'; done
find "$tmp" -name '*.ttf' -exec cp {} "$dir" \;
ls "$dir"
