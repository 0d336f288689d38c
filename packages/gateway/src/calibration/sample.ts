/**
 * Whether a request is a calibration sample, decided once it is routed (a few comparisons and one
 * random draw: the stream relay must know whether to keep the answer's text), and handing it to
 * the runner when it is over.
 */
import type { ApiKeyInfo, ChatCompletionRequest } from "@switchyard/core";
import {
  adaptiveSampleWeight,
  type ComplexityClassifier,
  GradeTally,
  requestTags,
} from "@switchyard/router";
import { modelCostPicos } from "../accounting/cost";
import type { LedgerClose, RequestLedger } from "../accounting/request-ledger";
import type { RouteDecision, RouteLearning } from "../route/resolve-route";
import type { SurfaceName } from "../surface/surface";
import type { CalibrationRunner } from "./calibration-runner";

/**
 * The share of the sample rate this request is drawn at: with `adaptive`, a request a trained
 * learned router decided far from its boundary tapers (adaptiveSampleWeight); everything else
 * (cold start, other strategies, adaptive off) takes the full rate.
 */
export function sampleWeight(route: RouteDecision, adaptive: boolean): number {
  const learned = "learned" in route.trace ? route.trace.learned : undefined;
  if (!adaptive || learned === undefined || learned.artefact === "prior") return 1;
  return adaptiveSampleWeight(learned.margin, learned.trainedOn);
}

/**
 * The route's learning settings when this request is sampled: the gateway has an outcome store
 * (a runner), the policy a `learning` block, the matched rule is not private, the key has not
 * opted out, the draw is under the sample rate (times sampleWeight and the tag's taper,
 * GradeTally.taper), no tag is excluded and the policy's calibration
 * share has room (`held`: the USD the pacer holds for it until it settles). Otherwise null.
 */
export function drawSample(
  runner: CalibrationRunner | undefined,
  route: RouteDecision,
  key: ApiKeyInfo,
): { learning: RouteLearning; held: number } | null {
  const learning = route.learning;
  if (runner === undefined || learning === undefined || key.learningOptOut === true) return null;
  const { settings, rule } = learning;
  if (rule !== undefined && settings.privateRules.has(rule)) return null;
  const taper = runner
    .tally(learning.policyId, settings.candidates)
    .taper(GradeTally.key(requestTags(learning.routingRequest)), settings.taperAfter);
  if (!(runner.random() < settings.sampleRate * sampleWeight(route, settings.adaptive) * taper))
    return null;
  if (settings.excludeTags.length > 0) {
    const tags = requestTags(learning.routingRequest);
    if (tags.some((tag) => settings.excludeTags.includes(tag))) return null;
  }
  const held = runner.admit(learning.policyId, settings.maxShare);
  return held === null ? null : { learning, held };
}

export interface SampleContext {
  runner: CalibrationRunner | undefined;
  learning: RouteLearning;
  held: number;
  request: ChatCompletionRequest;
  surface: SurfaceName;
  keepText: boolean;
  classifier: ComplexityClassifier;
}

/**
 * A sampled request's ledger closed: when it was answered, offer it to the runner (which records
 * its row out of band, with the prompt's features); otherwise record the row now.
 */
export function handOver(
  sample: SampleContext,
  ledger: RequestLedger,
  closed: LedgerClose,
  record: (closed: LedgerClose) => void,
): void {
  const served = ledger.servedCall;
  const text = ledger.answerText;
  if (
    sample.runner === undefined ||
    closed.entry.status !== "ok" ||
    served === null ||
    text === null
  ) {
    sample.runner?.settle(sample.learning.policyId, sample.held, 0);
    record(closed);
    return;
  }
  const { stream: _stream, stream_options: _options, ...request } = sample.request;
  sample.runner.offer(
    {
      requestId: closed.entry.id,
      teamId: closed.entry.teamId,
      policyId: sample.learning.policyId,
      policyVersionId: closed.entry.policyVersionId,
      surface: sample.surface,
      keepText: sample.keepText,
      request,
      learning: sample.learning,
      held: sample.held,
      classifier: sample.classifier,
      served: {
        model: served.model,
        usage: served.usage,
        costPicos: modelCostPicos(served.model, served.usage, ledger.createdAt) ?? 0,
        text,
      },
    },
    closed,
    record,
  );
}
