import { describe, expect, it } from "vitest";
import { SseDecoder, type SseEvent } from "./sse-decoder";
import { encodeSseEvent, encodeSseJson, encodeSseNamedJson } from "./sse-encoder";

function decodeAll(chunks: (string | Uint8Array)[]): SseEvent[] {
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.push(chunk));
  events.push(...decoder.end());
  return events;
}

const stream = [
  "\uFEFF: keep-alive comment\r\n",
  "event: message_start\r\n",
  'data: {"type":"message_start","text":"héllo → 世界 🚀"}\r\n',
  "\r\n",
  "data: line one\n",
  "data: line two\n",
  "data\n",
  "\n",
  "id: 7\r",
  "retry: 1500\r",
  "data:no-space\r",
  "\r",
  "event: ping\n",
  "\n",
  "data: [DONE]\n\n",
].join("");

const expected: SseEvent[] = [
  { event: "message_start", data: '{"type":"message_start","text":"héllo → 世界 🚀"}' },
  { data: "line one\nline two\n" },
  { data: "no-space", id: "7", retry: 1500 },
  { data: "[DONE]", id: "7" },
];

describe("SseDecoder", () => {
  it("decodes a whole stream with comments, CRLF, CR, multi-line data and a BOM", () => {
    expect(decodeAll([stream])).toEqual(expected);
  });

  it("gives the same events when the bytes are split at every offset", () => {
    const bytes = Buffer.from(stream, "utf8");
    for (let offset = 0; offset <= bytes.length; offset++) {
      const events = decodeAll([bytes.subarray(0, offset), bytes.subarray(offset)]);
      expect(events, `split at byte ${offset}`).toEqual(expected);
    }
  });

  it("gives the same events when the string is split at every offset", () => {
    for (let offset = 0; offset <= stream.length; offset++) {
      expect(decodeAll([stream.slice(0, offset), stream.slice(offset)])).toEqual(expected);
    }
  });

  it("decodes one byte at a time", () => {
    const bytes = Buffer.from(stream, "utf8");
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i++) chunks.push(bytes.subarray(i, i + 1));
    expect(decodeAll(chunks)).toEqual(expected);
  });

  it("does not dispatch an event with no data", () => {
    expect(decodeAll(["event: x\n\n: only a comment\n\n"])).toEqual([]);
  });

  it("flushes an unterminated final event at end()", () => {
    expect(decodeAll(['data: {"a":1}'])).toEqual([{ data: '{"a":1}' }]);
  });

  it("returns events as soon as their blank line arrives", () => {
    const decoder = new SseDecoder();
    expect(decoder.push("data: a\n")).toEqual([]);
    expect(decoder.push("\ndata: b")).toEqual([{ data: "a" }]);
    expect(decoder.push("\n\n")).toEqual([{ data: "b" }]);
  });
});

describe("SSE encoder", () => {
  it("round-trips through the decoder", () => {
    const text =
      encodeSseEvent({ event: "a", data: "x\ny", id: "1" }) +
      encodeSseJson({ k: "v" }) +
      encodeSseNamedJson("message_stop", { type: "message_stop" });
    expect(decodeAll([text])).toEqual([
      { event: "a", data: "x\ny", id: "1" },
      { data: '{"k":"v"}', id: "1" },
      { event: "message_stop", data: '{"type":"message_stop"}', id: "1" },
    ]);
  });
});
