import type { ChatCompletionChunk } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { AnswerCollector } from "./answer-collector";

const chunk = (
  choices: ChatCompletionChunk["choices"],
  extra: object = {},
): ChatCompletionChunk => ({
  id: "c1",
  object: "chat.completion.chunk",
  created: 7,
  model: "m",
  choices,
  ...extra,
});

describe("AnswerCollector", () => {
  it("rebuilds text, tool calls per choice, finish reasons and usage", () => {
    const collector = new AnswerCollector();
    collector.push(chunk([{ index: 0, delta: { role: "assistant", content: "Hel" } }]));
    collector.push(
      chunk([
        { index: 0, delta: { content: "lo" }, finish_reason: "stop" },
        {
          index: 1,
          delta: {
            tool_calls: [
              { index: 0, id: "t1", type: "function", function: { name: "f", arguments: '{"a"' } },
            ],
          },
        },
      ]),
    );
    collector.push(
      chunk([
        {
          index: 1,
          delta: { tool_calls: [{ index: 0, function: { arguments: ":1}" } }] },
          finish_reason: "tool_calls",
        },
      ]),
    );
    collector.push(
      chunk([], {
        usage: {
          prompt_tokens: 9,
          completion_tokens: 4,
          total_tokens: 13,
          prompt_tokens_details: { cached_tokens: 2 },
        },
      }),
    );
    expect(collector.response({ inputTokens: 9, outputTokens: 4 })).toEqual({
      id: "c1",
      object: "chat.completion",
      created: 7,
      model: "m",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello" },
          finish_reason: "stop",
          logprobs: null,
        },
        {
          index: 1,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: "t1", type: "function", function: { name: "f", arguments: '{"a":1}' } },
            ],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 9,
        completion_tokens: 4,
        total_tokens: 13,
        prompt_tokens_details: { cached_tokens: 2 },
      },
    });
  });

  it("has no answer for a stream that did not finish", () => {
    const collector = new AnswerCollector();
    expect(collector.response(null)).toBeNull();
    collector.push(chunk([{ index: 0, delta: { content: "Half an ans" } }]));
    expect(collector.response({ inputTokens: 1, outputTokens: 1 })).toBeNull();
  });
});
