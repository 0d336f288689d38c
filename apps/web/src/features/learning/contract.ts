/**
 * The learning overview: per routing policy, what the team's traffic has taught its learned
 * targets so far (outcomes by source, what calibration cost this month against its budget, the
 * newest trained version with its held-out metrics, and per tag each candidate's estimated
 * quality with its interval).
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { learnedRouterVersionSchema } from "../learned-routers/contract";

const teamParams = z.object({ teamId: z.string().min(1) });

export const tagEstimateSchema = z.object({
  tag: z.string(),
  /** Outcomes carrying the tag. */
  outcomes: z.number(),
  /** Per candidate: the tag's mean grade, shrunk toward the candidate's overall mean, with a 95% interval. */
  models: z.record(
    z.string(),
    z.object({ outcomes: z.number(), estimate: z.number(), low: z.number(), high: z.number() }),
  ),
});
export type TagEstimate = z.infer<typeof tagEstimateSchema>;

export const learningPolicySchema = z.object({
  policyId: z.string(),
  policyName: z.string(),
  alias: z.string(),
  /** The published version's `learning` block, or null (the policy collects no calibration samples). */
  learning: z
    .object({
      sampleRate: z.number(),
      maxShare: z.number(),
      explore: z.number(),
      budgetUsd: z.number().nullable(),
      candidates: z.array(z.string()),
      judge: z.string(),
    })
    .nullable(),
  /** The published version routes some requests with a learned target (it can be trained). */
  hasLearnedTargets: z.boolean(),
  outcomes: z.object({ calibration: z.number().int(), feedback: z.number().int() }),
  /** Calibration calls' cost this month (the team's time zone), in USD. */
  calibrationSpendUsd: z.string(),
  targets: z.array(
    z.object({
      modelsKey: z.string(),
      /** The version the gateway routes with; null before the first fit. */
      newest: learnedRouterVersionSchema.nullable(),
      versions: z.number().int(),
      /** The newest version's per-tag estimates, most outcomes first (at most 20). */
      tags: z.array(tagEstimateSchema),
    }),
  ),
});
export type LearningPolicyView = z.infer<typeof learningPolicySchema>;

export const learningOverview = endpoint({
  id: "learning.overview",
  method: "GET",
  path: "/api/admin/teams/:teamId/learning",
  summary:
    "Per policy: outcomes collected, calibration spend this month, the newest learned routers and per-tag estimates",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({
    /** The team's whole spend this month, in USD (calibration included). */
    teamSpendUsd: z.string(),
    policies: z.array(learningPolicySchema),
  }),
});
