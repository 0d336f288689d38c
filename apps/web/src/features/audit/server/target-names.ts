import type { PrismaClient } from "@switchyard/db";

/** One audit row's target, as stored. */
interface Target {
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

const idsOf = (rows: readonly Target[], type: string) => [
  ...new Set(
    rows.filter((row) => row.targetType === type && row.targetId).map((row) => row.targetId ?? ""),
  ),
];

/** What the entry itself remembers of its target (e.g. a deleted key's name), if anything. */
function remembered(row: Target): string | null {
  for (const side of [row.after, row.before]) {
    if (side === null || typeof side !== "object" || Array.isArray(side)) continue;
    const record = side as Record<string, unknown>;
    for (const field of ["name", "email", "alias"]) {
      const value = record[field];
      if (typeof value === "string" && value.length > 0) return value;
    }
  }
  return null;
}

const periodAdjective: Record<string, string> = {
  day: "daily",
  week: "weekly",
  month: "monthly",
  lifetime: "lifetime",
};

const usd = (value: { toString(): string }) => `$${Number(value.toString()).toFixed(2)}`;

/**
 * Human names of the targets of audit rows, by "type:id": key, model, connection, admin token and
 * team names, policy names with their alias, policy versions as "name vN", member emails (a
 * membership's target is its user), invite emails, budgets as "monthly team budget ($50.00)".
 * Rows whose target is gone fall back to the name the row's before/after recorded.
 */
export async function targetNames(
  prisma: PrismaClient,
  teamId: string,
  rows: readonly Target[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const put = (type: string, id: string, name: string) => names.set(`${type}:${id}`, name);
  // One query per target type present (none for a type the page does not show).
  const load = <T>(type: string, query: (ids: string[]) => Promise<T[]>): Promise<T[]> => {
    const ids = idsOf(rows, type);
    return ids.length === 0 ? Promise.resolve([]) : query(ids);
  };
  const named = { id: true, name: true } as const;
  const [keys, models, connections, tokens, teams, policies, versions, users, invites, budgets] =
    await Promise.all([
      load("api_key", (ids) =>
        prisma.apiKey.findMany({ where: { id: { in: ids }, teamId }, select: named }),
      ),
      load("model", (ids) => prisma.model.findMany({ where: { id: { in: ids } }, select: named })),
      load("provider_connection", (ids) =>
        prisma.providerConnection.findMany({ where: { id: { in: ids } }, select: named }),
      ),
      load("admin_token", (ids) =>
        prisma.adminToken.findMany({ where: { id: { in: ids } }, select: named }),
      ),
      load("team", (ids) => prisma.team.findMany({ where: { id: { in: ids } }, select: named })),
      load("routing_policy", (ids) =>
        prisma.routingPolicy.findMany({
          where: { id: { in: ids }, teamId },
          select: { id: true, name: true, alias: true },
        }),
      ),
      load("policy_version", (ids) =>
        prisma.policyVersion.findMany({
          where: { id: { in: ids }, policy: { teamId } },
          select: { id: true, version: true, policy: { select: { name: true } } },
        }),
      ),
      load("membership", (ids) =>
        prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }),
      ),
      load("invite", (ids) =>
        prisma.invite.findMany({
          where: { id: { in: ids }, teamId },
          select: { id: true, email: true },
        }),
      ),
      load("budget", (ids) =>
        prisma.budget.findMany({
          where: { id: { in: ids }, teamId },
          select: {
            id: true,
            scope: true,
            period: true,
            limitUsd: true,
            apiKey: { select: { name: true } },
          },
        }),
      ),
    ]);
  for (const row of keys) put("api_key", row.id, row.name);
  for (const row of models) put("model", row.id, row.name);
  for (const row of connections) put("provider_connection", row.id, row.name);
  for (const row of tokens) put("admin_token", row.id, row.name);
  for (const row of teams) put("team", row.id, row.name);
  for (const row of policies) put("routing_policy", row.id, `${row.name} (${row.alias})`);
  for (const row of versions) put("policy_version", row.id, `${row.policy.name} v${row.version}`);
  for (const row of users) put("membership", row.id, row.email);
  for (const row of invites) put("invite", row.id, row.email);
  for (const row of budgets) {
    const owner = row.scope === "key" ? `budget of key ${row.apiKey?.name ?? "?"}` : "team budget";
    const period = periodAdjective[row.period] ?? row.period;
    put("budget", row.id, `${period} ${owner} (${usd(row.limitUsd)})`);
  }
  for (const row of rows) {
    if (!row.targetId || names.has(`${row.targetType}:${row.targetId}`)) continue;
    const fallback = remembered(row);
    if (fallback !== null) put(row.targetType, row.targetId, fallback);
  }
  return names;
}
