/** The decision and its trace; `routeHeader` is the compact x-switchyard-route form. */
import type { CascadeSkipTrace } from "../cascade/learned-cascade";
import type { LearnedTrace } from "../learned/learned-strategy";

export interface PlanStep {
  model: string;
  reason: string;
}

interface CascadePlan {
  cheap: string;
  strong: string;
  threshold: number;
  judge?: { model: string; threshold: number };
}

export interface GateNote {
  capability: string;
  from: string;
  to: string;
}

export interface RouteTrace {
  rule?: string;
  classifier?: { score: number; threshold: number };
  cascade?: {
    cheap: string;
    strong: string;
    threshold: number;
    /** The LLM judge that grades the cheap answer instead of the local scorer, when named. */
    judge?: { model: string; threshold: number };
  };
  /**
   * A cascade decided before the cheap call: the prompt asks for no answer the scorer can read,
   * so the classifier's stand-in score chose cheap (at or above the threshold) or strong.
   */
  preCall?: { score: number; threshold: number };
  /**
   * A cascade skipped on the trained artefact's verdict for one of the request's tags: the
   * cheap answer rarely suffices there (→ strong) or confidently does (→ cheap).
   */
  cascadeSkipped?: CascadeSkipTrace;
  /**
   * The learned strategy's choice: the model, its predicted quality relative to the best
   * candidate's, the floor, and the artefact that predicted it ("prior" on a cold start).
   */
  learned?: LearnedTrace;
  /** Capability gates that moved the request to another model. */
  gates: GateNote[];
  /** Weighted choice among equivalent deployments, when one was made. */
  weighted?: { from: string; to: string };
  fallbacks: string[];
  reason: string;
}

export interface RoutingDecision {
  plan: PlanStep[];
  strategy: "direct" | "cascade";
  cascade?: CascadePlan;
  trace: RouteTrace;
}

const two = (value: number) => value.toFixed(2);

/**
 * e.g. "rule:long-docs", "classifier:0.62>=0.50", "cascade:demo-small→demo-large",
 * "cascade-skipped:tag=task:code→demo-large", "learned:demo-small@0.97>=0.95"
 * ("learned-prior:…" on a cold start), "default".
 */
export function routeHeader(trace: RouteTrace): string {
  let head: string;
  if (trace.cascade) head = `cascade:${trace.cascade.cheap}→${trace.cascade.strong}`;
  else if (trace.cascadeSkipped)
    head = `cascade-skipped:tag=${trace.cascadeSkipped.tag}→${trace.cascadeSkipped.model}`;
  else if (trace.preCall)
    head = `cascade-precall:${two(trace.preCall.score)}${trace.preCall.score < trace.preCall.threshold ? "<" : ">="}${two(trace.preCall.threshold)}`;
  else if (trace.learned)
    head = `${trace.learned.artefact === "prior" ? "learned-prior" : "learned"}:${trace.learned.model}@${two(trace.learned.relativeQuality)}>=${two(trace.learned.minQuality)}`;
  else if (trace.classifier)
    head = `classifier:${two(trace.classifier.score)}${trace.classifier.score >= trace.classifier.threshold ? ">=" : "<"}${two(trace.classifier.threshold)}`;
  else head = "default";
  if (trace.rule)
    head =
      trace.cascade || trace.classifier || trace.preCall || trace.cascadeSkipped || trace.learned
        ? `rule:${trace.rule}+${head}`
        : `rule:${trace.rule}`;
  for (const gate of trace.gates) head += `;gate:${gate.capability}→${gate.to}`;
  return head;
}
