import { describe, expect, it } from "vitest";
import { classifierVector } from "../classifier/complexity-classifier";
import { scorerFeatures } from "../scorer/quality-scorer";
import { DENSE_SLOTS, promptDenseNames } from "./prompt-features";
import { promptOf } from "./request-text";
import { extractResponseFeatures, responseDenseNames } from "./response-features";
import { CollectSink, type SparseVector } from "./sink";

const dense = (vector: SparseVector, name: string) => {
  const slot = promptDenseNames.indexOf(name);
  let total = 0;
  vector.indices.forEach((index, i) => {
    if (index === slot) total += vector.values[i] ?? 0;
  });
  return total;
};

const mcPrompt = "Which law applies to the contract?\nA. Tort\nB. Statute\nC. Equity\nAnswer:";
const mathPrompt =
  "Wendi feeds 20 chickens 3 cups each. She gave 15 and 25 cups. How many cups are left?";

describe("prompt features", () => {
  it("are deterministic", () => {
    expect(classifierVector(mathPrompt, 1, 12)).toEqual(classifierVector(mathPrompt, 1, 12));
    expect(scorerFeatures(mathPrompt, 1, "3 * 20 = 60 #### 20")).toEqual(
      scorerFeatures(mathPrompt, 1, "3 * 20 = 60 #### 20"),
    );
  });

  it("read question form, numbers and subject cues", () => {
    const mc = classifierVector(mcPrompt, 1, 12);
    const math = classifierVector(mathPrompt, 1, 12);
    expect(dense(mc, "multiple_choice")).toBe(1);
    expect(dense(math, "multiple_choice")).toBe(0);
    expect(dense(math, "ends_with_question")).toBe(1);
    expect(dense(math, "log_numbers")).toBeGreaterThan(dense(mc, "log_numbers"));
    expect(dense(mc, "domain_law")).toBeGreaterThan(0);
    expect(dense(math, "domain_arithmetic")).toBeGreaterThan(0);
    expect(dense(mc, "bias")).toBe(1);
  });

  it("hash words into the block after the dense slots", () => {
    const vector = classifierVector("alpha beta", 1, 8);
    const hashed = Array.from(vector.indices).filter((i) => i >= DENSE_SLOTS);
    expect(hashed.length).toBe(4); // 2 unigrams + 2 bigrams (first with the start token)
    for (const index of hashed) expect(index).toBeLessThan(DENSE_SLOTS + 256);
  });

  it("promptOf joins non-system text and counts user turns", () => {
    const prompt = promptOf([
      { role: "system", content: "sys" },
      { role: "user", content: [{ type: "text", text: "a" }, { type: "image_url" }] },
      { role: "assistant", content: null },
      { role: "user", content: "b" },
    ]);
    expect(prompt).toEqual({ text: "a\nb", turns: 2 });
  });
});

describe("answer features", () => {
  const features = (answer: string, prompt = mathPrompt) => {
    const sink = new CollectSink();
    extractResponseFeatures(answer, prompt, sink, 0);
    const byName = new Map<string, number>();
    sink.indices.forEach((index, i) => {
      const name = responseDenseNames[index];
      if (name) byName.set(name, (byName.get(name) ?? 0) + (sink.values[i] ?? 0));
    });
    return byName;
  };

  it("see a stated final answer, wrong arithmetic, hedging and refusals", () => {
    expect(features("So the answer is (B).", mcPrompt).get("choice_letter_stated")).toBe(1);
    expect(
      features("The answer is (B). No wait, the answer is (C).", mcPrompt).get(
        "conflicting_letters",
      ),
    ).toBe(1);
    expect(features("3 * 20 = 70 so #### 70").get("log_wrong_calculations")).toBeGreaterThan(0);
    expect(features("3 * 20 = 60 so #### 60").get("log_wrong_calculations")).toBe(0);
    expect(features("I'm sorry, I cannot help with that.").get("refusal")).toBe(1);
    expect(features("I think it might be 20, not sure.").get("hedges")).toBeGreaterThan(0);
    expect(features("15 + 25 = <<15+2").get("unbalanced_brackets")).toBe(1);
  });

  it("measure how much of the question's numbers the answer used", () => {
    expect(features("20 * 3 = 60; 15 + 25 = 40; 60 - 40 = 20").get("prompt_number_coverage")).toBe(
      1,
    );
    expect(features("The answer is 7").get("prompt_number_coverage")).toBe(0);
    expect(features("The answer is 7 and 15").get("prompt_number_coverage")).toBeCloseTo(1 / 4, 10);
  });

  it("write nothing for a missing or blank answer", () => {
    for (const answer of [null, "", "  \n "]) {
      const sink = new CollectSink();
      extractResponseFeatures(answer, mathPrompt, sink, 0);
      expect(sink.indices.length).toBe(0);
    }
    expect(features(" 20 ").get("has_response")).toBe(1);
  });
});
