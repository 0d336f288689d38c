/**
 * Stored outcomes (@switchyard/core's OutcomeRecord) → what the learner fits on (the router's
 * Outcome): the record's features plus its grades of the target's candidates, weighted by where
 * the grades came from. Records whose features are missing or do not validate are skipped and
 * counted; so are those that grade none of the candidates.
 */
import type { OutcomeGrade, OutcomeRecord, OutcomeSource } from "@switchyard/core";
import { type Grade, type Outcome, outcomeSchema } from "@switchyard/router";

/** How much an outcome counts: a judge graded every candidate; feedback is one user's view. */
export const OUTCOME_WEIGHTS: Record<OutcomeSource, number> = { calibration: 1, feedback: 0.5 };

const featuresSchema = outcomeSchema.omit({ grades: true, weight: true });
type Features = Omit<Outcome, "grades" | "weight">;

/** A record whose features validated. */
export interface ParsedRecord {
  record: OutcomeRecord;
  features: Features;
}

/** Validates each record's features once; `unparseable` counts the records left out. */
export function parseRecords(records: readonly OutcomeRecord[]): {
  parsed: ParsedRecord[];
  unparseable: number;
} {
  const parsed: ParsedRecord[] = [];
  let unparseable = 0;
  for (const record of records) {
    const raw = record.features;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      unparseable++;
      continue;
    }
    const { grades: _grades, weight: _weight, ...rest } = raw as Record<string, unknown>;
    const result = featuresSchema.safeParse(rest);
    if (result.success) parsed.push({ record, features: result.data });
    else unparseable++;
  }
  return { parsed, unparseable };
}

function toGrade(grade: OutcomeGrade | undefined): Grade | null {
  if (grade === undefined) return null;
  const { quality, costPicos } = grade;
  if (!Number.isFinite(quality) || quality < 0 || quality > 1) return null;
  return costPicos !== undefined && Number.isFinite(costPicos) && costPicos >= 0
    ? { quality, costUsd: costPicos / 1e12 }
    : { quality };
}

export interface TrainingSet {
  /** Newest first, as the store listed them. */
  outcomes: Outcome[];
  /** When each outcome was recorded (same order). */
  createdAt: Date[];
  /** Records that grade none of the candidates. */
  ungraded: number;
}

/** The outcomes that grade at least one of `models`, with only those models' grades. */
export function trainingSetFor(
  parsed: readonly ParsedRecord[],
  models: readonly string[],
): TrainingSet {
  const outcomes: Outcome[] = [];
  const createdAt: Date[] = [];
  let ungraded = 0;
  for (const { record, features } of parsed) {
    const grades: Record<string, Grade> = {};
    let graded = false;
    for (const model of models) {
      const grade = toGrade(record.grades[model]);
      if (grade === null) continue;
      grades[model] = grade;
      graded = true;
    }
    if (!graded) {
      ungraded++;
      continue;
    }
    outcomes.push({ ...features, grades, weight: OUTCOME_WEIGHTS[record.source] ?? 1 });
    createdAt.push(record.createdAt);
  }
  return { outcomes, createdAt, ungraded };
}
