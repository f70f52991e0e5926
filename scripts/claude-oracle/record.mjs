// Records what the real Claude Code client does with every fixture agent file, into
// tests/fixtures/claude-code/verdicts.json. Run through record.sh, which installs the pinned
// client and starts this inside a private network namespace (loopback only).
//
// For each file: a scratch project holding only that file in .claude/agents/ (under its own
// file name), a scratch HOME, and the client in `-p` mode against the loopback mock. The init
// line says whether the agent loaded; the mock then makes the main thread delegate to it, so
// the subagent's own request shows the tools and model it really got, and a zero-tools
// refusal shows up as a failed task notification.
//
// Verdicts: "loads", "skipped" (absent from the session), "refused" (every spawn fails) and
// "model-rejected" (spawned with a model string that is no `claude-` id: the mock accepts it,
// the real API rejects it; this one is inferred, see the reference §8).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { agentToolName, startMock } from "./mock.mjs";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const repo = path.resolve(args.repo ?? ".");
const bin = args.bin;
const out = path.resolve(repo, args.out ?? "tests/fixtures/claude-code/verdicts.json");
const jobs = Number(args.jobs ?? 2);
const only = args.only ? new RegExp(args.only) : null;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "claude-oracle-"));

const LOG_PATTERNS = [
  /Failed to parse YAML frontmatter/, /failed to parse and was ignored/, /Failed to parse agent from/,
  /Missing required/, /Invalid "?name/i, /does not recognize or apply/, /Duplicate agent name/,
  /exceeds 1048576 byte limit/, /Failed to follow symlink/, /circular symlink/, /\binvalid\b/i,
  /would be spawned with zero tools/, /Failed to load agent/i, /[Hh]ooks? .*(invalid|malformed|unloadable)/,
];

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** Every fixture agent file: the oracle set, the copied corpus and the lint fixtures. */
function fixtures() {
  const files = [
    ...walk(path.join(repo, "tests/fixtures/claude-code/agents")),
    ...walk(path.join(repo, "tests/fixtures/claude-code/corpus")),
    ...walk(path.join(repo, "tests/fixtures/agents")).filter((f) => !f.includes(`${path.sep}plugins${path.sep}`)),
  ].filter((f) => /\.(md|MD|Md|mD)$/.test(f));
  return files.map((f) => path.relative(repo, f).split(path.sep).join("/")).filter((f) => !only || only.test(f)).sort();
}

function envFor(home, port) {
  const env = {
    PATH: process.env.PATH, HOME: home, TMPDIR: path.join(home, "tmp"),
    DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1", DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_BUG_COMMAND: "1",
  };
  if (port) {
    env.ANTHROPIC_BASE_URL = `http://127.0.0.1:${port}`;
    env.ANTHROPIC_API_KEY = "sk-ant-oracle-dummy";
  }
  return env;
}

/** Runs the client once in `project`; returns {init, lines, log}. */
function runClient(project, home, port, onInit, timeoutMs = 120000) {
  fs.mkdirSync(path.join(home, "tmp"), { recursive: true });
  const logFile = path.join(home, "debug.log");
  return new Promise((resolve) => {
    const child = spawn(bin, ["-p", "Use the test agent.", "--output-format", "stream-json", "--verbose", "--debug-file", logFile],
      { cwd: project, env: envFor(home, port), stdio: ["ignore", "pipe", "pipe"] });
    let buf = "";
    const lines = [];
    let init = null;
    child.stdout.on("data", (c) => {
      buf += c;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          const j = JSON.parse(line);
          lines.push(j);
          if (j.type === "system" && j.subtype === "init" && !init) { init = j; onInit?.(j); }
        } catch { /* not JSON */ }
      }
    });
    child.stderr.on("data", () => {});
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", () => {
      clearTimeout(timer);
      if (!init) onInit?.(null);
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
      resolve({ init, lines, log });
    });
  });
}

function logLines(log, dir) {
  const seen = new Set();
  for (const raw of log.split("\n")) {
    const line = raw.replace(/^\S+ \[(\w+)\] /, "$1 ").split(dir).join("<agents>");
    if (LOG_PATTERNS.some((p) => p.test(line)) && !/hooks (module|native)/.test(line)) {
      seen.add(line.slice(0, 400));
    }
  }
  return [...seen];
}

