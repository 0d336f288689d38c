import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { parseSse, post, weatherTool } from "./test-helpers";

interface ResponseBody {
  id: string;
  object: string;
  output: {
    type: string;
    role?: string;
    content: { text: string }[];
    call_id: string;
    name: string;
  }[];
  usage: { input_tokens: number; output_tokens: number; total_tokens: number };
}
interface EventData {
  type: string;
  delta: string;
  response: ResponseBody;
}

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const responses = (body: Record<string, unknown>, path = "/v1/responses") =>
  post(`${mock.url}${path}`, body);

describe("Responses API", () => {
  it("answers a response object with output text and usage", async () => {
    const answer = await responses({
      model: "gpt-4o",
      instructions: "Be brief.",
      input: "Describe the sea.",
      store: false,
    });
    expect(answer.status).toBe(200);
    const body = answer.json() as ResponseBody;
    expect(body).toMatchObject({ object: "response", status: "completed", model: "gpt-4o" });
    expect(body.id).toMatch(/^resp_/);
    expect(body.output[0]).toMatchObject({ type: "message", role: "assistant" });
    expect(body.output[0]?.content[0]?.text.length).toBeGreaterThan(0);
    expect(body.usage.input_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
  });

  it("streams the typed events, text deltas adding up to the final text", async () => {
    const answer = await responses(
      { model: "gpt-4o", input: [{ role: "user", content: "Describe a forest." }], stream: true },
      "/openai/v1/responses",
    );
    const events = parseSse(answer.text).map((event) => ({
      event: event.event,
      data: JSON.parse(event.data) as EventData,
    }));
    expect(events[0]?.event).toBe("response.created");
    expect(events.at(-1)?.event).toBe("response.completed");
    for (const event of events) expect(event.data.type).toBe(event.event);
    const text = events
      .filter((event) => event.event === "response.output_text.delta")
      .map((event) => event.data.delta)
      .join("");
    const final = events.at(-1)?.data.response;
    expect(final?.output[0]?.content[0]?.text).toBe(text);
    expect(final?.usage.output_tokens).toBeGreaterThan(0);
  });

  it("calls a flat function tool, and answers a function_call_output in text", async () => {
    const tool = { type: "function", name: weatherTool.name, parameters: weatherTool.parameters };
    const call = (await responses({
      model: "gpt-4o",
      input: "Weather in Oslo?",
      tools: [tool],
      tool_choice: "required",
    }).then((r) => r.json())) as ResponseBody;
    expect(call.output[0]).toMatchObject({ type: "function_call", name: weatherTool.name });
    const next = (await responses({
      model: "gpt-4o",
      input: [
        { role: "user", content: "Weather in Oslo?" },
        { ...call.output[0] },
        { type: "function_call_output", call_id: call.output[0]?.call_id, output: "rain" },
      ],
      tools: [tool],
    }).then((r) => r.json())) as ResponseBody;
    expect(next.output[0]?.type).toBe("message");
  });

  it("refuses a previous_response_id it never stored", async () => {
    const answer = await responses({
      model: "gpt-4o",
      input: "Hi",
      previous_response_id: "resp_x",
    });
    expect(answer.status).toBe(400);
  });
});
