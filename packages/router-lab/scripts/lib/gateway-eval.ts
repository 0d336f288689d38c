/**
 * `pnpm eval --source gateway`: the sweep is computed from the scores the gateway reports (the
 * same offline procedure as the in-process eval), then the policy under test is checked against
 * what the gateway actually routed and accounted.
 */
import { normalisePrompt } from "@switchyard/mock-llm";
import type { RecordScores } from "../../src/eval/decision-source";
import type { ModelPair, OutcomeRecord, Price } from "../../src/eval/outcomes";
import { type PolicyPoint, replayPolicy } from "../../src/eval/policy-replay";
import { outcomeRows, type ReplaySummary, summariseReplay } from "../../src/eval/replay";
import { scoreAgreement, type ValidationPoint, validationPoint } from "./gateway-report";
import { lookupRouting, replayThroughGateway } from "./gateway-source";

export interface GatewayEvalInput {
  dataPath: string;
  records: readonly OutcomeRecord[];
  pair: ModelPair;
  prices: Map<string, Price>;
  policyBody: Record<string, unknown>;
  primary: "classifier" | "cascade";
  /** The in-process scores to compare with, in record order, and where they came from. */
  inProcessScores: readonly RecordScores[];
  inProcessDescription: string;
  /**
   * Out-of-fold scores by record id when the file trained the shipped weights: the gateway then
   * scores through lookups of these (its routing, execution and accounting are unchanged).
   * null: the gateway uses its own shipped weights.
   */
  outOfFold: ReadonlyMap<string, RecordScores> | null;
  /** The gateway scores with the shipped weights although the file trained them (in-sample). */
  inSample?: boolean;
  concurrency?: number;
  onProgress?: (pass: string, done: number, total: number) => void;
}

export interface GatewayEvalResult {
  gateway: ReplaySummary;
  inProcess: ReplaySummary;
  gatewayScores: RecordScores[];
  agreement: ReturnType<typeof scoreAgreement>;
  /** The policy replayed offline over the gateway's scores, and over the in-process ones. */
  sweptPoint: PolicyPoint;
  inProcessPoint: PolicyPoint;
  /** What the gateway did at the policy's own threshold. */
  validation: ValidationPoint;
  scoring: string;
  notes: string[];
}

/** Records whose prompt the mock matches to an earlier record (it then plays that one's answer). */
export function repeatedPrompts(records: readonly OutcomeRecord[]): number {
  const seen = new Set<string>();
  let repeated = 0;
  for (const record of records) {
    const text = record.messages
      .filter((message) => message.role !== "system")
      .map((message) =>
        typeof message.content === "string"
          ? message.content
          : (message.content ?? []).map((part) => part.text ?? "").join("\n"),
      )
      .join("\n");
    const key = normalisePrompt(text);
    if (seen.has(key)) repeated++;
    seen.add(key);
  }
  return repeated;
}

export async function runGatewayEval(input: GatewayEvalInput): Promise<GatewayEvalResult> {
  const { records, pair, prices } = input;
  const notes: string[] = [];
  let routing: ReturnType<typeof lookupRouting> | undefined;
  let scoring = input.inSample
    ? "the gateway's shipped weights, IN-SAMPLE (this file trained them; out-of-fold figures are printed below)"
    : "the gateway's shipped weights (the file was not used to train them)";
  if (input.outOfFold) {
    routing = lookupRouting(records, input.outOfFold);
    scoring =
      "out-of-fold predictions served to the gateway's classifier/scorer by prompt lookup (the file trained the shipped weights); routing, execution and accounting are the gateway's";
    if (routing.ambiguous > 0)
      notes.push(
        `${routing.ambiguous} records repeat an earlier prompt with different out-of-fold scores; the gateway sees the first record's`,
      );
  }
  const repeated = repeatedPrompts(records);
  if (repeated > 0)
    notes.push(
      `${repeated} records repeat an earlier record's prompt: mock-llm plays the first record's recorded answer for them`,
    );
  const replay = await replayThroughGateway({
    dataPath: input.dataPath,
    records,
    pair,
    prices,
    policyBody: input.policyBody,
    ...(routing ? { routing: { classifier: routing.classifier, scorer: routing.scorer } } : {}),
    ...(input.concurrency ? { concurrency: input.concurrency } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const rows = outcomeRows(records, pair, prices);
  const gateway = summariseReplay(
    rows,
    replay.scores,
    pair,
    `the gateway (x-switchyard-scores): ${scoring}`,
    input.primary,
  );
  const inProcess = summariseReplay(
    rows,
    input.inProcessScores,
    pair,
    input.inProcessDescription,
    input.primary,
  );
  return {
    gateway,
    inProcess,
    gatewayScores: replay.scores,
    agreement: scoreAgreement(replay.scores, input.inProcessScores),
    sweptPoint: replayPolicy(input.policyBody, records, rows, replay.scores, pair, prices),
    inProcessPoint: replayPolicy(
      input.policyBody,
      records,
      rows,
      input.inProcessScores,
      pair,
      prices,
    ),
    validation: validationPoint(records, rows, pair, replay.validation),
    scoring,
    notes,
  };
}