let builtins = null;

async function recordOne(rel, n) {
  const src = path.join(repo, rel);
  const base = path.join(scratch, `case-${n}`);
  const project = path.join(base, "project");
  const agentsDir = path.join(project, ".claude", "agents");
  const home = path.join(base, "home");
  fs.mkdirSync(agentsDir, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  fs.copyFileSync(src, path.join(agentsDir, path.basename(src)));
  let resolveName;
  const named = new Promise((r) => (resolveName = r));
  const seen = { subagent: null, delegated: false };
  const mock = await startMock(async (kind, body) => {
    if (kind === "subagent") {
      seen.subagent ??= { tools: (body.tools ?? []).map((t) => t.name).filter((t) => t !== "DeferredToolPlaceholder").sort(), model: body.model };
      return { blocks: [{ type: "text", text: "ok" }], stop: "end_turn" };
    }
    if (kind === "main" && !seen.delegated) {
      seen.delegated = true;
      const name = await Promise.race([named, new Promise((r) => setTimeout(() => r(null), 20000))]);
      if (name != null) {
        return { blocks: [{ type: "tool_use", id: "toolu_oracle_1", name: agentToolName(body),
          input: { description: "Oracle spawn", prompt: "Reply with ok.", subagent_type: name } }], stop: "tool_use" };
      }
    }
    return { blocks: [{ type: "text", text: "Done." }], stop: "end_turn" };
  });
  const result = await runClient(project, home, mock.port, (init) => {
    const custom = init ? (init.agents ?? []).filter((a) => !builtins.includes(a)) : [];
    resolveName(custom.length ? custom[0] : null);
  });
  mock.close();
  const agents = result.init ? (result.init.agents ?? []).filter((a) => !builtins.includes(a)) : null;
  const failed = result.lines.find((l) => l.type === "system" && l.subtype === "task_notification" && l.status === "failed");
  const record = { verdict: "skipped", agent: null, tools: null, model: null };
  if (!result.init) record.verdict = "no-init";
  else if (agents.length) {
    record.agent = agents[0];
    if (failed || (!seen.subagent && /would be spawned with zero tools/.test(result.log))) {
      record.verdict = "refused";
    } else if (seen.subagent) {
      record.tools = seen.subagent.tools;
      record.model = seen.subagent.model;
      record.verdict = /^claude-/.test(seen.subagent.model ?? "") ? "loads" : "model-rejected";
    } else record.verdict = "loads-unspawned";
  }
  record.log = logLines(result.log, agentsDir);
  fs.rmSync(base, { recursive: true, force: true });
  return record;
}

async function main() {
  const version = await new Promise((resolve) => {
    const c = spawn(bin, ["--version"], { env: envFor(path.join(scratch, "vhome")) });
    let s = ""; c.stdout.on("data", (d) => (s += d)); c.on("close", () => resolve(s.trim().split(" ")[0]));
  });
  const emptyProject = path.join(scratch, "empty", "project");
  fs.mkdirSync(emptyProject, { recursive: true });
  fs.mkdirSync(path.join(scratch, "empty", "home"), { recursive: true });
  const base = await runClient(emptyProject, path.join(scratch, "empty", "home"), null, null);
  builtins = base.init?.agents ?? [];
  console.error(`client ${version}; built-in agents: ${builtins.join(", ")}`);
  const files = fixtures();
  const cases = {};
  let next = 0;
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (next < files.length) {
      const n = next++;
      const rel = files[n];
      cases[rel] = await recordOne(rel, n);
      console.error(`${String(n + 1).padStart(4)}/${files.length} ${cases[rel].verdict.padEnd(15)} ${rel}`);
    }
  }));
  const previous = fs.existsSync(out) && !only ? {} : (fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")).cases : {});
  const merged = { ...previous, ...cases };
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  const doc = {
    client: version,
    package: "@anthropic-ai/claude-code",
    how: "scripts/claude-oracle/record.sh: each file alone in a scratch project's .claude/agents/, client run offline with -p against a loopback mock of the Messages API",
    builtins,
    cases: sorted,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(doc, null, 2) + "\n");
  fs.rmSync(scratch, { recursive: true, force: true });
  const counts = {};
  for (const c of Object.values(cases)) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
  console.error(`wrote ${path.relative(repo, out)}: ${JSON.stringify(counts)}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
