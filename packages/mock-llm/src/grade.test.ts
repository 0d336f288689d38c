import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { anthropicHeaders, parseSse, post } from "./test-helpers";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const prompt = "Rate the answer below from 1 to 10. Reply with the number only.";

describe("the grade control (a judge model's rating)", () => {
  it("answers an OpenAI request with exactly the grade, with real usage", async () => {
    const response = await post(`${mock.url}/v1/chat/completions`, {
      model: "gpt-4o-mini+mock-grade-7",
      messages: [{ role: "user", content: prompt }],
      max_tokens: 8,
      temperature: 0,
    });
    expect(response.status).toBe(200);
    const body = response.json() as {
      choices: { message: { content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(body.choices[0]?.message.content).toBe("7");
    expect(body.choices[0]?.finish_reason).toBe("stop");
    expect(body.usage).toMatchObject({
      prompt_tokens: Math.ceil(prompt.length / 4),
      completion_tokens: 1,
    });
  });

  it("takes the grade from the x-mock-grade header too (the header wins)", async () => {
    const response = await post(
      `${mock.url}/v1/chat/completions`,
      { model: "gpt-4o-mini+mock-grade-7", messages: [{ role: "user", content: prompt }] },
      { "x-mock-grade": "3" },
    );
    const body = response.json() as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe("3");
  });

  it("speaks the Anthropic and Gemini formats, streamed or not", async () => {
    const anthropic = await post(
      `${mock.url}/v1/messages`,
      {
        model: "claude-haiku-4-5-mock-grade-9",
        max_tokens: 8,
        messages: [{ role: "user", content: prompt }],
      },
      anthropicHeaders,
    );
    const message = anthropic.json() as { content: { type: string; text: string }[] };
    expect(message.content).toEqual([{ type: "text", text: "9" }]);

    const gemini = await post(
      `${mock.url}/v1beta/models/gemini-2.5-flash-mock-grade-2:streamGenerateContent?alt=sse`,
      { contents: [{ role: "user", parts: [{ text: prompt }] }] },
      { "x-goog-api-key": "test" },
    );
    let text = "";
    for (const event of parseSse(gemini.text)) {
      const record = JSON.parse(event.data) as {
        candidates: { content: { parts: { text?: string }[] } }[];
      };
      text += record.candidates[0]?.content.parts[0]?.text ?? "";
    }
    expect(text).toBe("2");
  });

  it("answers out-of-range grades as given, so a caller's parser can be tested against them", async () => {
    const response = await post(`${mock.url}/v1/chat/completions`, {
      model: "grader+mock-grade-42",
      messages: [{ role: "user", content: prompt }],
    });
    const body = response.json() as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe("42");
  });
});
