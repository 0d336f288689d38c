import { describe, expect, it } from "vitest";
import { shippedClassifier } from "../shipped-weights";
import { testRequest } from "../testing/fixtures";
import { parseLearnedRouter } from "./artefact";
import { fitLearnedRouter, fitLearnedRouterAsync } from "./fit-learned-router";
import { loadLearnedModel } from "./learned-model";
import type { Outcome } from "./outcome";
import { chooseByRelativeQuality } from "./relative-quality";
import { outcomeOf } from "./request-features";

const topics = ["invoices", "weather", "poems", "databases", "travel", "recipes", "physics"];

/** n outcomes tagged `tag`; `grade(i)` gives each model's grade. */
function outcomes(
  tag: string,
  n: number,
  grade: (i: number) => Record<string, number>,
  offset = 0,
): Outcome[] {
  return Array.from({ length: n }, (_, i) => {
    const text = `Question ${i + offset} about ${topics[(i + offset) % topics.length]}: what should I do next?`;
    const grades = Object.fromEntries(
      Object.entries(grade(i)).map(([model, quality]) => [model, { quality }]),
    );
    return outcomeOf(testRequest(text, { tags: [tag] }), grades);
  });
}

function predict(artefact: ReturnType<typeof fitLearnedRouter>, text: string, tags: string[]) {
  const model = loadLearnedModel(artefact);
  const out = new Float64Array(artefact.models.length);
  model.predict(text, 1, tags, Number.NaN, out);
  return out;
}

const pair = ["demo-small", "demo-large"];

