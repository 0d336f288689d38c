/** Building stored outcomes the way the gateway records them (@switchyard/router's outcomeOf). */
import type { OutcomeGrade, OutcomeRecord, OutcomeSource } from "@switchyard/core";
import { outcomeOf, shippedClassifier } from "@switchyard/router";

let sequence = 0;

/**
 * One graded outcome of `prompt` for `teamId`'s policy: the router's features (with the shipped
 * classifier's prior) and a quality per candidate model.
 */
export function gradedOutcome(input: {
  teamId: string;
  policyId: string | null;
  prompt: string;
  grades: Record<string, number | OutcomeGrade>;
  keyId?: string;
  task?: string;
  source?: OutcomeSource;
  createdAt?: Date;
}): OutcomeRecord {
  const request = {
    messages: [{ role: "user", content: input.prompt }],
    hasImages: false,
    requestedModel: "switchyard/auto",
    keyId: input.keyId ?? "key_test",
    teamId: input.teamId,
    estimatedInputTokens: Math.ceil(input.prompt.length / 4),
    ...(input.task === undefined ? {} : { task: input.task }),
  };
  const { grades: _grades, ...features } = outcomeOf(
    request,
    {},
    { classifier: shippedClassifier() },
  );
  const source = input.source ?? "calibration";
  return {
    teamId: input.teamId,
    policyId: input.policyId,
    requestId: `req_${++sequence}_${Date.now().toString(36)}`,
    source,
    sourceId: source === "calibration" ? "judge:demo-large" : `key:${request.keyId}`,
    tags: features.tags,
    features,
    promptText: null,
    grades: Object.fromEntries(
      Object.entries(input.grades).map(([model, grade]) => [
        model,
        typeof grade === "number" ? { quality: grade } : grade,
      ]),
    ),
    comment: null,
    createdAt: input.createdAt ?? new Date(),
  };
}
