import { describe, expect, it } from "vitest";
import { compilePolicy } from "../policy/compile";
import { explain } from "../policy/explain";
import { fixedScorer, testModels, testRequest } from "../testing/fixtures";
import { cascadeSkip, cascadeVerdicts, type TagEvidence } from "./cascade-verdicts";
import { fitLearnedRouter } from "./fit-learned-router";
import { outcomeOf } from "./request-features";

const pair = { cheap: "small", strong: "large", priceRatio: 0.1 };
const cheapAt = (estimate: number, half: number, outcomes = 50) => ({
  outcomes,
  estimate,
  low: estimate - half,
  high: estimate + half,
});

describe("cascadeVerdicts", () => {
  it("skips to strong where the cheap answer rarely suffices, to cheap only when confident", () => {
    const evidence: TagEvidence[] = [
      { tag: "never", cheap: cheapAt(0.1, 0.05), strong: { estimate: 0.9 } },
      { tag: "always", cheap: cheapAt(0.97, 0.02), strong: { estimate: 0.98 } },
      // As good on average, but the interval is too wide to drop the cascade's safety net.
      { tag: "unsure", cheap: cheapAt(0.97, 0.15), strong: { estimate: 0.98 } },
      { tag: "mixed", cheap: cheapAt(0.5, 0.1), strong: { estimate: 0.9 } },
      { tag: "few", cheap: cheapAt(0.05, 0.04, 9), strong: { estimate: 0.9 } },
      // Above the 0.2 floor, but the cheap calls cost 40% of the strong ones on this tag.
      { tag: "dear", cheap: cheapAt(0.3, 0.05), cheapCost: 0.4, strongCost: 1 },
    ];
    const result = cascadeVerdicts(evidence, 0.9, pair);
    expect(Object.keys(result.tags).sort()).toEqual(["always", "dear", "never"]);
    expect(result.tags.never).toMatchObject({ model: "large", why: "cheap-rarely-suffices" });
    expect(result.tags.always).toMatchObject({ model: "small", why: "cheap-suffices" });
    expect(result.tags.dear).toMatchObject({ model: "large", costRatio: 0.4, strong: 0.9 });
    // The same tag at the list prices' ratio (0.1) keeps the cascade.
    const listed = cascadeVerdicts(
      [{ ...evidence[5], cheapCost: undefined } as TagEvidence],
      0.9,
      pair,
    );
    expect(listed.tags).toEqual({});
  });

  it("strong wins when a request's tags disagree", () => {
    const verdicts = cascadeVerdicts(
      [
        { tag: "a", cheap: cheapAt(0.99, 0.01), strong: { estimate: 0.99 } },
        { tag: "b", cheap: cheapAt(0.05, 0.05) },
      ],
      0.9,
      pair,
    );
    expect(cascadeSkip(verdicts, ["x", "a"])).toEqual({ tag: "a", model: "small" });
    expect(cascadeSkip(verdicts, ["a", "b"])).toEqual({ tag: "b", model: "large" });
    expect(cascadeSkip(verdicts, ["x"])).toBeNull();
  });
});

describe("a cascade policy with a trained artefact", () => {
  const policy = {
    version: 1,
    defaultModel: "demo-small",
    baselineModel: "demo-large",
    otherwise: "cascade",
    cascade: { cheap: "demo-small", strong: "demo-large", threshold: 0.5 },
    learning: { candidates: ["demo-small", "demo-large"], judge: "demo-large" },
  };
  const outcomes = ["proofs", "chat"].flatMap((kind) =>
    Array.from({ length: 40 }, (_, i) =>
      outcomeOf(testRequest(`Question ${i} about ${kind}`, { tags: [`category:${kind}`] }), {
        "demo-small": { quality: kind === "proofs" ? 0 : i % 2 },
        "demo-large": { quality: 1 },
      }),
    ),
  );

  it("trains the pair as a learned target and routes a failing tag straight to strong", () => {
    // A scorer without a pre-call score: the cascade always makes the cheap call.
    const cold = compilePolicy(policy, { models: testModels, scorer: fixedScorer });
    const [target] = cold.learnedTargets;
    expect(target).toMatchObject({
      key: "demo-large,demo-small",
      models: ["demo-small", "demo-large"],
      cascade: { cheap: "demo-small", strong: "demo-large" },
    });
    const artefact = fitLearnedRouter(outcomes, {
      models: target?.models ?? [],
      seed: 1,
      ...(target?.cascade && { cascade: target.cascade }),
    });
    expect(artefact.cascade?.tags["category:proofs"]?.model).toBe("demo-large");
    expect(artefact.cascade?.tags["category:chat"]).toBeUndefined();

    const proofs = testRequest("Prove that 2 is prime", { tags: ["category:proofs"] });
    // Without the artefact the cascade runs (cheap first).
    expect(cold.decide(proofs).strategy).toBe("cascade");
    const trained = compilePolicy(policy, {
      models: testModels,
      scorer: fixedScorer,
      learnedRouter: (ref) => (ref.key === target?.key ? artefact : undefined),
    });
    const skipped = trained.decide(proofs);
    expect(skipped.strategy).toBe("direct");
    expect(skipped.plan[0]).toEqual({ model: "demo-large", reason: "cascade-skipped" });
    expect(skipped.trace.reason).toBe("cascade-skipped:tag=category:proofs→demo-large");
    expect(explain(trained, proofs).summary).toContain(`learned router ${artefact.id}`);
    const chat = trained.decide(testRequest("Hello", { tags: ["category:chat"] }));
    expect(chat.strategy).toBe("cascade");
    expect(chat.trace.reason).toBe("cascade:demo-small→demo-large");
  });

  it("is no learned target unless the learning block grades both models", () => {
    const other = {
      ...policy,
      learning: { candidates: ["demo-small", "demo-medium"], judge: "demo-large" },
    };
    expect(compilePolicy(other, { models: testModels }).learnedTargets).toEqual([]);
  });
});
