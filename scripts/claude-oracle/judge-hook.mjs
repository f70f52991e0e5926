// `init --judge-hook` with the real client: the researcher stops, the agent-type SubagentStop
// hook agentpack wrote runs its verifier (the mock answers through its StructuredOutput tool:
// first ok:false, then ok:true), the researcher receives the verifier's reason and stops the
// second time. Exit 0 when it went so. Run through record.sh:
// ORACLE_SCRIPT=judge-hook.mjs scripts/claude-oracle/record.sh --agentpack=PATH
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { agentToolName, allText, startMock } from "./mock.mjs";
import os from "node:os";
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const bin = path.resolve(args.bin);
const agentpack = path.resolve(args.agentpack ?? path.join(args.repo ?? ".", "target/debug/agentpack"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "claude-judge-hook-"));
const home = path.join(scratch, "home"); fs.mkdirSync(path.join(home, "tmp"), { recursive: true });
spawnSync(agentpack, ["init", "proj", "--examples", "--judge-hook"], { cwd: scratch });
const project = path.join(scratch, "proj");
const seen = []; let verifierTurns = 0; let delegated = false; let subTurns = 0;
const mock = await startMock(async (kind, body) => {
  const sys = JSON.stringify(body.system ?? "");
  const tools = (body.tools ?? []).map((t) => t.name);
  const text = allText(body);
  const isVerifier = sys.includes("agentpack judge hook") || text.includes("agentpack judge hook");
  seen.push({ kind, isVerifier, tools, sys: sys.slice(0, 200) });
  if (isVerifier) {
    verifierTurns++;
    const out = tools.find((t) => /structured|output/i.test(t));
    const verdict = verifierTurns === 1 ? { ok: false, reason: "JUDGE-SAYS: line 3 claim has no source" } : { ok: true, reason: "fine" };
    if (out) return { blocks: [{ type: "tool_use", id: "toolu_v" + verifierTurns, name: out, input: verdict }], stop: "tool_use" };
    return { blocks: [{ type: "text", text: JSON.stringify(verdict) }], stop: "end_turn" };
  }
  if (kind === "main") {
    if (!delegated) { delegated = true; return { blocks: [{ type: "tool_use", id: "toolu_1", name: agentToolName(body), input: { description: "Research", prompt: "Research and write artifacts/research-output.md.", subagent_type: "researcher" } }], stop: "tool_use" }; }
    return { blocks: [{ type: "text", text: "done" }], stop: "end_turn" };
  }
  if (kind === "subagent") { subTurns++; seen[seen.length-1].feedback = text.includes("JUDGE-SAYS"); return { blocks: [{ type: "text", text: "I wrote artifacts/research-output.md." }], stop: "end_turn" }; }
  return null;
});
const env = { PATH: `${path.dirname(agentpack)}:${process.env.PATH}`, HOME: home, TMPDIR: path.join(home, "tmp"),
  DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1", DISABLE_ERROR_REPORTING: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_BUG_COMMAND: "1",
  ANTHROPIC_BASE_URL: `http://127.0.0.1:${mock.port}`, ANTHROPIC_API_KEY: "sk-dummy" };
await new Promise((resolve) => {
  const child = spawn(bin, ["-p", "Run the research task.", "--output-format", "stream-json", "--verbose", "--debug-file", path.join(scratch, "debug.log")], { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", () => {}); child.stderr.on("data", () => {});
  const t = setTimeout(() => child.kill("SIGKILL"), 150000);
  child.on("close", () => { clearTimeout(t); resolve(); });
});
mock.close();
const log = fs.readFileSync(path.join(scratch, "debug.log"), "utf8");
const summary = {
  verifier_requests: seen.filter((s) => s.isVerifier).map((s) => ({ tools: s.tools })),
  subagent_got_judge_feedback: seen.some((s) => s.feedback),
  subagent_turns: subTurns,
};
console.log(JSON.stringify(summary, null, 2));
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(verifierTurns === 2 && summary.subagent_got_judge_feedback && subTurns === 2 ? 0 : 1);
