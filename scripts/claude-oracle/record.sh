#!/usr/bin/env bash
# Re-records tests/fixtures/claude-code/verdicts.json from the real Claude Code client.
#
#   scripts/claude-oracle/record.sh            # the pinned version below
#   CLAUDE_VERSION=2.1.400 scripts/claude-oracle/record.sh
#   CLAUDE_BIN=/path/to/claude scripts/claude-oracle/record.sh   # reuse an installed binary
#   ONLY='name-' scripts/claude-oracle/record.sh                 # re-record matching files only
#
# Needs node and npm (any recent version; the client's own binary needs neither) and
# `unshare` (util-linux): the client runs in a private network namespace where only
# loopback is up, with a scratch HOME and no API key, so nothing leaves the machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
version=${CLAUDE_VERSION:-2.1.332}
if [[ -z "${CLAUDE_BIN:-}" ]]; then
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/claude-client-XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x64 ;;
    Linux-aarch64) platform=linux-arm64 ;;
    *) echo "record.sh: the oracle runs on Linux (it needs a network namespace)" >&2; exit 2 ;;
  esac
  # Always pin: on Node < 22 an unpinned install silently resolves to an old release.
  npm install --prefix "$scratch" --no-audit --no-fund --loglevel=error \
    "@anthropic-ai/claude-code@$version" >&2
  CLAUDE_BIN="$scratch/node_modules/@anthropic-ai/claude-code-$platform/claude"
fi
"$CLAUDE_BIN" --version >&2
unshare_flags=-rn
[[ $(id -u) == 0 ]] && unshare_flags=-n
exec unshare $unshare_flags sh -c 'ip link set lo up && exec node "$0" "$@"' \
  "$here/${ORACLE_SCRIPT:-record.mjs}" --repo="$repo" --bin="$CLAUDE_BIN" ${ONLY:+--only="$ONLY"} "$@"
