#!/usr/bin/env node
// Runs the prebuilt agentpack binary of this platform. The binary comes in a per-platform
// package (`<scope>/<platform>-<arch>`, an optional dependency that npm installs only on
// the matching os and cpu); this launcher finds it and passes arguments, standard streams,
// the exit code and a terminating signal through. AGENTPACK_BINARY overrides the path.
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

function fail(message) {
  process.stderr.write(`agentpack (npm launcher): ${message}\n`);
  process.exit(2);
}

function binary() {
  if (process.env.AGENTPACK_BINARY) {
    return process.env.AGENTPACK_BINARY;
  }
  const manifest = require(path.join(__dirname, "..", "package.json"));
  const wanted = `${process.platform}-${process.arch}`;
  const pkg = Object.keys(manifest.optionalDependencies || {}).find((name) =>
    name.endsWith(`/${wanted}`),
  );
  if (!pkg) {
    fail(
      `there is no prebuilt binary for ${wanted}; install from source with \`cargo install agentpack\``,
    );
  }
  const exe = process.platform === "win32" ? "agentpack.exe" : "agentpack";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch (_) {
    return fail(
      `${pkg} is not installed (installs with --omit=optional or --no-optional skip it); reinstall without that flag, or install with \`cargo install agentpack\``,
    );
  }
}

const exe = binary();
const result = spawnSync(exe, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  fail(`cannot run ${exe}: ${result.error.message}`);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 1 : result.status);
