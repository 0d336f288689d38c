import { z } from "zod";
import { endpoint } from "@/lib/contract";

export const auditEntrySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
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
    cursor: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  }),
  response: z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
});
