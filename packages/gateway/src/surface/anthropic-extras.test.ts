/**
 * The rest of Anthropic's surface with the official SDK: count_tokens (exact from Anthropic
 * upstreams, an estimate marked as such for others), structured outputs honoured whichever
 * provider serves them, and every error on an Anthropic path in Anthropic's shape.
 */
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    extraModels: (baseUrl) => [
      makeModel({
        name: "claude-schemas",
        providerKind: "anthropic",
        upstreamName: "claude-sonnet-4-5",
        baseUrl: baseUrl.replace(/\/v1$/, ""),
        capabilities: ["tools", "json", "json_schema", "streaming"],
      }),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

const client = () => new Anthropic({ apiKey: TEST_KEY, baseURL: h.server.url, maxRetries: 0 });
const messages = [{ role: "user" as const, content: "How many legs does a spider have?" }];
const schema = {
  type: "object",
  properties: { answer: { type: "integer" }, animal: { type: "string" } },
  required: ["answer", "animal"],
  additionalProperties: false,
};

describe("Anthropic count_tokens", () => {
  it("answers the SDK's countTokens: exact from an Anthropic upstream, estimated for others", async () => {
    const exact = await client().messages.countTokens({ model: "claude", messages });
    expect(exact.input_tokens).toBeGreaterThan(0);
    const raw = async (model: string) =>
      h.fetch("/v1/messages/count_tokens", {
        json: { model, messages, system: "Be brief." },
        headers: { "x-api-key": TEST_KEY, "anthropic-version": "2023-06-01" },
      });
    const fromAnthropic = await raw("claude");
    expect(fromAnthropic.status).toBe(200);
    expect(fromAnthropic.headers.get("x-switchyard-token-count")).toBe("exact");
    const fromOpenAI = await raw("small");
    expect(fromOpenAI.headers.get("x-switchyard-token-count")).toBe("estimated");
    const estimate = (await fromOpenAI.json()) as { input_tokens: number };
    expect(estimate.input_tokens).toBeGreaterThan(5);
    expect(estimate.input_tokens).toBeLessThan(60);
  });

  it("is free: nothing in the request log", async () => {
    const before = h.usage.entries.length;
    await client().messages.countTokens({ model: "claude", messages });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.usage.entries.length).toBe(before);
  });
});

describe("Anthropic structured outputs", () => {
  for (const model of ["small", "claude-schemas"]) {
    it(`answers JSON matching output_config.format from ${model}`, async () => {
      const message = await client().messages.create({
        model,
        max_tokens: 200,
        messages,
        // Sent as the API documents it; older SDK typings do not know the field.
        ...({ output_config: { format: { type: "json_schema", schema } } } as object),
      });
      const block = message.content[0];
      expect(block?.type).toBe("text");
      const value = JSON.parse(block?.type === "text" ? block.text : "null");
      expect(Number.isInteger(value.answer)).toBe(true);
      expect(typeof value.animal).toBe("string");
    });
  }
});

describe("errors on Anthropic paths", () => {
  it("are in Anthropic's shape: wrong method, unknown path, bad body", async () => {
    const headers = { "x-api-key": TEST_KEY, "anthropic-version": "2023-06-01" };
    const cases = [
      await h.fetch("/v1/messages/count_tokens", { headers }),
      await h.fetch("/v1/messages/batches/nope", { json: {}, headers }),
      await h.fetch("/v1/messages/count_tokens", { json: { model: "claude" }, headers }),
    ];
    expect(cases.map((r) => r.status)).toEqual([405, 404, 400]);
    for (const response of cases) {
      const body = (await response.json()) as {
        type: string;
        error: { type: string; message: string };
      };
      expect(body.type).toBe("error");
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });
});
