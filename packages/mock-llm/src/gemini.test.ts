import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { bookingTool, conforms, parseSse, post, weatherTool } from "./test-helpers";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const generate = (
  model: string,
  body: Record<string, unknown>,
  method = "generateContent",
  query = "",
) =>
  post(`${mock.url}/v1beta/models/${model}:${method}${query}`, body, { "x-goog-api-key": "test" });

const prompt = "List three facts about octopuses and why they matter.";
const contents = [{ role: "user", parts: [{ text: prompt }] }];

interface GenerateResponse {
  candidates: Array<{
    content: {
      role: string;
      parts: Array<{ text?: string; functionCall?: { name: string; args: unknown } }>;
    };
    finishReason?: string;
    index: number;
  }>;
  usageMetadata: {
    promptTokenCount: number;
    candidatesTokenCount: number;
    totalTokenCount: number;
  };
  modelVersion: string;
}

describe("Gemini generateContent", () => {
  it("answers JSON with usageMetadata", async () => {
    const system = "Be precise.";
    const response = await generate("gemini-2.5-flash", {
      contents,
      systemInstruction: { parts: [{ text: system }] },
    });
    expect(response.status).toBe(200);
    const body = response.json() as GenerateResponse;
    const candidate = body.candidates[0]!;
    expect(candidate.content.role).toBe("model");
    expect(candidate.finishReason).toBe("STOP");
    const text = candidate.content.parts[0]!.text!;
    expect(text.length).toBeGreaterThan(10);
    expect(body.usageMetadata.promptTokenCount).toBe(
      Math.ceil((system.length + prompt.length) / 4),
    );
    expect(body.usageMetadata.candidatesTokenCount).toBe(Math.ceil(text.length / 4));
    expect(body.usageMetadata.totalTokenCount).toBe(
      body.usageMetadata.promptTokenCount + body.usageMetadata.candidatesTokenCount,
    );
    expect(body.modelVersion).toBe("gemini-2.5-flash");
  });

  it("streams SSE records (alt=sse) whose texts add up, finishReason and usage on the last", async () => {
    const whole = (await generate("gemini-2.5-pro", { contents })).json() as GenerateResponse;
    const response = await generate(
      "gemini-2.5-pro",
      { contents },
      "streamGenerateContent",
      "?alt=sse",
    );
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const records = parseSse(response.text).map(
      (event) => JSON.parse(event.data) as GenerateResponse,
    );
    expect(records.length).toBeGreaterThan(1);
    expect(
      records.slice(0, -1).every((record) => record.candidates[0]!.finishReason === undefined),
    ).toBe(true);
    const last = records.at(-1)!;
    expect(last.candidates[0]!.finishReason).toBe("STOP");
    expect(last.usageMetadata).toEqual(whole.usageMetadata);
    const text = records.map((record) => record.candidates[0]!.content.parts[0]!.text).join("");
    expect(text).toBe(whole.candidates[0]!.content.parts[0]!.text);
  });

  it("streams a JSON array without alt=sse", async () => {
    const response = await generate("gemini-2.5-pro", { contents }, "streamGenerateContent");
    expect(response.headers.get("content-type")).toContain("application/json");
    const records = response.json() as GenerateResponse[];
    expect(Array.isArray(records)).toBe(true);
    expect(records.at(-1)!.candidates[0]!.finishReason).toBe("STOP");
  });

  it("calls functions: free, forced through allowedFunctionNames, and none", async () => {
    const tools = [{ functionDeclarations: [weatherTool, bookingTool] }];
    const free = (
      await generate("gemini-2.5-flash", {
        contents: [{ role: "user", parts: [{ text: "weather in Oslo please" }] }],
        tools,
      })
    ).json() as GenerateResponse;
    const call = free.candidates[0]!.content.parts[0]!.functionCall!;
    expect(call.name).toBe("get_weather");
    expect(conforms(weatherTool.parameters, call.args)).toBe(true);

    const forced = await generate(
      "gemini-2.5-flash",
      {
        contents: [{ role: "user", parts: [{ text: "weather in Oslo please" }] }],
        tools,
        toolConfig: {
          functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["book_table"] },
        },
      },
      "streamGenerateContent",
      "?alt=sse",
    );
    const records = parseSse(forced.text).map(
      (event) => JSON.parse(event.data) as GenerateResponse,
    );
    expect(records).toHaveLength(1);
    const forcedCall = records[0]!.candidates[0]!.content.parts[0]!.functionCall!;
    expect(forcedCall.name).toBe("book_table");
    expect(conforms(bookingTool.parameters, forcedCall.args)).toBe(true);

    const none = (
      await generate("gemini-2.5-flash", {
        contents,
        tools,
        toolConfig: { functionCallingConfig: { mode: "NONE" } },
      })
    ).json() as GenerateResponse;
    expect(none.candidates[0]!.content.parts[0]!.text).toBeDefined();

    const afterResult = (
      await generate("gemini-2.5-flash", {
        tools,
        contents: [
          { role: "user", parts: [{ text: "weather in Oslo please" }] },
          {
            role: "model",
            parts: [{ functionCall: { name: "get_weather", args: { city: "Oslo" } } }],
          },
          {
            role: "user",
            parts: [{ functionResponse: { name: "get_weather", response: { celsius: 3 } } }],
          },
        ],
      })
    ).json() as GenerateResponse;
    expect(afterResult.candidates[0]!.content.parts[0]!.text).toBeDefined();
  });

  it("answers JSON for responseMimeType with an OpenAPI-style responseSchema", async () => {
    const body = (
      await generate("gemini-2.5-flash", {
        contents,
        generationConfig: {
          responseMimeType: "application/json",
          responseSchema: {
            type: "OBJECT",
            properties: {
              facts: { type: "ARRAY", items: { type: "STRING" }, minItems: 3 },
              score: { type: "NUMBER", minimum: 0, maximum: 1 },
            },
            required: ["facts", "score"],
          },
        },
      })
    ).json() as GenerateResponse;
    const value = JSON.parse(body.candidates[0]!.content.parts[0]!.text!) as {
      facts: string[];
      score: number;
    };
    const lowerCased = {
      type: "object",
      properties: {
        facts: { type: "array", items: { type: "string" }, minItems: 3 },
        score: { type: "number", minimum: 0, maximum: 1 },
      },
      required: ["facts", "score"],
    };
    expect(conforms(lowerCased, value)).toBe(true);
  });

  it("reports MAX_TOKENS and uses Google's error shape", async () => {
    const capped = (
      await generate("gemini-2.5-flash", {
        contents: [{ role: "user", parts: [{ text: prompt.repeat(6) }] }],
        generationConfig: { maxOutputTokens: 5 },
      })
    ).json() as GenerateResponse;
    expect(capped.candidates[0]!.finishReason).toBe("MAX_TOKENS");
    expect(capped.usageMetadata.candidatesTokenCount).toBeLessThanOrEqual(5);

    const limited = await generate("gemini-2.5-flash-mock-error-429", { contents });
    expect(limited.status).toBe(429);
    expect(limited.json()).toEqual({
      error: { code: 429, message: expect.any(String), status: "RESOURCE_EXHAUSTED" },
    });
    const unavailable = await generate("gemini-2.5-flash-mock-error-503", { contents });
    expect((unavailable.json() as { error: { status: string } }).error.status).toBe("UNAVAILABLE");
    const invalid = await generate("gemini-2.5-flash", { contents: [] });
    expect(invalid.status).toBe(400);
    expect((invalid.json() as { error: { status: string } }).error.status).toBe("INVALID_ARGUMENT");
  });
});
