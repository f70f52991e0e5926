// The refinement loop end to end with the real client: a project scaffolded by
// `agentpack init`, the real Claude Code in `-p` mode against the loopback mock. The main
// thread delegates to the researcher; the researcher "writes" an artifact below the bar (the
// mock writes the file, as the model's Write call would); the SubagentStop hook (agentpack
// hook subagent-stop, from .claude/settings.json) blocks with the review feedback; the
// researcher writes the .v2.md revision named in the feedback; the hook lets it stop.
// Prints a JSON transcript summary; exit 0 when the loop went as described.
// Run through record.sh: ORACLE_SCRIPT=e2e.mjs scripts/claude-oracle/record.sh --agentpack=PATH
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { agentToolName, allText, startMock } from "./mock.mjs";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const repo = path.resolve(args.repo ?? ".");
const agentpack = path.resolve(args.agentpack ?? path.join(repo, "target/debug/agentpack"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "claude-e2e-"));
const home = path.join(scratch, "home");
fs.mkdirSync(path.join(home, "tmp"), { recursive: true });
const init = spawnSync(agentpack, ["init", "proj"], { cwd: scratch, encoding: "utf8" });
if (init.status !== 0) throw new Error(`agentpack init failed: ${init.stderr}`);
const project = path.join(scratch, "proj");
const artifacts = path.join(repo, "examples/artifacts/research-report");
const events = [];
let subagentTurn = 0;

const mock = await startMock(async (kind, body) => {
  const text = allText(body);
  if (kind === "main") {
    if (!events.some((e) => e.step === "delegate")) {
      events.push({ step: "delegate", to: "researcher" });
      return { blocks: [{ type: "tool_use", id: "toolu_e2e_1", name: agentToolName(body),
        input: { description: "Research", prompt: "Research the topic and write artifacts/research-output.md.", subagent_type: "researcher" } }], stop: "tool_use" };
    }
    events.push({ step: "main-turn", sees_result: /research-output\.v2\.md|Revised/.test(text) });
    return { blocks: [{ type: "text", text: "The researcher is done." }], stop: "end_turn" };
  }
  if (kind !== "subagent") return null;
  subagentTurn += 1;
  const feedback = text.match(/Write the revision to ([^\s:]+\.md)/);
  if (subagentTurn === 1) {
    fs.mkdirSync(path.join(project, "artifacts"), { recursive: true });
    fs.copyFileSync(path.join(artifacts, "placeholders.md"), path.join(project, "artifacts/research-output.md"));
    events.push({ step: "researcher-writes", file: "artifacts/research-output.md", tools: (body.tools ?? []).map((t) => t.name).length, model: body.model });
    return { blocks: [{ type: "text", text: "I wrote artifacts/research-output.md." }], stop: "end_turn" };
  }
  if (feedback) {
    const rev = feedback[1];
    fs.copyFileSync(path.join(artifacts, "good.md"), path.join(project, rev));
    events.push({ step: "hook-blocked-then-revision", feedback_excerpt: text.match(/agentpack review: [^\\]*?threshold of \d+[^\\]*/)?.[0], file: rev });
    return { blocks: [{ type: "text", text: `Revised: I wrote ${rev}.` }], stop: "end_turn" };
  }
  events.push({ step: "subagent-turn", n: subagentTurn });
  return { blocks: [{ type: "text", text: "Done." }], stop: "end_turn" };
});

const env = {
  PATH: `${path.dirname(agentpack)}:${process.env.PATH}`, HOME: home, TMPDIR: path.join(home, "tmp"),
  DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1", DISABLE_ERROR_REPORTING: "1",
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_BUG_COMMAND: "1",
  ANTHROPIC_BASE_URL: `http://127.0.0.1:${mock.port}`, ANTHROPIC_API_KEY: "sk-ant-e2e-dummy",
};
const lines = [];
await new Promise((resolve) => {
  const child = spawn(args.bin, ["-p", "Run the research task.", "--output-format", "stream-json", "--verbose",
    "--debug-file", path.join(scratch, "debug.log")], { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
  let buf = "";
  child.stdout.on("data", (c) => { buf += c; let i; while ((i = buf.indexOf("\n")) >= 0) { try { lines.push(JSON.parse(buf.slice(0, i))); } catch {} buf = buf.slice(i + 1); } });
  const timer = setTimeout(() => child.kill("SIGKILL"), 240000);
  child.on("close", () => { clearTimeout(timer); resolve(); });
});
mock.close();
const history = fs.existsSync(path.join(project, "logs/reviews.jsonl"))
  ? fs.readFileSync(path.join(project, "logs/reviews.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l))
  : [];
const log = fs.readFileSync(path.join(scratch, "debug.log"), "utf8");
const summary = {
  client: lines.find((l) => l.subtype === "init")?.claude_code_version,
  events,
  hook_runs_in_debug_log: (log.match(/SubagentStop/g) ?? []).length,
  reviews: history.map((h) => ({ path: h.path ?? h.artifact, score: h.score, status: h.status, iteration: h.iteration })),
  v2_exists: fs.existsSync(path.join(project, "artifacts/research-output.v2.md")),
  result: lines.filter((l) => l.type === "result").map((l) => l.subtype)[0],
};
console.log(JSON.stringify(summary, null, 2));
fs.rmSync(scratch, { recursive: true, force: true });
const ok = events.some((e) => e.step === "hook-blocked-then-revision") && summary.v2_exists;
process.exit(ok ? 0 : 1);
