import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { anthropicHeaders, post } from "./test-helpers";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

describe("received requests", () => {
  it("keeps each generation request's path, headers and parsed body, newest last", async () => {
    const messagesBody = {
      model: "claude-mock",
      max_tokens: 10,
      system: [{ type: "text", text: "Rules", cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: "Hi" }],
    };
    await post(`${mock.url}/v1/messages`, messagesBody, {
      ...anthropicHeaders,
      "anthropic-beta": "b1",
    });
    const chatBody = { model: "gpt-4o", messages: [{ role: "user", content: "Hello" }] };
    await post(`${mock.url}/v1/chat/completions`, chatBody);
    const [first, second] = mock.received().slice(-2);
    expect(first?.path).toBe("/v1/messages");
    expect(first?.headers["anthropic-beta"]).toBe("b1");
    expect(first?.body).toEqual(messagesBody);
    expect(second?.path).toBe("/v1/chat/completions");
    expect(second?.body).toEqual(chatBody);
  });

  it("keeps only the newest 100", async () => {
    for (let i = 0; i < 105; i++)
      await post(`${mock.url}/v1/chat/completions`, {
        model: "gpt-4o",
        messages: [{ role: "user", content: `n${i}` }],
      });
    const received = mock.received();
    expect(received).toHaveLength(100);
    expect(received.at(-1)?.body).toMatchObject({ messages: [{ content: "n104" }] });
  });
});
