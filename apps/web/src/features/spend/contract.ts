/** Management API contract for spend by key, model, tag or user over a window (finance views). */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { rangeSchema } from "../usage/contract";

export const spendGroupSchema = z.enum(["key", "model", "tag", "user"]);
export type SpendGroup = z.infer<typeof spendGroupSchema>;

const money = z.string();

export const spendRowSchema = z.object({
  /** The key's id, the model's name, the tag, or the user id. */
  group: z.string(),
  /** What people know it by (a key's name; otherwise the group). */
  label: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: money,
  /** The same tokens on the policy's baseline model. */
  baselineCostUsd: money,
});
export type SpendRow = z.infer<typeof spendRowSchema>;

export const getSpend = endpoint({
  id: "spend.get",
  method: "GET",
  path: "/api/admin/teams/:teamId/spend",
  summary:
    "Spend over a window grouped by key, model, tag or user (a request counts once in each of its tags), dearest first",
  access: { team: "viewer" },
  params: z.object({ teamId: z.string().min(1) }),
  query: z.object({
    range: rangeSchema.default("30d"),
    from: z.string().optional(),
    to: z.string().optional(),
    by: spendGroupSchema.default("key"),
  }),
  response: z.object({
    window: z.object({ from: z.string(), to: z.string() }),
    by: spendGroupSchema,
    rows: z.array(spendRowSchema),
    /** Every request of the window once (tags and users may overlap or leave requests out). */
    total: spendRowSchema.omit({ group: true, label: true }),
  }),
});
