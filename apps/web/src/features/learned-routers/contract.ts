/**
 * Management API contracts for learned routers: the artefacts a team's learned targets route
 * with, one version series per policy and target, and training one policy's targets now.
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";

const teamParams = z.object({ teamId: z.string().min(1) });

/** The held-out report of a version: a model fitted on the other prompts, scored on these. */
export const heldOutSchema = z
  .object({
    /** Outcomes fitted on and scored on. */
    train: z.number().int(),
    test: z.number().int(),
    models: z.record(
      z.string(),
      z.object({
        outcomes: z.number().int(),
        brier: z.number(),
        baselineBrier: z.number(),
        logLoss: z.number(),
        auc: z.number().nullable(),
      }),
    ),
    /** APGR of the cheapest candidate against the best one on the held-out prompts. */
    pair: z
      .object({ cheap: z.string(), strong: z.string(), apgr: z.number().nullable() })
      .nullable(),
  })
  .nullable();

export const learnedRouterVersionSchema = z.object({
  policyId: z.string(),
  /** The learned target's key: its candidates' names sorted and joined by ",". */
  modelsKey: z.string(),
  version: z.number().int(),
  /** The artefact's id, as decisions' traces name it (`trace.learned.artefact`). */
  artefactId: z.string(),
  /** The candidates, cheapest first. */
  models: z.array(z.string()),
  /** Outcomes the fit used. */
  trainedOn: z.number().int(),
  heldOut: heldOutSchema,
  createdAt: z.string(),
});
export type LearnedRouterVersionView = z.infer<typeof learnedRouterVersionSchema>;

export const learnedTargetSchema = z.object({
  policyId: z.string(),
  /** The policy's name, or null when the policy was deleted. */
  policyName: z.string().nullable(),
  modelsKey: z.string(),
  /** Newest first; the gateway routes with the first. */
  versions: z.array(learnedRouterVersionSchema),
});

export const listLearnedRouters = endpoint({
  id: "learned-routers.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/learned-routers",
  summary:
    "The team's learned routers: versions per policy and learned target, with held-out metrics",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ targets: z.array(learnedTargetSchema) }),
});

export const trainLearnedRouters = endpoint({
  id: "learned-routers.train",
  method: "POST",
  path: "/api/admin/teams/:teamId/learned-routers/train",
  summary:
    "Train the learned targets of a published policy now on the team's outcomes (409 when too few)",
  access: { team: "admin" },
  write: true,
  params: teamParams,
  body: z.object({ policyId: z.string().min(1) }),
  response: z.object({
    /** The versions made now. */
    trained: z.array(learnedRouterVersionSchema),
    /** Targets not trained, and why. */
    skipped: z.array(
      z.object({
        modelsKey: z.string(),
        reason: z.enum(["too_few_outcomes", "too_few_new_outcomes", "busy"]),
        /** Outcomes that grade at least one of the target's candidates. */
        usable: z.number().int(),
      }),
    ),
    /** The policy's outcomes whose features are missing or invalid (not used). */
    unparseable: z.number().int(),
  }),
});
