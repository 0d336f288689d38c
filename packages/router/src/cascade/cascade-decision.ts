/** After the cheap call: score its answer locally and decide whether to escalate. */
import { promptOf } from "../features/request-text";
import type { CascadeScorer } from "../policy/compile";
import type { RequestView, RoutingRequest } from "../policy/request";

export function cascadeDecision(
  cascadeScorer: CascadeScorer,
  answerText: string | null,
  request: Pick<RoutingRequest, "messages">,
): { score: number; escalate: boolean } {
  const { text, turns } = promptOf(request.messages);
  const score = cascadeScorer.scorer.score(text, turns, answerText);
  return { score, escalate: score < cascadeScorer.threshold };
}

/** The scorer's pre-call score for a local-scorer cascade (an LLM judge reads any answer). */
export function preCallScore(cascade: CascadeScorer | null, view: RequestView): number | null {
  if (!cascade || cascade.judge !== undefined || cascade.scorer.preCall === undefined) return null;
  const { text, turns } = view.prompt;
  return cascade.scorer.preCall(text, turns);
}
