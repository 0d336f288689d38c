/**
 * Learned routers (table `learned_routers`): one row per trained version of a team's policy and
 * learned target. Training saves a new version under the target's lock (a PostgreSQL advisory
 * lock held by a transaction, so two instances never fit the same target at once); the routing
 * snapshot reads the newest version of every target (config-store.ts).
 */
import type { LearnedRouterStore, LearnedRouterVersion, NewLearnedRouter } from "@switchyard/core";
import { Prisma, type PrismaClient } from "../generated/client";

type Db = PrismaClient | Prisma.TransactionClient;

interface TargetRef {
  teamId: string;
  policyId: string;
  modelsKey: string;
}

const versionColumns = {
  id: true,
  teamId: true,
  policyId: true,
  modelsKey: true,
  version: true,
  artefactId: true,
  models: true,
  trainedOn: true,
  heldOut: true,
  createdAt: true,
} as const;

type VersionRow = Prisma.LearnedRouterGetPayload<{ select: typeof versionColumns }>;

const toVersion = (row: VersionRow): LearnedRouterVersion => ({ ...row, heldOut: row.heldOut });

const byTarget = (a: LearnedRouterVersion, b: LearnedRouterVersion) =>
  a.policyId.localeCompare(b.policyId) ||
  a.modelsKey.localeCompare(b.modelsKey) ||
  b.version - a.version;

/** How long a training transaction may hold its target's lock (fitting 10,000 outcomes included). */
const TRAINING_TRANSACTION_MS = 10 * 60_000;

export class PrismaLearnedRouterStore implements LearnedRouterStore {
  constructor(private readonly db: Db) {}

  async save(router: NewLearnedRouter): Promise<LearnedRouterVersion> {
    const target = {
      teamId: router.teamId,
      policyId: router.policyId,
      modelsKey: router.modelsKey,
    };
    const last = await this.db.learnedRouter.aggregate({ where: target, _max: { version: true } });
    const row = await this.db.learnedRouter.create({
      data: {
        ...target,
        version: (last._max.version ?? 0) + 1,
        artefactId: router.artefactId,
        models: router.models,
        trainedOn: router.trainedOn,
        heldOut:
          router.heldOut === null || router.heldOut === undefined
            ? Prisma.DbNull
            : (router.heldOut as Prisma.InputJsonValue),
        artefact: router.artefact as Prisma.InputJsonValue,
        ...(router.createdAt === undefined ? {} : { createdAt: router.createdAt }),
      },
      select: versionColumns,
    });
    return toVersion(row);
  }

  async newest(
    teamId: string,
    options: { policyId?: string } = {},
  ): Promise<LearnedRouterVersion[]> {
    const policy =
      options.policyId === undefined
        ? Prisma.empty
        : Prisma.sql`and policy_id = ${options.policyId}`;
    const ids = await this.db.$queryRaw<{ id: string }[]>`
      select distinct on (policy_id, models_key) id
      from learned_routers
      where team_id = ${teamId} ${policy}
      order by policy_id, models_key, version desc`;
    if (ids.length === 0) return [];
    const rows = await this.db.learnedRouter.findMany({
      where: { id: { in: ids.map((row) => row.id) } },
      select: versionColumns,
    });
    return rows.map(toVersion).sort(byTarget);
  }

  async versions(
    teamId: string,
    options: { policyId?: string } = {},
  ): Promise<LearnedRouterVersion[]> {
    const rows = await this.db.learnedRouter.findMany({
      where: { teamId, ...(options.policyId === undefined ? {} : { policyId: options.policyId }) },
      select: versionColumns,
    });
    return rows.map(toVersion).sort(byTarget);
  }

  async prune(target: TargetRef, keep: number, protect: readonly number[] = []): Promise<number> {
    const spared = { version: { notIn: [...protect] } };
    if (keep <= 0)
      return (await this.db.learnedRouter.deleteMany({ where: { ...target, ...spared } })).count;
    const kept = await this.db.learnedRouter.findMany({
      where: target,
      orderBy: { version: "desc" },
      take: keep,
      select: { version: true },
    });
    const oldestKept = kept.at(-1);
    if (kept.length < keep || oldestKept === undefined) return 0;
    const deleted = await this.db.learnedRouter.deleteMany({
      where: { ...target, version: { lt: oldestKept.version, notIn: [...protect] } },
    });
    return deleted.count;
  }

  async exclusive<T>(
    target: TargetRef,
    work: (store: LearnedRouterStore) => Promise<T>,
  ): Promise<T | null> {
    const lockKey = `learned_routers:${target.teamId}:${target.policyId}:${target.modelsKey}`;
    const locked = async (tx: Prisma.TransactionClient): Promise<T | null> => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`
        select pg_try_advisory_xact_lock(hashtextextended(${lockKey}, 0)) as locked`;
      if (row?.locked !== true) return null;
      return work(new PrismaLearnedRouterStore(tx));
    };
    const db = this.db;
    // Inside a transaction already: the lock is held until that one ends.
    if (!("$transaction" in db)) return locked(db);
    return db.$transaction(locked, { maxWait: 10_000, timeout: TRAINING_TRANSACTION_MS });
  }
}
