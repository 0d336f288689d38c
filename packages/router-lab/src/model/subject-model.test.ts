import {
  classifierVector,
  DENSE_SLOTS,
  loadSubjectModel,
  SUBJECT_BASE,
  softmaxInPlace,
  subjectProbabilities,
} from "@switchyard/router/training";
import { describe, expect, it } from "vitest";
import { subjectModelFile, trainSubjectModel } from "./train-subject";

const law = [
  "The court held the defendant liable for breach of contract.",
  "Can the plaintiff sue under the statute after the trial?",
  "The jury found the defendant guilty of the crime.",
];
const chemistry = [
  "How many moles of hydrogen gas react with oxygen?",
  "The acid solution has a pH of 3; find the ion concentration.",
  "Which compound forms when the electron is lost in oxidation?",
];
const examples = [
  ...law.map((text) => ({ x: classifierVector(text, 1, 12), label: "law" })),
  ...chemistry.map((text) => ({ x: classifierVector(text, 1, 12), label: "chemistry" })),
];
const options = { bits: 10, offset: DENSE_SLOTS, smoothing: 0.1, temperature: 1 };

describe("subject model", () => {
  it("learns subjects from words and reads unseen prompts", () => {
    const model = trainSubjectModel(examples, options);
    expect(model.names).toEqual(["chemistry", "law"]);
    const p = subjectProbabilities(
      model,
      classifierVector("Is the defendant liable under the contract?", 1, 12),
      DENSE_SLOTS,
    );
    expect(p[1]).toBeGreaterThan(0.9);
    expect((p[0] ?? 0) + (p[1] ?? 0)).toBeCloseTo(1, 10);
    const q = subjectProbabilities(
      model,
      classifierVector("What is the pH of the acid?", 1, 12),
      DENSE_SLOTS,
    );
    expect(q[0]).toBeGreaterThan(0.6);
  });

  it("round-trips through its file and rejects a table of the wrong size", () => {
    const model = trainSubjectModel(examples, options);
    const file = subjectModelFile(model);
    const loaded = loadSubjectModel(JSON.parse(JSON.stringify(file)));
    expect(loaded.names).toEqual(model.names);
    expect(() => loadSubjectModel({ ...file, table: file.table.slice(1) })).toThrow(/table/);
  });

  it("fills the classifier vector's subject slots with the probabilities", () => {
    const model = trainSubjectModel(examples, options);
    const text = "The court and the jury";
    const vector = classifierVector(text, 1, 12, model);
    const expected = subjectProbabilities(model, classifierVector(text, 1, 12), DENSE_SLOTS);
    const slot = (k: number) => vector.values[Array.from(vector.indices).indexOf(SUBJECT_BASE + k)];
    expect(slot(0)).toBeCloseTo(expected[0] ?? -1, 12);
    expect(slot(1)).toBeCloseTo(expected[1] ?? -1, 12);
  });

  it("softmax is uniform on equal scores and tempered by the temperature", () => {
    const flat = new Float64Array([0, 0, 0, 0]);
    softmaxInPlace(flat, 1);
    expect(Array.from(flat)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const sharp = new Float64Array([2, 0]);
    const soft = new Float64Array([2, 0]);
    softmaxInPlace(sharp, 1);
    softmaxInPlace(soft, 4);
    expect(sharp[0]).toBeGreaterThan(soft[0] ?? 1);
    expect(soft[0]).toBeGreaterThan(0.5);
  });
});
