// A loopback mock of the Anthropic Messages API, enough to drive Claude Code offline: it
// streams the replies a test scripts (see `script` below) and records every request.
// Only ever listens on 127.0.0.1. Shared by record.mjs (the verdict oracle) and e2e.mjs.
import http from "node:http";

/** Which thread a Messages request comes from. */
export function classify(body) {
  const system = JSON.stringify(body.system ?? "");
  if (system.includes("You are evaluating a stop-condition hook")) return "hook";
  if (system.includes("cc_is_subagent=true")) return "subagent";
  return "main";
}

/** Text of every message of a request, for matching feedback and notifications. */
export function allText(body) {
  return JSON.stringify(body.messages ?? []);
}

function sse(res, model, blocks, stopReason) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const id = "msg_mock_" + Math.random().toString(36).slice(2);
  send("message_start", {
    message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null,
      stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } },
  });
  blocks.forEach((b, index) => {
    if (b.type === "text") {
      send("content_block_start", { index, content_block: { type: "text", text: "" } });
      send("content_block_delta", { index, delta: { type: "text_delta", text: b.text } });
    } else {
      send("content_block_start", { index, content_block: { type: "tool_use", id: b.id, name: b.name, input: {} } });
      send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: JSON.stringify(b.input) } });
    }
    send("content_block_stop", { index });
  });
  send("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 5 } });
  send("message_stop", {});
  res.end();
}

function plain(res, model, blocks, stopReason) {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: "msg_mock", type: "message", role: "assistant", model,
    content: blocks.map((b) => (b.type === "text" ? b : { ...b, type: "tool_use" })),
    stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 } }));
}

/**
 * Starts the mock. `handler(kind, body)` returns `{blocks, stop}` (or a promise of it);
 * every request is pushed to `log`. Resolves to `{port, close}`.
 */
export function startMock(handler, log = []) {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      const url = req.url ?? "";
      if (url.startsWith("/v1/messages/count_tokens")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ input_tokens: 100 }));
      }
      if (!url.startsWith("/v1/messages")) {
        res.writeHead(404, { "content-type": "application/json" });
        return res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "mock" } }));
      }
      let body = {};
      try { body = JSON.parse(raw); } catch { /* keep {} */ }
      const kind = classify(body);
      log.push({ kind, body });
      let reply;
      try { reply = await handler(kind, body); } catch (e) { reply = { blocks: [{ type: "text", text: String(e) }], stop: "end_turn" }; }
      reply ??= { blocks: [{ type: "text", text: "Done." }], stop: "end_turn" };
      const model = body.model ?? "claude-mock";
      (body.stream ? sse : plain)(res, model, reply.blocks, reply.stop);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ port: server.address().port, close: () => server.close() }));
  });
}

/** The Agent tool's name in a main-thread request (`Agent`, or `Task` in some builds). */
export function agentToolName(body) {
  const names = (body.tools ?? []).map((t) => t.name);
  return names.includes("Agent") ? "Agent" : names.includes("Task") ? "Task" : "Agent";
}
