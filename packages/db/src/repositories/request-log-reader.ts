import type { LoggedRequest, RequestLogReader, RequestStatus } from "@switchyard/core";
import type { PrismaClient } from "../generated/client";

interface Row {
  id: string;
  team_id: string;
  api_key_id: string | null;
  policy_id: string | null;
  routed_model: string | null;
  status: string;
  tags: string[] | null;
  routing_features: unknown;
  prompt_text: string | null;
  created_at: Date;
}

const STATUSES: readonly RequestStatus[] = ["ok", "error", "client_closed", "blocked"];

/** One primary-key read of request_logs (and the policy its version belongs to), within a team. */
const FIND_SQL = `
select r.id, r.team_id, r.api_key_id, v.policy_id, r.routed_model, r.status, r.tags,
       r.routing_features, r.prompt_text, r.created_at
  from request_logs r
  left join policy_versions v on v.id = r.policy_version_id
 where r.id = $1 and r.team_id = $2`;

/** Single request-log rows for feedback (a read per feedback call, never per routed request). */
export class PrismaRequestLogReader implements RequestLogReader {
  constructor(private readonly prisma: PrismaClient) {}

  async findRequest(teamId: string, requestId: string): Promise<LoggedRequest | null> {
    const rows = await this.prisma.$queryRawUnsafe<Row[]>(FIND_SQL, requestId, teamId);
    const row = rows[0];
    if (row === undefined) return null;
    return {
      id: row.id,
      teamId: row.team_id,
      apiKeyId: row.api_key_id,
      policyId: row.policy_id,
      routedModel: row.routed_model,
      status: STATUSES.find((status) => status === row.status) ?? "error",
      tags: row.tags ?? [],
      routingFeatures: row.routing_features ?? null,
      promptText: row.prompt_text,
      createdAt: new Date(row.created_at),
    };
  }
}
