import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ options: { maxBodyBytes: 2048 } });
});
afterAll(async () => {
  await h.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${h.server.url}${path}`, {
    method: "POST",
    body,
    headers: {
      authorization: `Bearer ${TEST_KEY}`,
      "content-type": "application/json",
      ...headers,
    },
  });

type OpenAIError = { error: { message: string; type: string; code: string; param: string | null } };

describe("bad input, OpenAI surface", () => {
  it("malformed JSON → 400 invalid_json", async () => {
    const response = await post("/v1/chat/completions", '{"model": "small", "messages": [');
    expect(response.status).toBe(400);
    const body = (await response.json()) as OpenAIError;
    expect(body.error.code).toBe("invalid_json");
    expect(body.error.type).toBe("invalid_request_error");
  });

  it("empty body → 400", async () => {
    const response = await post("/v1/chat/completions", "");
    expect(response.status).toBe(400);
  });

  it("wrong types name the field", async () => {
    const response = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "small", messages: "hello" }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as OpenAIError;
    expect(body.error.param).toBe("messages");
  });

  it("missing model → 400 naming it", async () => {
    const response = await post(
      "/v1/chat/completions",
      JSON.stringify({ messages: [{ role: "user", content: "x" }] }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as OpenAIError).error.param).toBe("model");
  });

  it("a JSON array instead of an object → 400", async () => {
    const response = await post("/v1/chat/completions", "[1,2,3]");
    expect(response.status).toBe(400);
  });

  it("unknown model → 404 model_not_found", async () => {
    const response = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "no-such-model", messages: [{ role: "user", content: "x" }] }),
    );
    expect(response.status).toBe(404);
    const body = (await response.json()) as OpenAIError;
    expect(body.error.code).toBe("model_not_found");
    expect(body.error.message).toContain("no-such-model");
  });

  it("oversize body → 413 with a declared length, without reading it", async () => {
    const response = await post("/v1/chat/completions", "x".repeat(5000));
    expect(response.status).toBe(413);
    expect(((await response.json()) as OpenAIError).error.type).toBe("request_too_large");
  });

  it("oversize chunked body → 413, stops reading at the limit", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${h.server.url}/v1/chat/completions`);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { authorization: `Bearer ${TEST_KEY}`, "transfer-encoding": "chunked" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 10; i++) req.write("y".repeat(1000));
      req.end();
    });
    expect(status).toBe(413);
  });

  it("unknown endpoint → 404, wrong method → 405, both JSON errors", async () => {
    const unknown = await h.fetch("/v1/nothing-here");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as OpenAIError).error.code).toBe("unknown_endpoint");
    const wrongMethod = await h.fetch("/v1/chat/completions");
    expect(wrongMethod.status).toBe(405);
  });

  it("every response carries the gateway headers, errors included", async () => {
    const response = await post("/v1/chat/completions", "{");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-switchyard-model")).toBe("none");
    expect(response.headers.get("x-switchyard-route")).toBe("none");
    expect(response.headers.get("x-switchyard-overhead-ms")).not.toBeNull();
  });

  it("an insane caller id is neither echoed nor logged", async () => {
    const response = await post("/v1/chat/completions", "{", {
      "x-request-id": "bad id with spaces",
    });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-client-request-id")).toBeNull();
  });

  it("a client that leaves mid-body is let go, and the server keeps serving", async () => {
    const url = new URL(`${h.server.url}/v1/chat/completions`);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { authorization: `Bearer ${TEST_KEY}`, "content-length": "1000" },
      });
      req.on("error", () => resolve());
      req.write('{"model": "small", "mess');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    const response = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "small", messages: [{ role: "user", content: "next one" }] }),
    );
    expect(response.status).toBe(200);
  });

  it("keeps serving after all of that", async () => {
    const response = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "small", messages: [{ role: "user", content: "still alive?" }] }),
    );
    expect(response.status).toBe(200);
  });
});

describe("GET /v1/models", () => {
  it("lists real models, aliases, switchyard/auto and policy aliases", async () => {
    const response = await h.fetch("/api/v1/models");
    expect(response.status).toBe(200);
    const ids = ((await response.json()) as { data: { id: string }[] }).data.map((m) => m.id);
    expect(ids).toContain("small");
    expect(ids).toContain("fast");
    expect(ids).toContain("premium");
    expect(ids).toContain("switchyard/auto");
  });
});
