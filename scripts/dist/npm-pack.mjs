#!/usr/bin/env node
// Packs the npm distribution: one package per platform carrying its prebuilt binary
// (`@agentpack/<os>-<cpu>`, with `os` and `cpu` set so npm installs only the matching one)
// and the `agentpack` launcher (npm/agentpack/) that lists them as optional dependencies
// and runs the right binary. The binaries come from the release archives (archive.sh),
// each checked against its .sha256.
//
//   node scripts/dist/npm-pack.mjs release ARCHIVES_DIR OUT_DIR
//       every platform package found in ARCHIVES_DIR, then the launcher; prints the
//       tarballs in publish order (platform packages first).
//   node scripts/dist/npm-pack.mjs local BINARY OUT_DIR
//       this machine only, from a local build: the host's archive is made with archive.sh
//       and its platform package is bundled inside the launcher, so the one tarball installs
//       offline: `npm install -g OUT_DIR/agentpack-<version>.tgz && agentpack --version`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The release targets and the npm os/cpu each serves (release.yml builds the same list). */
export const PLATFORMS = [
  { target: "x86_64-unknown-linux-musl", os: "linux", cpu: "x64" },
  { target: "aarch64-unknown-linux-musl", os: "linux", cpu: "arm64" },
  { target: "x86_64-apple-darwin", os: "darwin", cpu: "x64" },
  { target: "aarch64-apple-darwin", os: "darwin", cpu: "arm64" },
  { target: "x86_64-pc-windows-msvc", os: "win32", cpu: "x64" },
];

function die(message) {
  process.stderr.write(`npm-pack: ${message}\n`);
  process.exit(2);
}

function version() {
  const toml = fs.readFileSync(path.join(repo, "Cargo.toml"), "utf8");
  const m = toml.match(/^version = "([^"]+)"$/m);
  if (!m) die("no version in Cargo.toml");
  return m[1];
}

function archiveName(v, p) {
  const ext = p.target.includes("windows") ? ".zip" : ".tar.gz";
  return `agentpack-v${v}-${p.target}${ext}`;
}

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    shell: process.platform === "win32" && cmd === "npm",
    ...opts,
  });
}

/** Checks `archive` against `archive.sha256` (`sha256sum` format). */
function verify(archive) {
  const sumFile = `${archive}.sha256`;
  if (!fs.existsSync(sumFile)) die(`${sumFile} is missing`);
  const expected = fs.readFileSync(sumFile, "utf8").trim().split(/\s+/)[0].toLowerCase();
  const actual = crypto.createHash("sha256").update(fs.readFileSync(archive)).digest("hex");
  if (expected !== actual) die(`${archive}: SHA-256 ${actual}, expected ${expected}`);
}

/** Extracts the binary of `archive` (made by archive.sh) into `dir`; returns its path. */
function extractBinary(archive, p, v, dir) {
  verify(archive);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agentpack-npm-"));
  if (archive.endsWith(".zip") && process.platform !== "win32") {
    run("unzip", ["-q", archive, "-d", tmp]);
  } else {
    run("tar", ["-xf", archive, "-C", tmp]);
  }
  const exe = p.os === "win32" ? "agentpack.exe" : "agentpack";
  const from = path.join(tmp, `agentpack-v${v}-${p.target}`, exe);
  if (!fs.existsSync(from)) die(`${archive} has no ${path.basename(from)} where archive.sh puts it`);
  fs.mkdirSync(dir, { recursive: true });
  const to = path.join(dir, exe);
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
  return to;
}

function launcherManifest() {
  return JSON.parse(fs.readFileSync(path.join(repo, "npm", "agentpack", "package.json"), "utf8"));
}

function copyLicenses(dir) {
  for (const f of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    fs.copyFileSync(path.join(repo, f), path.join(dir, f));
  }
}

/** Stages the platform package of `p` from its archive; returns [name, dir]. */
function stagePlatform(archive, p, v, stage) {
  const base = launcherManifest();
  const name = `${base.config.platformScope}/${p.os}-${p.cpu}`;
  const dir = path.join(stage, `${p.os}-${p.cpu}`);
  extractBinary(archive, p, v, path.join(dir, "bin"));
  copyLicenses(dir);
  fs.writeFileSync(
    path.join(dir, "README.md"),
    `# ${name}\n\nThe agentpack binary for ${p.os} ${p.cpu} (${p.target}). Install \`${base.name}\` instead; it picks this package on this platform.\n`,
  );
  const manifest = {
    name,
    version: v,
    description: `The agentpack binary for ${p.os} ${p.cpu}`,
    license: base.license,
    repository: base.repository,
    os: [p.os],
    cpu: [p.cpu],
    files: ["bin/", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
    preferUnplugged: true,
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return [name, dir];
}

/** Stages the launcher depending on `platforms` ([name, dir]); `bundle` puts them inside. */
function stageLauncher(platforms, v, stage, bundle) {
  const dir = path.join(stage, "agentpack");
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  fs.copyFileSync(
    path.join(repo, "npm", "agentpack", "bin", "agentpack.js"),
    path.join(dir, "bin", "agentpack.js"),
  );
  fs.chmodSync(path.join(dir, "bin", "agentpack.js"), 0o755);
  fs.copyFileSync(path.join(repo, "README.md"), path.join(dir, "README.md"));
  copyLicenses(dir);
  const manifest = launcherManifest();
  manifest.version = v;
  manifest.optionalDependencies = Object.fromEntries(platforms.map(([name]) => [name, v]));
  if (bundle) {
    manifest.bundleDependencies = platforms.map(([name]) => name);
    for (const [name, from] of platforms) {
      fs.cpSync(from, path.join(dir, "node_modules", ...name.split("/")), { recursive: true });
    }
  }
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

function pack(dir, out) {
  const file = run("npm", ["pack", dir, "--pack-destination", out, "--silent"]).trim().split("\n").pop();
  return path.join(out, file);
}

function main(argv) {
  const [mode, input, outArg] = argv;
  if (!["release", "local"].includes(mode) || !input || !outArg) {
    die("usage: npm-pack.mjs release ARCHIVES_DIR OUT_DIR | local BINARY OUT_DIR");
  }
  const out = path.resolve(outArg);
  fs.mkdirSync(out, { recursive: true });
  const v = version();
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "agentpack-stage-"));
  try {
    let found = [];
    if (mode === "local") {
      const host = PLATFORMS.find((p) => p.os === process.platform && p.cpu === process.arch);
      if (!host) die(`no release target for ${process.platform}-${process.arch}`);
      const archive = run("bash", [path.join(repo, "scripts", "dist", "archive.sh"), host.target, path.resolve(input), path.join(stage, "archives")]).trim();
      found = [[archive, host]];
    } else {
      found = PLATFORMS.map((p) => [path.join(path.resolve(input), archiveName(v, p)), p]).filter(([a]) => fs.existsSync(a));
      if (found.length === 0) die(`no release archive in ${input}`);
    }
    const platforms = found.map(([archive, p]) => stagePlatform(archive, p, v, path.join(stage, "platforms")));
    const launcher = stageLauncher(platforms, v, stage, mode === "local");
    const tarballs = mode === "local" ? [] : platforms.map(([, dir]) => pack(dir, out));
    tarballs.push(pack(launcher, out));
    process.stdout.write(`${tarballs.join("\n")}\n`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
