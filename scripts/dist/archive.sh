#!/usr/bin/env bash
# Packs one release archive: agentpack-v<version>-<target>.tar.gz (.zip for Windows)
# holding agentpack-v<version>-<target>/{agentpack[.exe],README.md,LICENSE-MIT,LICENSE-APACHE},
# and its SHA-256 beside it (<archive>.sha256, `sha256sum` format). The release workflow
# and the local npm pack (scripts/dist/npm-pack.mjs) both use it, so what is tested here is
# what ships. cargo binstall's metadata in Cargo.toml names the same paths.
#
#   scripts/dist/archive.sh TARGET BINARY OUTDIR     prints the archive's path
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 TARGET BINARY OUTDIR" >&2
  exit 2
fi
target=$1
binary=$2
outdir=$3
repo=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)
name="agentpack-v$version-$target"
case "$target" in
  *windows*) exe=agentpack.exe ;;
  *) exe=agentpack ;;
esac

mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
cp "$repo/README.md" "$repo/LICENSE-MIT" "$repo/LICENSE-APACHE" "$stage/$name/"

case "$target" in
  *windows*)
    archive="$name.zip"
    rm -f "$outdir/$archive"
    if command -v 7z >/dev/null 2>&1; then
      (cd "$stage" && 7z a -tzip -bso0 "$outdir/$archive" "$name")
    else
      (cd "$stage" && zip -qr "$outdir/$archive" "$name")
    fi
    ;;
  *)
    archive="$name.tar.gz"
    (cd "$stage" && tar -czf "$outdir/$archive" "$name")
    ;;
esac

if command -v sha256sum >/dev/null 2>&1; then
  (cd "$outdir" && sha256sum "$archive" > "$archive.sha256")
else
  (cd "$outdir" && shasum -a 256 "$archive" > "$archive.sha256")
fi
echo "$outdir/$archive"
