import {
  type AnthropicStreamEvent,
  anthropicStreamEventSchema,
  rateLimited,
} from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { anthropicAdapter } from "../../anthropic";
import { openaiAdapter } from "../../openai";
import { SseDecoder } from "../../sse/sse-decoder";
import { providerFixtures, testModel } from "../../testing/fixtures";
import { AnthropicStreamEncoder } from "./anthropic-stream-encoder";

const anthropicFixtures = providerFixtures("anthropic");
const openaiFixtures = providerFixtures("openai");
const claude = testModel({ providerKind: "anthropic", upstreamName: "claude-sonnet-4-5-20250929" });
const gpt = testModel();

/** Decode the encoder's SSE text back into validated Anthropic events. */
function decodeEvents(sse: string): AnthropicStreamEvent[] {
  const decoder = new SseDecoder();
  return [...decoder.push(sse), ...decoder.end()].map((event) => {
    const parsed = anthropicStreamEventSchema.parse(JSON.parse(event.data));
    expect(event.event).toBe(parsed.type);
    return parsed;
  });
}

/** What an Anthropic client rebuilds from the events. */
function rebuild(events: AnthropicStreamEvent[]) {
  const blocks: { type: string; text?: string; name?: string; id?: string; json?: string }[] = [];
  let stopReason: string | null | undefined = null;
  let outputTokens = 0;
  for (const event of events) {
    if (event.type === "content_block_start") {
      const block = event.content_block;
      blocks[event.index] =
        block.type === "tool_use"
          ? { type: "tool_use", id: block.id, name: block.name, json: "" }
          : { type: block.type, text: "" };
    } else if (event.type === "content_block_delta") {
      const block = blocks[event.index];
      if (!block) throw new Error(`delta for unopened block ${event.index}`);
      if (event.delta.type === "text_delta") block.text += event.delta.text;
      if (event.delta.type === "input_json_delta") block.json += event.delta.partial_json;
    } else if (event.type === "message_delta") {
      stopReason = event.delta.stop_reason;
      outputTokens = event.usage?.output_tokens ?? 0;
    }
  }
  return { blocks, stopReason, outputTokens, types: events.map((event) => event.type) };
}

describe("canonical stream → Anthropic SSE", () => {
  it("serves an Anthropic streaming client from an OpenAI tool-call stream", () => {
    const translator = openaiAdapter.createStreamTranslator(gpt, {
      model: "claude-sonnet-4-5",
      messages: [{ role: "user", content: "weather?" }],
      stream: true,
    });
    const chunks = openaiFixtures.replay("stream-tool-calls.sse", translator);
    const encoder = new AnthropicStreamEncoder({ model: "claude-sonnet-4-5" });
    let sse = "";
    for (const chunk of chunks) sse += encoder.pushSse(chunk);
    sse += encoder.finishSse(translator.usage());
    const result = rebuild(decodeEvents(sse));
    expect(result.types[0]).toBe("message_start");
    expect(result.types.slice(-2)).toEqual(["message_delta", "message_stop"]);
    expect(result.blocks).toEqual([
      { type: "tool_use", id: "call_Ab1", name: "get_weather", json: '{"city": "Paris"}' },
      { type: "tool_use", id: "call_Cd2", name: "get_time", json: '{"tz": "Europe/Paris"}' },
    ]);
    expect(result.stopReason).toBe("tool_use");
    expect(result.outputTokens).toBe(46);
  });

  it("reproduces an Anthropic stream after a trip through canonical chunks", () => {
    const originalEvents = decodeEvents(anthropicFixtures.text("stream-tool-use.sse"));
    const original = rebuild(originalEvents);
    const translator = anthropicAdapter.createStreamTranslator(claude, {
      model: "x",
      messages: [],
    });
    const chunks = anthropicFixtures.replay("stream-tool-use.sse", translator);
    const encoder = new AnthropicStreamEncoder({ model: "claude-sonnet-4-5-20250929" });
    const events = [
      ...chunks.flatMap((chunk) => encoder.push(chunk)),
      ...encoder.finish(translator.usage()),
    ];
    const result = rebuild(events);
    // Thinking blocks are not carried through the canonical form; text and tool use are.
    expect(result.blocks).toEqual(original.blocks.filter((block) => block.type !== "thinking"));
    expect(result.stopReason).toBe(original.stopReason);
    expect(result.outputTokens).toBe(original.outputTokens);
    const start = events[0];
    expect(start?.type === "message_start" && start.message.id).toBe(
      "msg_014p7gG3wDgGV9EUtLvnow3U",
    );
  });

  it("emits a complete message for an empty stream and an error event in-band", () => {
    const encoder = new AnthropicStreamEncoder({ model: "m", id: "msg_x", inputTokens: 10 });
    const events = encoder.finish({ inputTokens: 10, outputTokens: 0 });
    expect(events.map((event) => event.type)).toEqual([
      "message_start",
      "message_delta",
      "message_stop",
    ]);
    const failing = new AnthropicStreamEncoder({ model: "m" });
    expect(failing.error(rateLimited("slow down", 2))).toEqual([
      { type: "error", error: { type: "rate_limit_error", message: "slow down" } },
    ]);
    expect(failing.finish()).toEqual([]);
  });
});
