// `agentpack review --judge` end to end with the real client: a project scaffolded by
// `agentpack init --examples`, the default judge command (`claude -p ...`, found on PATH as
// the pinned client), the loopback mock answering every judge request with a scripted
// verdict. Proves the flags (one turn, no tools, json envelope, prompt on stdin) and the
// parsing. Prints a JSON summary; exit 0 when every artifact got the scripted verdict.
// Run through record.sh: ORACLE_SCRIPT=judge.mjs scripts/claude-oracle/record.sh --agentpack=PATH
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startMock } from "./mock.mjs";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const repo = path.resolve(args.repo ?? ".");
const agentpack = path.resolve(args.agentpack ?? path.join(repo, "target/debug/agentpack"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "claude-judge-"));
const home = path.join(scratch, "home");
const bin = path.join(scratch, "bin");
fs.mkdirSync(path.join(home, "tmp"), { recursive: true });
fs.mkdirSync(bin);
fs.symlinkSync(path.resolve(args.bin), path.join(bin, "claude"));
const init = spawnSync(agentpack, ["init", "proj", "--examples"], { cwd: scratch, encoding: "utf8" });
if (init.status !== 0) throw new Error(`agentpack init failed: ${init.stderr}`);
const project = path.join(scratch, "proj");

const verdict = {
  dimensions: { accuracy: { score: 3, reason: "mock: the claims outrun the sources" },
    coherence: { score: 9, reason: "mock: it answers the task" } },
  findings: [{ line: 1, message: "mock: the title promises more than the text gives", fix: "narrow the title" }],
};
const requests = [];
const mock = await startMock(async () => ({
  // The model answers as models do: a short preface and a fenced block.
  blocks: [{ type: "text", text: "Here is my verdict.\n```json\n" + JSON.stringify(verdict) + "\n```" }],
  stop: "end_turn",
}), requests);

const env = {
  PATH: `${bin}:${path.dirname(agentpack)}:${process.env.PATH}`, HOME: home, TMPDIR: path.join(home, "tmp"),
  DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1", DISABLE_ERROR_REPORTING: "1",
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_BUG_COMMAND: "1",
  ANTHROPIC_BASE_URL: `http://127.0.0.1:${mock.port}`, ANTHROPIC_API_KEY: "sk-ant-judge-dummy", NO_COLOR: "1",
};
// Asynchronous: the mock answers from this same process, so it must not be blocked.
const review = (...extra) => new Promise((resolve) => {
  const child = spawn(agentpack, ["review", "--judge", "--format", "json", ...extra], { cwd: project, env });
  let stdout = "", stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const timer = setTimeout(() => child.kill("SIGKILL"), 600000);
  child.on("close", (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
});
const first = await review();
const second = await review();
mock.close();
const parse = (r) => { try { return JSON.parse(r.stdout); } catch { return { unparsed: r.stdout, stderr: r.stderr }; } };
const [a, b] = [parse(first), parse(second)];
const bodies = requests.map((r) => r.body);
const summary = {
  client: spawnSync(args.bin, ["--version"], { encoding: "utf8" }).stdout.trim(),
  command: a.judge?.command,
  first_run: { exit: first.status, judge: a.judge, stderr: first.stderr.trim() || undefined },
  second_run: { exit: second.status, judge: b.judge },
  artifacts: (a.artifacts ?? []).map((x) => ({ path: x.path, score: x.score, status: x.status,
    judge: x.judge?.dimensions?.map((d) => `${d.dimension}: rules ${d.rule} judge ${d.judge} -> ${d.value}`),
    judge_findings: x.findings.filter((f) => f.code === "RV110").length })),
  requests: {
    count: bodies.length,
    tools: [...new Set(bodies.map((q) => (q.tools ?? []).length))],
    models: [...new Set(bodies.map((q) => q.model))],
    prompt_has_numbered_document: bodies.every((q) => /<document>\\n\s*1 \| /.test(JSON.stringify(q.messages))),
  },
};
console.log(JSON.stringify(summary, null, 2));
fs.rmSync(scratch, { recursive: true, force: true });
const n = (a.artifacts ?? []).length;
const ok = n > 0 && a.judge?.calls === n && b.judge?.calls === 0 && b.judge?.cached === n
  && summary.requests.count === n && summary.requests.tools.join() === "0"
  && (a.artifacts ?? []).every((x) => x.judge?.dimensions?.[0]?.judge === 3);
process.exit(ok ? 0 : 1);
