import { expect, test } from "@playwright/test";
import { e2eEnv } from "../support/e2e-env";

const body = {
  model: "switchyard/auto",
  messages: [{ role: "user", content: "Say hello in five words." }],
};

for (const path of ["/v1/chat/completions", "/api/v1/chat/completions"]) {
  test(`POST ${path} with the demo key returns an OpenAI chat completion`, async ({ request }) => {
    const response = await request.post(path, {
      headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
      data: body,
    });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const json = await response.json();
    expect(json).toMatchObject({
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant" } }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    });
    expect(typeof json.id).toBe("string");
    expect(typeof json.model).toBe("string");
    expect(json.choices[0].message.content.length).toBeGreaterThan(0);
    expect(response.headers()["x-switchyard-model"]).toBeTruthy();
  });
}

test("an unknown key gets a 401 in the OpenAI error shape", async ({ request }) => {
  const response = await request.post("/v1/chat/completions", {
    headers: { authorization: "Bearer sk-sy-00000000000000000000000000000000" },
    data: body,
  });
  expect(response.status()).toBe(401);
  const json = await response.json();
  expect(json).toMatchObject({
    error: { type: "authentication_error", message: expect.any(String) },
  });
});

test("a streamed completion arrives as OpenAI server-sent events ending in [DONE]", async ({
  request,
}) => {
  const response = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
    data: { ...body, stream: true },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/event-stream");
  const events = (await response.text())
    .split("\n\n")
    .map((block) => block.trim())
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice("data: ".length));
  expect(events.at(-1)).toBe("[DONE]");
  const chunks = events.slice(0, -1).map((data) => JSON.parse(data));
  expect(chunks.length).toBeGreaterThan(1);
  for (const chunk of chunks) expect(chunk.object).toBe("chat.completion.chunk");
  const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("");
  expect(text.length).toBeGreaterThan(0);
});

test("GET /metrics counts the gateway's admissions in Prometheus' text format", async ({
  request,
}) => {
  const admitted = async () => {
    const response = await request.get("/metrics");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain("# TYPE switchyard_limits_fail_closed_refusals_total counter");
    const match = /^switchyard_limits_admitted_total (\d+)$/m.exec(text);
    expect(match).not.toBeNull();
    return Number(match?.[1]);
  };
  const before = await admitted();
  const completion = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
    data: body,
  });
  expect(completion.status()).toBe(200);
  expect(await admitted()).toBeGreaterThanOrEqual(before + 1);
  expect((await request.post("/metrics")).status()).toBe(405);
});

test("the gateway and the console share the server's one database pool", async ({ request }) => {
  // The console's management API reads the database (an admin token is looked up), and so does
  // the gateway (its snapshot and log writer): one Prisma client, one pool, for both.
  const console = await request.get("/api/admin/teams", {
    headers: { authorization: "Bearer sya-not-a-real-token-0000000000" },
  });
  expect(console.status()).toBe(401);
  const completion = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
    data: body,
  });
  expect(completion.status()).toBe(200);
  const metrics = await (await request.get("/metrics")).text();
  expect(/^switchyard_db_clients_created (\d+)$/m.exec(metrics)?.[1]).toBe("1");
});
