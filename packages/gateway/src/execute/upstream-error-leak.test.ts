import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness } from "../testing/harness";

/** The instance's shared upstream credentials: no caller may ever see them. */
const OPENAI_SECRET = "sk-shared-openai-0123456789abcdef";
const ANTHROPIC_SECRET = "sk-ant-shared-0123456789abcdef";

const credentialOf = (req: IncomingMessage) =>
  String(req.headers.authorization ?? req.headers["x-api-key"] ?? "");

/**
 * A careless upstream: every error body echoes the request's credential (as some proxies and
 * self-hosted servers do). The model name picks the failure.
 */
const upstream = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on("end", () => {
    const model = (JSON.parse(body) as { model: string }).model;
    const echoed = `invalid request for key ${credentialOf(req)}`;
    if (req.url?.startsWith("/v1/messages")) {
      const status = model === "anthropic-overloaded" ? 529 : 400;
      const type = status === 529 ? "overloaded_error" : "invalid_request_error";
      const message = model === "anthropic-long" ? `prompt is too long; ${echoed}` : echoed;
      res.writeHead(status, { "content-type": "application/json", "retry-after": "0" });
      res.end(JSON.stringify({ type: "error", error: { type, message } }));
      return;
    }
    if (model === "openai-stream-error") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`data: ${JSON.stringify({ error: { message: echoed, type: "server_error" } })}\n\n`);
      return;
    }
    if (model === "openai-plain") {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(echoed);
      return;
    }
    res.writeHead(400, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: {
          message: `This model's maximum context length is 8192 tokens; ${echoed}`,
          type: "invalid_request_error",
          param: "messages",
          code: "context_length_exceeded",
        },
      }),
    );
  });
});

let h: Harness;
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  h = await startHarness({ options: { maxRetries: 0 } });
  const openai = { providerKind: "openai" as const, baseUrl: `${root}/v1`, apiKey: OPENAI_SECRET };
  const anthropic = { providerKind: "anthropic" as const, baseUrl: root, apiKey: ANTHROPIC_SECRET };
  h.config.snapshot.models.push(
    makeModel({ name: "openai-context", ...openai }),
    makeModel({ name: "openai-plain", ...openai }),
    makeModel({ name: "openai-stream-error", ...openai }),
    makeModel({ name: "anthropic-bad", ...anthropic }),
    makeModel({ name: "anthropic-long", ...anthropic }),
    makeModel({ name: "anthropic-overloaded", ...anthropic }),
  );
  await h.gateway.reload();
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => upstream.close(resolve));
});

const prompt = [{ role: "user", content: "hello" }];
const openaiCall = (model: string, stream = false) =>
  h.fetch("/v1/chat/completions", { json: { model, messages: prompt, stream } });
const anthropicCall = (model: string, stream = false) =>
  h.fetch("/v1/messages", { json: { model, max_tokens: 50, messages: prompt, stream } });

const secretFree = (text: string) => {
  expect(text).not.toContain(OPENAI_SECRET);
  expect(text).not.toContain(ANTHROPIC_SECRET);
  expect(text).not.toContain("invalid request for key");
};

describe("upstream error bodies are not relayed", () => {
  it("answers an OpenAI-format upstream's 400 with our message, status, code and param", async () => {
    for (const call of [openaiCall, anthropicCall]) {
      const response = await call("openai-context");
      const text = await response.text();
      secretFree(text);
      expect(response.status).toBe(400);
      expect(text).toContain(
        "The provider of 'openai-context' refused the request (HTTP 400, code context_length_exceeded).",
      );
    }
    const body = (await (await openaiCall("openai-context")).json()) as {
      error: { code: string; param: string | null; type: string };
    };
    expect(body.error).toMatchObject({
      code: "context_length_exceeded",
      param: "messages",
      type: "invalid_request_error",
    });
  });

  it("answers a plain-text upstream error without its text", async () => {
    for (const call of [openaiCall, anthropicCall]) {
      const response = await call("openai-plain");
      const text = await response.text();
      secretFree(text);
      expect(text).toContain("The provider of 'openai-plain' refused the request (HTTP 400).");
    }
  });

  it("answers an Anthropic-format upstream's errors without their text, on both surfaces", async () => {
    for (const call of [openaiCall, anthropicCall]) {
      for (const stream of [false, true]) {
        const bad = await call("anthropic-bad", stream);
        secretFree(await bad.text());
        expect(bad.status).toBe(400);
        const long = await call("anthropic-long", stream);
        const longText = await long.text();
        secretFree(longText);
        // Classified on the upstream's message (a context overflow), not relayed.
        expect(longText).toContain("context_length_exceeded");
        const overloaded = await call("anthropic-overloaded", stream);
        secretFree(await overloaded.text());
        expect(overloaded.status).toBe(503);
        expect(overloaded.headers.get("retry-after")).toBe("0");
      }
    }
  });

  it("does not relay an error event's text from an upstream stream", async () => {
    for (const call of [openaiCall, anthropicCall]) {
      for (const stream of [false, true]) {
        const response = await call("openai-stream-error", stream);
        secretFree(await response.text());
      }
    }
  });
});
