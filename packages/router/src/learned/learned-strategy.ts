/**
 * A policy's `{ "strategy": "learned", "models": [...], "minQuality": q }` target, compiled: per
 * request, the team's current artefact (from PolicyContext.learnedRouter) predicts each
 * candidate's quality, or, before there is one, the classifier prior does; the cheapest candidate
 * whose relative quality reaches minQuality is chosen (relative-quality.ts).
 */
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import type { RequestView } from "../policy/request";
import type { LearnedRouter } from "./artefact";
import type { CascadeVerdictOptions } from "./cascade-verdicts";
import { type LearnedModel, loadLearnedModel } from "./learned-model";
import { chooseByRelativeQuality, decisionMargin, priorQualities } from "./relative-quality";
import { requestTags } from "./request-features";

/** Which artefact a learned target needs: its candidates (price order) and their key. */
export interface LearnedTargetRef {
  /** The candidates' names sorted alphabetically and joined by ",": one artefact per model set. */
  key: string;
  /** The candidates, cheapest first. */
  models: readonly string[];
  /** The trained version the policy pins; undefined: the newest. */
  version?: number | undefined;
}

export interface LearnedTargetInfo extends LearnedTargetRef {
  minQuality: number;
  /** Set for a policy's cascade pair: its artefact also decides per tag whether cascading pays. */
  cascade?: CascadeVerdictOptions;
}

/** Returns the policy's current artefact for the target, or undefined (cold start). Called per decision. */
export type LearnedRouterSource = (target: LearnedTargetRef) => LearnedRouter | undefined;

export interface LearnedTrace {
  key: string;
  model: string;
  /** The chosen candidate's predicted quality relative to the best candidate's. */
  relativeQuality: number;
  minQuality: number;
  /** The artefact's id, or "prior" on a cold start (no artefact, or one without these models). */
  artefact: string;
  /** How close the choice came to another one (decisionMargin): adaptive sampling reads it. */
  margin: number;
  /** Outcomes the artefact was fitted on (0 on a cold start). */
  trainedOn: number;
}

const loaded = new WeakMap<LearnedRouter, LearnedModel>();

function modelFor(artefact: LearnedRouter): LearnedModel {
  let model = loaded.get(artefact);
  if (!model) {
    model = loadLearnedModel(artefact);
    loaded.set(artefact, model);
  }
  return model;
}

export const learnedKey = (models: readonly string[]) => [...models].sort().join(",");

export function compileLearnedTarget(
  info: LearnedTargetInfo,
  source: LearnedRouterSource | undefined,
  classifier: ComplexityClassifier,
): (view: RequestView) => LearnedTrace {
  const k = info.models.length;
  const qualities = new Float64Array(k);
  const ref: LearnedTargetRef = { key: info.key, models: info.models, version: info.version };
  let lastArtefact: LearnedRouter | undefined;
  let positions: Int32Array | null = null;
  let predicted = new Float64Array(0);

  return (view) => {
    const artefact = source?.(ref);
    if (artefact !== lastArtefact) {
      lastArtefact = artefact;
      positions = null;
      if (artefact) {
        const indices = info.models.map((name) => artefact.models.indexOf(name));
        if (indices.every((index) => index >= 0)) positions = Int32Array.from(indices);
        predicted = new Float64Array(artefact.models.length);
      }
    }
    const { text, turns } = view.prompt;
    let id = "prior";
    if (artefact && positions) {
      const model = modelFor(artefact);
      const prior = !model.usesPrior
        ? Number.NaN
        : (classifier.linear ?? classifier.score(text, turns));
      model.predict(text, turns, requestTags(view.request), prior, predicted);
      for (let i = 0; i < k; i++) qualities[i] = predicted[positions[i] as number] as number;
      id = model.id;
    } else priorQualities(classifier.score(text, turns), qualities, k);
    const choice = chooseByRelativeQuality(qualities, info.minQuality);
    return {
      key: info.key,
      model: info.models[choice.index] as string,
      relativeQuality: choice.relativeQuality,
      minQuality: info.minQuality,
      artefact: id,
      margin: decisionMargin(qualities, info.minQuality),
      trainedOn: id === "prior" ? 0 : (artefact?.trainingSize ?? 0),
    };
  };
}
