/**
 * A cascade whose pair the policy's `learning` block grades: training fits an artefact for the
 * pair with per-tag verdicts (learned/cascade-verdicts.ts), and the compiled policy reads them
 * before the cascade runs, so a tag whose cheap answer rarely suffices goes straight to strong
 * (and one where it confidently suffices straight to cheap) without the cheap call.
 */
import { type CascadeVerdicts, cascadeSkip } from "../learned/cascade-verdicts";
import {
  type LearnedRouterSource,
  type LearnedTargetInfo,
  learnedKey,
} from "../learned/learned-strategy";
import { requestTags } from "../learned/request-features";
import type { CompiledLearning } from "../policy/learning";
import type { RequestView } from "../policy/request";

export interface CascadeSkipTrace {
  tag: string;
  model: string;
  /** The artefact whose verdict it was. */
  artefact: string;
}

/** The relative quality a tag's cheap answers must confidently reach to skip to cheap. */
export const CASCADE_SKIP_QUALITY = 0.95;

export function compileLearnedCascade(
  cascade: { cheap: string; strong: string },
  learning: CompiledLearning | null,
  price: (model: string) => number,
  source: LearnedRouterSource | undefined,
): { target: LearnedTargetInfo; skip: (view: RequestView) => CascadeSkipTrace | null } | null {
  const { cheap, strong } = cascade;
  if (!learning || cheap === strong) return null;
  if (!learning.candidates.includes(cheap) || !learning.candidates.includes(strong)) return null;
  const models = price(cheap) <= price(strong) ? [cheap, strong] : [strong, cheap];
  const strongPrice = price(strong);
  const target: LearnedTargetInfo = {
    key: learnedKey(models),
    models,
    minQuality: CASCADE_SKIP_QUALITY,
    cascade: {
      cheap,
      strong,
      priceRatio: strongPrice > 0 ? price(cheap) / strongPrice : 1,
      quality: CASCADE_SKIP_QUALITY,
    },
  };
  const ref = { key: target.key, models };
  const skip = (view: RequestView): CascadeSkipTrace | null => {
    const artefact = source?.(ref);
    const verdicts: CascadeVerdicts | undefined = artefact?.cascade;
    if (!artefact || !verdicts || verdicts.cheap !== cheap || verdicts.strong !== strong)
      return null;
    const found = cascadeSkip(verdicts, requestTags(view.request));
    return found && { ...found, artefact: artefact.id };
  };
  return { target, skip };
}
