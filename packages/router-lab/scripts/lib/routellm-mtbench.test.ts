import { describe, expect, it } from "vitest";
import { outcomeRecordSchema } from "../../src/eval/outcomes";
import { answersOf, convertMtBench } from "./routellm-mtbench";

const conversation = (a1: string, t2: string, a2: string) =>
  `[Instruction]\nGrade it.\n\n<|The Start of Reference Answer|>\n\n### User:\nq\n\n### Reference answer:\nr\n\n<|The End of Reference Answer|>\n\n<|The Start of Assistant A's Conversation with User|>\n\n### User:\nWhat is 2+2?\n\n### Assistant A:\n${a1}\n\n### User:\n${t2}\n\n### Assistant A:\n${a2}\n\n<|The End of Assistant A's Conversation with User|>`;

const questions = [
  { question_id: 1, category: "math", turns: ["What is 2+2?", "And times 3?"] },
  { question_id: 2, category: "writing", turns: ["Seen in training", "More"] },
]
  .map((q) => JSON.stringify(q))
  .join("\n");

const judgement = (model: string, turn: number, score: number, prompt = "single turn") =>
  JSON.stringify({ question_id: 1, model, turn, score, user_prompt: prompt });
const judgements = [
  judgement("gpt-4-1106-preview", 1, 10),
  judgement("gpt-4-1106-preview", 2, 9, conversation("It is 4.", "And times 3?", "12.")),
  judgement("mistralai/Mixtral-8x7B-Instruct-v0.1", 1, 8),
  judgement("mistralai/Mixtral-8x7B-Instruct-v0.1", 2, 3, conversation("4", "And times 3?", "7")),
].join("\n");

describe("RouteLLM's MT-Bench as outcome records", () => {
  it("reads both answers out of a second-turn judge prompt", () => {
    expect(answersOf(conversation("It is 4.", "And times 3?", "12."))).toEqual(["It is 4.", "12."]);
    expect(() => answersOf("no conversation here")).toThrow(/graded conversation/);
  });

  it("routes on the first turn, scores the mean of both turns / 10 and prices both calls", () => {
    const records = convertMtBench(questions, judgements, new Set(["Seen in training"]));
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(outcomeRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      id: "mt-bench/1",
      dataset: "mt-bench",
      category: "math",
      messages: [{ role: "user", content: "What is 2+2?" }],
    });
    const strong = record?.outcomes["gpt-4-1106-preview"];
    expect(strong?.score).toBeCloseTo(0.95, 12);
    expect(strong?.response).toBe("It is 4.");
    // Turn 1 (12 chars) + turn 2's resent conversation ("What is 2+2?" + "It is 4." + "And times 3?").
    expect(strong?.input_tokens).toBe(3 + 8);
    expect(strong?.output_tokens).toBe(2 + 1);
    expect(record?.outcomes["mixtral-8x7b-instruct"]?.score).toBeCloseTo(0.55, 12);
  });

  it("rejects a question without both judgements or with an unparsed score", () => {
    const missing = judgements.split("\n").slice(0, 3).join("\n");
    expect(() => convertMtBench(questions, missing, new Set(["Seen in training"]))).toThrow(
      /no judgement/,
    );
    const broken = judgements.replace('"turn":1,"score":10', '"turn":1,"score":-1');
    expect(() => convertMtBench(questions, broken, new Set(["Seen in training"]))).toThrow(
      /score -1/,
    );
  });
});
