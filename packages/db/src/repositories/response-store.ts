import type { ResponseStore, StoredResponse } from "@switchyard/core";
import type { PrismaClient } from "../generated/client";
import { storableJson } from "./storable";

const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const asItems = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map(asObject) : [];

/**
 * One statement for a batch: the rows as one JSON document (made storable: no NUL characters),
 * rows already stored skipped, so a retried batch changes nothing.
 */
const WRITE_SQL = `
insert into stored_responses (id, team_id, created_at, expires_at, response, input_items)
select r.id, r.team_id, r.created_at, r.expires_at, r.response, r.input_items
  from jsonb_to_recordset($1::jsonb)
    as r(id text, team_id text, created_at timestamptz, expires_at timestamptz, response jsonb, input_items jsonb)
on conflict (id) do nothing`;

/** Expired rows, oldest first, a bounded batch; rows another sweeper holds are skipped. */
const DELETE_EXPIRED_SQL = `
delete from stored_responses
 where id in (select id from stored_responses
               where expires_at <= $1::timestamptz
               order by expires_at
               limit $2
               for update skip locked)`;

/** Stored responses of POST /v1/responses in PostgreSQL, per team, with their expiry. */
export class PrismaResponseStore implements ResponseStore {
  constructor(private readonly prisma: PrismaClient) {}

  async writeBatch(responses: readonly StoredResponse[]): Promise<void> {
    if (responses.length === 0) return;
    const rows = responses.map((stored) => ({
      id: stored.id,
      team_id: stored.teamId,
      created_at: stored.createdAt.toISOString(),
      expires_at: stored.expiresAt.toISOString(),
      response: stored.response,
      input_items: stored.inputItems,
    }));
    await this.prisma.$executeRawUnsafe(WRITE_SQL, storableJson(rows));
  }

  async find(teamId: string, id: string, now: Date): Promise<StoredResponse | null> {
    const row = await this.prisma.storedResponse.findFirst({
      where: { id, teamId, expiresAt: { gt: now } },
    });
    if (row === null) return null;
    return {
      id: row.id,
      teamId: row.teamId,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      response: asObject(row.response),
      inputItems: asItems(row.inputItems),
    };
  }

  async delete(teamId: string, id: string, now: Date): Promise<boolean> {
    const { count } = await this.prisma.storedResponse.deleteMany({
      where: { id, teamId, expiresAt: { gt: now } },
    });
    return count > 0;
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    return this.prisma.$executeRawUnsafe(DELETE_EXPIRED_SQL, now.toISOString(), limit);
  }
}
