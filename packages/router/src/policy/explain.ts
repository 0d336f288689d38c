/** The console's "explain" view: every rule's match, then the decision and its header. */
import { promptOf } from "../features/request-text";
import type { CompiledPolicy } from "./compile";
import type { RoutingRequest } from "./request";
import type { RoutingDecision } from "./trace";

interface Explanation {
  rules: { name: string; matched: boolean }[];
  decision: RoutingDecision;
  header: string;
  summary: string;
  /** The classifier's view even when a rule decided (null when the policy has no classifier). */
  classifier: { score: number; threshold: number } | null;
}

export function explain(compiled: CompiledPolicy, request: RoutingRequest): Explanation {
  const rules = compiled.matchRules(request);
  const decision = compiled.decide(request);
  const { trace } = decision;
  const threshold = compiled.body.classifier?.threshold;
  let classifier: Explanation["classifier"] = trace.classifier ?? null;
  if (!classifier && compiled.classifier && threshold !== undefined) {
    const { text, turns } = promptOf(request.messages);
    classifier = { score: compiled.classifier.score(text, turns), threshold };
  }
  const lines: string[] = [];
  lines.push(trace.rule ? `Matched rule "${trace.rule}".` : "No rule matched.");
  if (trace.classifier)
    lines.push(
      `Classifier score ${trace.classifier.score.toFixed(3)} vs threshold ${trace.classifier.threshold.toFixed(2)}.`,
    );
  if (trace.learned) {
    const source =
      trace.learned.artefact === "prior"
        ? "the classifier prior (no learned artefact yet)"
        : `learned artefact ${trace.learned.artefact}`;
    lines.push(
      `Learned routing: ${trace.learned.model} is the cheapest candidate whose predicted quality relative to the best candidate (${trace.learned.relativeQuality.toFixed(3)}) reaches ${trace.learned.minQuality.toFixed(2)}, by ${source}.`,
    );
  }
  const cascade = trace.cascade;
  if (cascade?.judge)
    lines.push(
      `Cascade: ${cascade.cheap} first; ${cascade.judge.model} grades the answer and it escalates to ${cascade.strong} when the grade scores under ${cascade.judge.threshold.toFixed(2)} (if the judge fails, the local scorer decides at ${cascade.threshold.toFixed(2)}).`,
    );
  else if (cascade)
    lines.push(
      `Cascade: ${cascade.cheap} first; escalate to ${cascade.strong} when the answer scores under ${cascade.threshold.toFixed(2)}.`,
    );
  if (trace.preCall)
    lines.push(
      `Cascade decided before the call: the prompt asks for no answer the scorer can check, so the classifier's stand-in score ${trace.preCall.score.toFixed(3)} vs threshold ${trace.preCall.threshold.toFixed(2)} chose ${trace.preCall.score < trace.preCall.threshold ? "the strong" : "the cheap"} model.`,
    );
  if (trace.cascadeSkipped)
    lines.push(
      `Cascade skipped: learned router ${trace.cascadeSkipped.artefact} found that on tag "${trace.cascadeSkipped.tag}" cascading does not pay, so the request went straight to ${trace.cascadeSkipped.model}.`,
    );
  for (const g of trace.gates)
    lines.push(`Capability gate (${g.capability}): ${g.from} → ${g.to}.`);
  if (trace.weighted)
    lines.push(`Weighted deployment: ${trace.weighted.from} → ${trace.weighted.to}.`);
  lines.push(`Plan: ${decision.plan.map((step) => step.model).join(" → ")}.`);
  return { rules, decision, header: trace.reason, summary: lines.join(" "), classifier };
}
