import { randomUUID } from "node:crypto";
import type { OutcomeGrade, OutcomeRecord, OutcomeSource, OutcomeStore } from "@switchyard/core";
import { z } from "zod";
import type { PrismaClient } from "../generated/client";
import { storableJson, storableOrNull, storableTags, storableText, TEXT_LIMITS } from "./storable";

/** Longest stored outcome comment (characters); the feedback API refuses longer ones. */
export const OUTCOME_COMMENT_MAX = 2_000;
const DEFAULT_LIST_LIMIT = 10_000;

const gradeSchema = z.object({
  quality: z.number().min(0).max(1),
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  costPicos: z.number().nonnegative().optional(),
});
const gradesSchema = z.record(z.string(), gradeSchema);
const sourceSchema = z.enum(["calibration", "feedback"]);

/** The grades as stored: only the known fields, so the column holds what the type says. */
function toStoredGrades(grades: Record<string, OutcomeGrade>): Record<string, OutcomeGrade> {
  const out: Record<string, OutcomeGrade> = {};
  for (const [model, grade] of Object.entries(grades)) {
    out[storableText(model, TEXT_LIMITS.name)] = gradeSchema.parse(grade);
  }
  return out;
}

/** Replaces the row with the same (request, source, grader): writing an outcome again is idempotent. */
const UPSERT_SQL = `
insert into outcomes (id, team_id, policy_id, request_id, source, source_id, tags, features,
                      prompt_text, grades, comment, created_at)
values ($1::uuid, $2, $3, $4, $5, $6, $7::text[], $8::jsonb, $9, $10::jsonb, $11, $12::timestamptz)
on conflict (request_id, source, source_id) do update
   set team_id = excluded.team_id, policy_id = excluded.policy_id, tags = excluded.tags,
       features = excluded.features, prompt_text = excluded.prompt_text,
       grades = excluded.grades, comment = excluded.comment, created_at = excluded.created_at`;

/** Outcomes in PostgreSQL (table `outcomes`). */
export class PrismaOutcomeStore implements OutcomeStore {
  constructor(private readonly prisma: PrismaClient) {}

  async upsert(outcome: OutcomeRecord): Promise<void> {
    const source = sourceSchema.parse(outcome.source);
    await this.prisma.$executeRawUnsafe(
      UPSERT_SQL,
      randomUUID(),
      outcome.teamId,
      outcome.policyId,
      storableText(outcome.requestId, TEXT_LIMITS.name),
      source,
      storableText(outcome.sourceId, TEXT_LIMITS.name),
      storableTags(outcome.tags),
      outcome.features === null || outcome.features === undefined
        ? null
        : storableJson(outcome.features),
      storableOrNull(outcome.promptText, TEXT_LIMITS.content),
      storableJson(toStoredGrades(outcome.grades)),
      storableOrNull(outcome.comment, OUTCOME_COMMENT_MAX),
      outcome.createdAt.toISOString(),
    );
  }

  async list(
    teamId: string,
    options: { policyId?: string; limit?: number } = {},
  ): Promise<OutcomeRecord[]> {
    const rows = await this.prisma.outcome.findMany({
      where: { teamId, ...(options.policyId === undefined ? {} : { policyId: options.policyId }) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.max(0, Math.floor(options.limit ?? DEFAULT_LIST_LIMIT)),
    });
    const out: OutcomeRecord[] = [];
    for (const row of rows) {
      const grades = gradesSchema.safeParse(row.grades);
      const source = sourceSchema.safeParse(row.source);
      // A row another version wrote in a shape this one does not know is left out, not a crash.
      if (!grades.success || !source.success) continue;
      out.push({
        teamId: row.teamId,
        policyId: row.policyId,
        requestId: row.requestId,
        source: source.data satisfies OutcomeSource,
        sourceId: row.sourceId,
        tags: row.tags,
        features: row.features ?? null,
        promptText: row.promptText,
        grades: grades.data,
        comment: row.comment,
        createdAt: row.createdAt,
      });
    }
    return out;
  }
}
