import { z } from "zod";
import { endpoint } from "@/lib/contract";

export const auditEntrySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** The target's name for people (a key's or model's name, a member's email…), when known. */
  targetName: z.string().nullable(),
  actor: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const listAudit = endpoint({
  id: "audit.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/audit",
  summary: "The team's audit log, newest first, a page at a time",
  access: { team: "admin" },
  params: z.object({ teamId: z.string().min(1) }),
  query: z.object({
    /** Entries with this action exactly, e.g. "key.create". */
    action: z.string().min(1).max(100).optional(),
    /** Entries made by this user. */
    actorId: z.string().min(1).max(100).optional(),
    /** Entries about this kind of target, e.g. "api_key". */
    targetType: z.string().min(1).max(100).optional(),
    cursor: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  }),
  response: z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
});

export const auditFacets = endpoint({
  id: "audit.facets",
  method: "GET",
  path: "/api/admin/teams/:teamId/audit/facets",
  summary: "What the team's audit log can be filtered by: its actions, actors and target types",
  access: { team: "admin" },
  params: z.object({ teamId: z.string().min(1) }),
  response: z.object({
    actions: z.array(z.string()),
    targetTypes: z.array(z.string()),
    actors: z.array(z.object({ id: z.string(), email: z.string(), name: z.string().nullable() })),
  }),
});
