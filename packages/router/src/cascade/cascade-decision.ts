/** After the cheap call: score its answer locally and decide whether to escalate. */
import { promptOf } from "../features/request-text";
import type { CascadeScorer } from "../policy/compile";
import type { RoutingRequest } from "../policy/request";

export function cascadeDecision(
  cascadeScorer: CascadeScorer,
  answerText: string | null,
  request: Pick<RoutingRequest, "messages">,
): { score: number; escalate: boolean } {
  const { text, turns } = promptOf(request.messages);
  const score = cascadeScorer.scorer.score(text, turns, answerText);
  return { score, escalate: score < cascadeScorer.threshold };
}
