import { createServer } from "node:net";
import { parseAddressPolicy } from "@switchyard/core/network";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { listUpstreamModels, testModelConnection } from "./test-connection";

let mock: MockLlm;
let policy: ReturnType<typeof parseAddressPolicy>;

beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
  policy = parseAddressPolicy(new URL(mock.url).host);
});
afterAll(() => mock.close());

const model = (upstreamName: string, overrides: Parameters<typeof makeModel>[0] | object = {}) =>
  makeModel({
    name: "probe",
    upstreamName,
    providerKind: "openai",
    baseUrl: `${mock.url}/v1`,
    ...overrides,
  });

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("testModelConnection", () => {
  it("makes one real call and reports its latency and the reply", async () => {
    const result = await testModelConnection(model("gpt-4o-mini"), { addressPolicy: policy });
    expect(result).toMatchObject({ ok: true, upstreamModel: "gpt-4o-mini" });
    if (!result.ok) throw new Error(result.message);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.reply.length).toBeGreaterThan(0);
    expect(mock.stats().requests).toBeGreaterThan(0);
  });

  it("speaks each provider's wire format (Anthropic, Gemini)", async () => {
    const anthropic = await testModelConnection(
      model("claude-haiku-4-5", { providerKind: "anthropic", baseUrl: mock.url }),
      { addressPolicy: policy },
    );
    expect(anthropic.ok).toBe(true);
    const gemini = await testModelConnection(
      model("gemini-2.5-flash", { providerKind: "gemini", baseUrl: `${mock.url}/v1beta` }),
      { addressPolicy: policy },
    );
    expect(gemini.ok).toBe(true);
  });

  it("says in plain words when the credential is refused, with the provider's words redacted", async () => {
    const result = await testModelConnection(
      model("gpt-4o+mock-error-401", { apiKey: "sk-secret-credential-1234" }),
      { addressPolicy: policy },
    );
    expect(result).toMatchObject({ ok: false, status: 401 });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toMatch(/refused the credential/);
    expect(result.detail ?? "").not.toContain("sk-secret-credential-1234");
  });

  it("names the model when the provider does not know it", async () => {
    const result = await testModelConnection(model("gpt-9+mock-error-404"), {
      addressPolicy: policy,
    });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toMatch(/does not know the model "gpt-9\+mock-error-404"/);
  });

  it("says nothing answers at a closed port, and when an answer never comes", async () => {
    const port = await closedPort();
    const refused = await testModelConnection(
      model("gpt-4o", { baseUrl: `http://127.0.0.1:${port}/v1` }),
      { addressPolicy: parseAddressPolicy(`127.0.0.1:${port}`) },
    );
    if (refused.ok) throw new Error("expected a failure");
    expect(refused.message).toMatch(/Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)/);
    const silent = await testModelConnection(model("gpt-4o+mock-timeout"), {
      addressPolicy: policy,
      timeoutMs: 300,
    });
    if (silent.ok) throw new Error("expected a failure");
    expect(silent.message).toMatch(/sent no answer within 0\.3 s/);
  });

  it("refuses an internal address the instance does not allow, before connecting", async () => {
    const before = mock.stats().requests;
    const result = await testModelConnection(model("gpt-4o"));
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toMatch(/SWITCHYARD_ALLOWED_PRIVATE_HOSTS|internal|loopback/i);
    expect(mock.stats().requests).toBe(before);
  });
});

describe("listUpstreamModels", () => {
  it("reads the provider's own list in its format (OpenAI, Anthropic, Gemini)", async () => {
    for (const [kind, baseUrl] of [
      ["openai", `${mock.url}/v1`],
      ["anthropic", mock.url],
      ["gemini", `${mock.url}/v1beta`],
    ] as const) {
      const list = await listUpstreamModels(
        kind,
        { name: "c", baseUrl, apiKey: "k", settings: {} },
        { addressPolicy: policy },
      );
      if (!list.ok) throw new Error(`${kind}: ${list.message}`);
      expect(list.models.map((m) => m.id)).toContain("gpt-4o-mini");
    }
  });

  it("explains a base URL with no list behind it, and a provider without a list", async () => {
    const wrong = await listUpstreamModels(
      "openai",
      { name: "c", baseUrl: `${mock.url}/nope`, apiKey: null, settings: {} },
      { addressPolicy: policy },
    );
    if (wrong.ok) throw new Error("expected a failure");
    expect(wrong.message).toMatch(/check the base URL/);
    const azure = await listUpstreamModels("azure-openai", {
      name: "c",
      baseUrl: mock.url,
      apiKey: null,
      settings: {},
    });
    if (azure.ok) throw new Error("expected a failure");
    expect(azure.message).toMatch(/no model list/);
  });
});