describe("fitLearnedRouter", () => {
  const data = [
    ...outcomes("category:easy", 60, () => ({ "demo-small": 1, "demo-large": 1 })),
    ...outcomes(
      "category:hard",
      60,
      (i) => ({ "demo-small": i % 10 === 0 ? 1 : 0, "demo-large": 1 }),
      100,
    ),
  ];
  const artefact = fitLearnedRouter(data, { models: pair, seed: 1 });

  it("routes a tag where the cheap model is always fine to it, and one where it fails to the strong one", () => {
    const easy = predict(artefact, "What is the capital of France?", ["category:easy"]);
    const hard = predict(artefact, "What is the capital of France?", ["category:hard"]);
    expect(chooseByRelativeQuality(easy, 0.95).index).toBe(0);
    expect(chooseByRelativeQuality(hard, 0.95).index).toBe(1);
    expect(hard[0]).toBeLessThan(0.4);
    expect(easy[0]).toBeGreaterThan(0.85);
  });

  it("reports per-tag estimates with intervals, and held-out metrics", () => {
    const hard = artefact.report.tags.find((t) => t.tag === "category:hard");
    const small = hard?.models["demo-small"];
    expect(small?.outcomes).toBe(60);
    expect(small?.mean).toBeCloseTo(0.1, 5);
    expect(small?.low).toBeLessThanOrEqual(small?.estimate ?? 0);
    expect(small?.high).toBeGreaterThanOrEqual(small?.estimate ?? 1);
    expect(artefact.report.heldOut?.test).toBeGreaterThan(5);
    expect(artefact.report.heldOut?.pair?.cheap).toBe("demo-small");
    expect(artefact.trainingSize).toBe(120);
    expect(parseLearnedRouter(JSON.parse(JSON.stringify(artefact)))).toEqual(artefact);
  });

  it("shrinks a tag with few outcomes toward the global estimate", () => {
    const few = [
      ...outcomes("category:common", 80, (i) => ({
        "demo-small": i % 5 === 0 ? 0 : 1,
        "demo-large": 1,
      })),
      ...outcomes("category:rare", 2, () => ({ "demo-small": 0, "demo-large": 1 }), 500),
    ];
    const many = [
      ...few.slice(0, 80),
      ...outcomes("category:rare", 40, () => ({ "demo-small": 0, "demo-large": 1 }), 500),
    ];
    const text = "Tell me something about invoices";
    const rareFew = predict(fitLearnedRouter(few, { models: pair, seed: 1 }), text, [
      "category:rare",
    ]);
    const rareMany = predict(fitLearnedRouter(many, { models: pair, seed: 1 }), text, [
      "category:rare",
    ]);
    // Global estimate 0.8. Two failures pull it part of the way toward 0; forty nearly all the way.
    expect(rareFew[0]).toBeGreaterThan(0.35);
    expect(rareMany[0]).toBeLessThan(0.15);
    const estimate = fitLearnedRouter(few, { models: pair, seed: 1 }).report.tags.find(
      (t) => t.tag === "category:rare",
    )?.models["demo-small"];
    expect(estimate?.mean).toBe(0);
    expect(estimate?.estimate).toBeGreaterThan(0.3);
  });

  it("learns from the prompt's words when there is no tag", () => {
    const words = [
      ...Array.from({ length: 40 }, (_, i) =>
        outcomeOf(testRequest(`Prove the theorem about prime gaps number ${i}`), {
          "demo-small": { quality: 0 },
          "demo-large": { quality: 1 },
        }),
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        outcomeOf(testRequest(`Say hello to my friend called ${topics[i % 7]} ${i}`), {
          "demo-small": { quality: 1 },
          "demo-large": { quality: 1 },
        }),
      ),
    ];
    const learned = fitLearnedRouter(words, { models: pair, seed: 3 });
    const hard = predict(learned, "Prove the theorem about prime gaps", []);
    const easy = predict(learned, "Say hello to my friend called Ann", []);
    expect((hard[0] as number) / (hard[1] as number)).toBeLessThan(
      (easy[0] as number) / (easy[1] as number) - 0.2,
    );
  });

  it("handles more than two models", () => {
    const models = ["demo-small", "demo-medium", "demo-large"];
    const data = [
      ...outcomes("task:chat", 50, () => ({ "demo-small": 1, "demo-medium": 1, "demo-large": 1 })),
      ...outcomes(
        "task:code",
        50,
        () => ({ "demo-small": 0, "demo-medium": 1, "demo-large": 1 }),
        100,
      ),
      ...outcomes(
        "task:proof",
        50,
        () => ({ "demo-small": 0, "demo-medium": 0, "demo-large": 1 }),
        200,
      ),
    ];
    const artefact = fitLearnedRouter(data, { models, seed: 1 });
    const choose = (tag: string) =>
      chooseByRelativeQuality(predict(artefact, "Please help with this", [tag]), 0.9).index;
    expect(choose("task:chat")).toBe(0);
    expect(choose("task:code")).toBe(1);
    expect(choose("task:proof")).toBe(2);
    expect(artefact.weights.map((w) => w.model)).toEqual(models);
  });

  it("uses outcomes that grade only some candidates (feedback) and skips other feature versions", () => {
    const feedback = outcomes("category:easy", 10, () => ({ "demo-small": 1 }));
    const stale = { ...(feedback[0] as Outcome), featureVersion: 0 } as unknown as Outcome;
    const artefact = fitLearnedRouter([...data, ...feedback, stale], { models: pair, seed: 1 });
    expect(artefact.trainingSize).toBe(130);
    expect(artefact.report.skipped).toBe(1);
    expect(artefact.report.models["demo-small"]?.outcomes).toBe(130);
    expect(artefact.report.models["demo-large"]?.outcomes).toBe(120);
  });

  it("is deterministic given the outcomes and the seed", () => {
    const again = fitLearnedRouter(data, { models: pair, seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(artefact));
    const otherSeed = fitLearnedRouter(data, { models: pair, seed: 2 });
    // The seed only chooses the held-out prompts: the weights are the same.
    expect(otherSeed.weights).toEqual(artefact.weights);
    expect(otherSeed.id).toBe(artefact.id);
  });

  it("fits the same artefact in slices, giving the event loop back between them", async () => {
    let turns = 0;
    let fitting = true;
    const tick = () => {
      turns++;
      if (fitting) setImmediate(tick);
    };
    setImmediate(tick);
    // A zero-length slice: a turn after every step (rows laid out, each optimiser iteration).
    const sliced = await fitLearnedRouterAsync(data, { models: pair, seed: 1 }, 0);
    fitting = false;
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(artefact));
    // Two fits (the artefact and its held-out check), each of many iterations.
    expect(turns).toBeGreaterThan(10);
  });

  it("with no outcomes is the prior", () => {
    const empty = fitLearnedRouter([], { models: pair, seed: 1 });
    expect(empty.trainingSize).toBe(0);
    expect(empty.report.heldOut).toBeNull();
    const model = loadLearnedModel(empty);
    const out = new Float64Array(2);
    model.predict("anything", 1, [], 0.8, out);
    expect(out[0]).toBeCloseTo(0.2, 2);
    expect(out[1]).toBeCloseTo(0.5, 2);
  });

  it("reads a linear classifier prior in the same pass, exactly as from its score", () => {
    const classifier = shippedClassifier();
    const model = loadLearnedModel(artefact);
    const text = "A train leaves at 3 pm at 60 km/h; when does it arrive 150 km away?";
    const fused = new Float64Array(2);
    const scored = new Float64Array(2);
    model.predict(text, 1, ["category:hard"], classifier.linear ?? Number.NaN, fused);
    model.predict(text, 1, ["category:hard"], classifier.score(text, 1), scored);
    expect(model.usesPrior).toBe(true);
    expect(fused[0]).toBeCloseTo(scored[0] as number, 12);
    expect(fused[1]).toBeCloseTo(scored[1] as number, 12);
  });
});
