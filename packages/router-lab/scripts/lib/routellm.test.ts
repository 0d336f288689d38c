import { describe, expect, it } from "vitest";
import { outcomeRecordSchema } from "../../src/eval/outcomes";
import { contaminatedPrompts, convertRouteLlmCsv } from "./routellm";

const gsm8k = [
  "prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview,mistralai/Mixtral-8x7B-Instruct-v0.1_response,gpt-4-1106-preview_response",
  '"How many eggs, in all?",False,True,"She has 9, so 18.","9 eggs, so $18."',
  "Seen in training,True,True,a,b",
  '"Two lines:\nwhat is 2+2?",True,True,4,4',
].join("\n");
const mmlu = [
  "prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview",
  '"Which is a prime?\nA. 4\nB. 7\nAnswer:",False,True',
].join("\n");

describe("RouteLLM responses as outcome records", () => {
  it("keeps answers, scores and row ids, and drops contaminated and excluded prompts", () => {
    const contaminated = contaminatedPrompts(
      `${JSON.stringify({ eval_prompt: "Seen in training", train_prompt: "x" })}\n`,
    );
    const records = convertRouteLlmCsv(gsm8k, {
      dataset: "gsm8k",
      category: "math",
      contaminated,
      exclude: new Set(["Two lines:\nwhat is 2+2?"]),
      idPrefix: "gsm8k/",
    });
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(outcomeRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      id: "gsm8k/0",
      messages: [{ role: "user", content: "How many eggs, in all?" }],
      outcomes: {
        "mixtral-8x7b-instruct": {
          score: 0,
          response: "She has 9, so 18.",
          input_tokens: 6,
          output_tokens: 5,
        },
        "gpt-4-1106-preview": {
          score: 1,
          response: "9 eggs, so $18.",
          input_tokens: 6,
          output_tokens: 4,
        },
      },
    });
  });

  it("records right-or-wrong only when no answer was published", () => {
    const [record] = convertRouteLlmCsv(mmlu, {
      dataset: "mmlu",
      category: "math",
      contaminated: new Set(),
      idPrefix: "mmlu/math/",
    });
    expect(record?.outcomes["gpt-4-1106-preview"]).toEqual({
      score: 1,
      response: null,
      input_tokens: 9,
      output_tokens: 1,
    });
  });

  it("rejects a row whose outcome is not True or False", () => {
    const broken = "prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview\nq,yes,True";
    expect(() =>
      convertRouteLlmCsv(broken, {
        dataset: "x",
        category: "x",
        contaminated: new Set(),
        idPrefix: "",
      }),
    ).toThrow(/row 0: mistralai\/Mixtral-8x7B-Instruct-v0.1 is "yes"/);
  });
});
