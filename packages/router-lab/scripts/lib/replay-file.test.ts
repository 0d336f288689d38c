import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseOutcomeLines } from "../../src/eval/outcomes";
import { hasMissingResponses, replayFileFor, withEmptyResponses } from "./replay-file";

const records = parseOutcomeLines(
  [
    { id: "a/1", answer: null },
    { id: "a/2", answer: "42" },
  ]
    .map(({ id, answer }) =>
      JSON.stringify({
        id,
        messages: [{ role: "user", content: `question ${id}` }],
        outcomes: {
          cheap: { score: 1, response: answer, input_tokens: 3, output_tokens: 1 },
          strong: { score: 1, response: "42", input_tokens: 3, output_tokens: 1 },
        },
      }),
    )
    .join("\n"),
);

describe("replay file", () => {
  it("makes missing responses empty and keeps recorded ones", () => {
    expect(hasMissingResponses(records)).toBe(true);
    const filled = withEmptyResponses(records);
    expect(filled[0]?.outcomes.cheap?.response).toBe("");
    expect(filled[1]?.outcomes.cheap?.response).toBe("42");
    expect(filled[0]?.outcomes.cheap?.output_tokens).toBe(1);
    expect(hasMissingResponses(filled)).toBe(false);
  });

  it("writes a temporary gzip copy only when a response is missing", () => {
    const copy = replayFileFor("/data/original.jsonl.gz", records);
    expect(copy.path).not.toBe("/data/original.jsonl.gz");
    const lines = gunzipSync(readFileSync(copy.path)).toString("utf8").trim().split("\n");
    expect(JSON.parse(lines[0] ?? "{}").outcomes.cheap.response).toBe("");
    copy.dispose();
    expect(existsSync(copy.path)).toBe(false);
    const same = replayFileFor("/data/original.jsonl.gz", withEmptyResponses(records));
    expect(same.path).toBe("/data/original.jsonl.gz");
  });
});
