/**
 * Every surface's body names the model that answered (its name in Switchyard), JSON and stream
 * alike; the name the caller asked for is in x-switchyard-requested-model.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const openai = () => new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: TEST_KEY, baseURL: h.server.url, maxRetries: 0 });
const messages = [{ role: "user" as const, content: "Hello there, how are you?" }];

describe("the model a body names", () => {
  it("is the answering model on chat completions, JSON and stream", async () => {
    const { data, response } = await openai()
      .chat.completions.create({ model: "switchyard/auto", messages })
      .withResponse();
    expect(data.model).toBe("small");
    expect(response.headers.get("x-switchyard-requested-model")).toBe("switchyard/auto");
    const stream = await openai().chat.completions.create({
      model: "fast",
      messages,
      stream: true,
    });
    const models = new Set<string>();
    for await (const chunk of stream) models.add(chunk.model);
    expect([...models]).toEqual(["small"]);
  });

  it("is the answering model on Anthropic messages, JSON and stream", async () => {
    const message = await anthropic().messages.create({
      model: "switchyard/auto",
      max_tokens: 50,
      messages,
    });
    expect(message.model).toBe("small");
    const stream = anthropic().messages.stream({ model: "fast", max_tokens: 50, messages });
    const final = await stream.finalMessage();
    expect(final.model).toBe("small");
  });

  it("is the answering model on the Responses API", async () => {
    const response = await openai().responses.create({ model: "switchyard/auto", input: "Hi!" });
    expect(response.model).toBe("small");
  });
});
