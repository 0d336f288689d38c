import type { ChatCompletionRequest, ModelInfo } from "@switchyard/core";
import type { ComplexityClassifier } from "@switchyard/router";
import type { UsageFigures } from "../accounting/response-usage";
import type { RouteLearning } from "../route/resolve-route";
import type { SurfaceName } from "../surface/surface";

/** A sampled request, once its client has the whole answer: what calibration needs of it. */
export interface CalibrationJob {
  /** The sampled request's log id (outcomes and calibration rows point at it). */
  requestId: string;
  teamId: string;
  policyId: string;
  policyVersionId: string | null;
  surface: SurfaceName;
  /** The team logs content: calibration rows keep their texts, the outcome its prompt. */
  keepText: boolean;
  /** The caller's request in canonical form, not streamed. */
  request: ChatCompletionRequest;
  learning: RouteLearning;
  /** The classifier the policy compiles with (its score is the outcome's prior). */
  classifier: ComplexityClassifier;
  /** USD the policy's pacer holds for this sample until it settles (CalibrationRunner.admit). */
  held: number;
  /** The answer the client got: graded with the others, not paid again. */
  served: { model: ModelInfo; usage: UsageFigures; costPicos: number; text: string };
}
