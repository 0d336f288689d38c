/**
 * Reasoning effort (`reasoning_effort` on chat completions, `reasoning` on the Responses API)
 * reaches the models that take it, as their provider spells it, and is left out for the others
 * with an `x-switchyard-note` saying so.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    extraModels: (baseUrl) => [
      makeModel({ name: "thinker", baseUrl, capabilities: ["tools", "streaming", "reasoning"] }),
      makeModel({
        name: "claude-thinks",
        providerKind: "anthropic",
        upstreamName: "claude-sonnet-4-5",
        baseUrl: baseUrl.replace(/\/v1$/, ""),
        maxOutputTokens: 64_000,
      }),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

const openai = () => new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
const received = (prompt: string) => {
  const found = h.mock.received().findLast((r) => JSON.stringify(r.body).includes(prompt));
  if (!found) throw new Error(`the upstream never received ${prompt}`);
  return found.body as Record<string, unknown>;
};

describe("reasoning effort", () => {
  it("chat completions: passed to a model that takes it, left out with a note otherwise", async () => {
    for (const stream of [false, true]) {
      const taken = `Plan a three-city rail trip (${stream})`;
      const ask = (model: string, content: string) =>
        openai()
          .chat.completions.create({
            model,
            messages: [{ role: "user", content }],
            reasoning_effort: "high",
            stream,
          })
          .withResponse();
      const { response: ok, data } = await ask("thinker", taken);
      if (stream) for await (const _chunk of data as AsyncIterable<unknown>);
      expect(received(taken).reasoning_effort).toBe("high");
      expect(ok.headers.get("x-switchyard-note")).toBeNull();

      const ignored = `Name three rivers (${stream})`;
      const { response, data: plain } = await ask("small", ignored);
      if (stream) for await (const _chunk of plain as AsyncIterable<unknown>);
      expect(received(ignored)).not.toHaveProperty("reasoning_effort");
      expect(response.headers.get("x-switchyard-note")).toBe(
        "reasoning ignored: small does not take it",
      );
    }
  });

  it("responses: reasoning.effort becomes Anthropic's extended thinking for a model that thinks", async () => {
    const prompt = "Why is the sky blue? Think it through.";
    const { response } = await openai()
      .responses.create({
        model: "claude-thinks",
        input: prompt,
        reasoning: { effort: "low" },
        max_output_tokens: 4000,
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-note")).toBeNull();
    expect(received(prompt).thinking).toEqual({ type: "enabled", budget_tokens: 1024 });

    const elsewhere = "Why is the sea salty? Think it through.";
    const other = await openai()
      .responses.create({ model: "claude", input: elsewhere, reasoning: { effort: "low" } })
      .withResponse();
    expect(received(elsewhere)).not.toHaveProperty("thinking");
    expect(other.response.headers.get("x-switchyard-note")).toBe(
      "reasoning ignored: claude does not take it",
    );
  });
});
