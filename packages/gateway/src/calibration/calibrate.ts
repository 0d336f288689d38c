/**
 * One calibration sample, in the background: the candidates its plan calls answer the same
 * request (non-streamed; planCalibrationCalls: each one's value of information against its
 * price, within the room the policy's calibration share leaves, every one without a cap), the
 * judge grades every answer including the served one (GRADING_VERSION), and one outcome goes to
 * the OutcomeStore. Any call that fails or is refused (a budget, a rate limit)
 * ends the sample without an outcome; a judge reply that is not a grade drops that grade only.
 */
import type { ModelInfo, OutcomeGrade, OutcomeStore } from "@switchyard/core";
import {
  callUsd,
  type GradeTally,
  gradeUsd,
  planCalibrationCalls,
  requestTags,
  GradeTally as Tally,
} from "@switchyard/router";
import { completionText, promptText } from "../accounting/content-text";
import type { ConfigState } from "../config/config-state";
import type { AbortSource } from "../execute/abort-source";
import { type CallDeps, type CallResult, calibrationCall } from "./calibration-call";
import type { CalibrationJob } from "./calibration-job";
import { GRADING_VERSION, gradingRequest, parseGrade } from "./grading-prompt";

export interface CalibrateDeps extends CallDeps {
  config(): ConfigState;
  outcomes: OutcomeStore;
}

export type CalibrationResult = "graded" | "failed";

/**
 * The runner's side of one sample: its draws (which dearer candidates to call), and what the
 * sample reports as it goes (a judge reply that is not a grade, a paid call's cost).
 */
export interface CalibrationEvents {
  random(): number;
  unparseable(): void;
  paid(costPicos: number): void;
  /** USD the policy's calibration may still spend (CalibrationPacer.room). */
  room(): number;
  /** The sample planned calls of this expected USD: held until it settles. */
  reserve(usd: number): void;
  /** The policy's grades so far over these candidates. */
  tally(candidates: readonly string[]): GradeTally;
}

interface Answer {
  text: string;
  inputTokens: number;
  outputTokens: number;
  costPicos: number;
}

const answerOf = (result: Extract<CallResult, { ok: true }>): Answer => ({
  text: completionText(result.response),
  inputTokens: result.usage.inputTokens,
  outputTokens: result.usage.outputTokens,
  costPicos: result.costPicos,
});

export async function calibrate(
  deps: CalibrateDeps,
  job: CalibrationJob,
  features: unknown,
  signal: AbortSource,
  events: CalibrationEvents,
): Promise<CalibrationResult> {
  const config = deps.config();
  const { settings } = job.learning;
  const failed = (reason: string, detail: Record<string, unknown> = {}): CalibrationResult => {
    deps.logger.warn({ requestId: job.requestId, reason, ...detail }, "calibration sample failed");
    return "failed";
  };
  const judge = config.modelFor(settings.judge, job.teamId);
  if (judge === undefined) return failed("judge_not_found", { model: settings.judge });
  // The candidates (and the served model, when a rule served one outside them): which to call.
  const pool = settings.candidates.includes(job.served.model.name)
    ? [...settings.candidates]
    : [...settings.candidates, job.served.model.name];
  const models: ModelInfo[] = [];
  for (const name of pool) {
    const model =
      name === job.served.model.name ? job.served.model : config.modelFor(name, job.teamId);
    if (model === undefined) return failed("candidate_not_found", { model: name });
    models.push(model);
  }
  const tally = events.tally(pool);
  const tagKey = Tally.key(requestTags(job.learning.routingRequest));
  const { inputTokens, outputTokens } = job.served.usage;
  const price = (model: ModelInfo) => ({
    input: model.inputPricePerMillion,
    output: model.outputPricePerMillion,
  });
  // Every answer is estimated at the served answer's token counts (the others are not known yet).
  const grade = gradeUsd(price(judge), inputTokens, outputTokens);
  const room = events.room() - grade;
  const served = pool.indexOf(job.served.model.name);
  const answerUsd = models.map((model) => callUsd(price(model), inputTokens, outputTokens));
  const graded = planCalibrationCalls({
    answerUsd,
    gradeUsd: models.map(() => grade),
    served,
    room,
    explore: settings.explore,
    minQuality: job.learning.minQuality,
    tally: tally.counts(tagKey),
    totals: tally.totals,
    warmup: settings.warmup,
    random: events.random,
  });
  events.reserve(
    graded.reduce((sum, m) => sum + grade + (m === served ? 0 : (answerUsd[m] as number)), 0),
  );
  const others = graded
    .map((m) => models[m] as ModelInfo)
    .filter((model) => model.name !== job.served.model.name);

  const answers = new Map<string, Answer>([
    [
      job.served.model.name,
      {
        text: job.served.text,
        inputTokens,
        outputTokens,
        costPicos: job.served.costPicos,
      },
    ],
  ]);
  const called = await Promise.all(
    others.map((model) =>
      calibrationCall(
        deps,
        job,
        model,
        { ...job.request, model: model.name },
        "calibration",
        signal,
      ),
    ),
  );
  for (const result of called) if (result.ok) events.paid(result.costPicos);
  for (const [i, result] of called.entries()) {
    const model = others[i] as ModelInfo;
    if (!result.ok) return failed(result.code, { model: model.name });
    answers.set(model.name, answerOf(result));
  }

  const judged = await Promise.all(
    [...answers].map(([, answer]) =>
      calibrationCall(
        deps,
        job,
        judge,
        gradingRequest(judge.name, job.request, answer.text),
        "calibration-judge",
        signal,
      ),
    ),
  );
  for (const result of judged) if (result.ok) events.paid(result.costPicos);
  const grades: Record<string, OutcomeGrade> = {};
  for (const [i, [name, answer]] of [...answers].entries()) {
    const result = judged[i] as CallResult;
    if (!result.ok) return failed(result.code, { model: judge.name });
    const quality = parseGrade(result.response.choices[0]?.message.content ?? null);
    if (quality === null) {
      events.unparseable();
      deps.logger.warn(
        { requestId: job.requestId, judge: judge.name, model: name },
        "calibration judge reply is not a grade; that grade is left out",
      );
      continue;
    }
    grades[name] = {
      quality,
      inputTokens: answer.inputTokens,
      outputTokens: answer.outputTokens,
      costPicos: answer.costPicos,
    };
  }
  if (Object.keys(grades).length === 0) return failed("no_grade");

  try {
    await deps.outcomes.upsert({
      teamId: job.teamId,
      policyId: job.policyId,
      requestId: job.requestId,
      source: "calibration",
      sourceId: `judge:${judge.name}`,
      tags: [...(job.learning.routingRequest.tags ?? [])],
      features,
      promptText: job.keepText ? promptText(job.request) : null,
      grades,
      comment: `grading-version:${GRADING_VERSION}`,
      createdAt: new Date(),
    });
  } catch (error) {
    return failed("outcome_store", { err: String(error) });
  }
  tally.add(tagKey, grades);
  return "graded";
}
