/**
 * Thirty days of the demo team's traffic, generated on the first start so the console's overview,
 * savings and routing mix show what routing does. Each request is routed by the demo team's
 * published policy through the gateway's own route resolution (rules, classifier, cascade: the
 * cascade's local scorer reads the cheap model's answer), paid and logged through the gateway's
 * request ledger and written by the usage sink with its rollups, like live traffic. Only the
 * calls are not made: tokens, latencies and the cheap answers come from demo-traffic.ts. Every
 * row is tagged `demo:generated`; removeDemoHistory deletes them and the rollups they made.
 */
import { randomUUID } from "node:crypto";
import type { ApiKeyInfo, ModelInfo, RequestLogEntry } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import {
  type Prisma,
  PrismaConfigStore,
  PrismaUsageSink,
  rebuildTeamRollups,
} from "@switchyard/db";
import { DEMO_KEY_NAME, DEMO_TEAM } from "@switchyard/db/seed";
import { ConfigState, RequestLedger, resolveRoute } from "@switchyard/gateway";
import { cascadeDecision } from "@switchyard/router";
import {
  type DemoRequest,
  demoRequest,
  type Random,
  requestsOnDay,
  seededRandom,
  timeOnDay,
} from "./demo-traffic";

export const DEMO_HISTORY_TAG = "demo:generated";
/** Audit action of a generation: its presence means "done once", so a removal is not undone. */
const SEEDED_ACTION = "demo.history.seed";
const DAY_MS = 86_400_000;

export interface DemoHistoryOptions {
  encryptionKey: string;
  days?: number;
  now?: Date;
  seed?: number;
}

/** Median latency of a model, in ms, from its output price (dearer models are slower). */
function latencyOf(random: Random, model: ModelInfo, outputTokens: number): number {
  const perToken =
    model.outputPricePerMillion >= 20 ? 28 : model.outputPricePerMillion >= 5 ? 14 : 6;
  const jitter = Math.exp((random() - 0.5) * 0.6);
  return Math.round((250 + perToken * outputTokens) * jitter);
}

function entryFor(
  config: ConfigState,
  key: ApiKeyInfo,
  demo: DemoRequest,
  random: Random,
): RequestLogEntry {
  const tags = [DEMO_HISTORY_TAG, ...(demo.kind.task ? [`task:${demo.kind.task}`] : [])];
  const route = resolveRoute({
    requestedModel: "switchyard/auto",
    request: demo.request,
    key,
    config,
    task: demo.kind.task,
    tags,
  });
  const ledger = new RequestLedger(
    {
      id: randomUUID(),
      clientRequestId: null,
      teamId: key.teamId,
      apiKeyId: key.id,
      surface: "openai",
      requestedModel: "switchyard/auto",
      streamed: demo.streamed,
      keepText: false,
      tags,
    },
    () => {},
  );
  ledger.route(route);
  const usage = {
    inputTokens: demo.inputTokens,
    outputTokens: demo.outputTokens,
    usageEstimated: false,
  };
  const first = route.plan[0];
  if (!first) throw new Error("the demo policy routed a request nowhere");
  const attempt = (model: ModelInfo, reason: string, ms: number, status = 200) =>
    ledger.addAttempts(
      [{ model: model.name, provider: model.providerKind, reason, status, error: null, ms }],
      ms,
    );
  let latencyMs = 0;
  if (random() < 0.012) {
    // An upstream outage the fallbacks could not cover.
    latencyMs = 400 + Math.round(random() * 2_000);
    ledger.attempted(first.model);
    attempt(first.model, first.reason, latencyMs, 503);
    return ledger.close({
      status: "error",
      httpStatus: 503,
      errorCode: "upstream_unavailable",
      latencyMs,
      ttftMs: null,
      overheadMs: 0.4 + random() * 0.6,
    }).entry;
  }
  if (route.cascade) {
    const cheapUsage = { ...usage, outputTokens: Math.min(usage.outputTokens, 240) };
    const cheapCall = ledger.pay("cascade-cheap", first.model, cheapUsage);
    latencyMs += latencyOf(random, first.model, cheapUsage.outputTokens);
    attempt(first.model, first.reason, latencyMs);
    const { score, escalate } = cascadeDecision(
      route.cascade.scorer,
      demo.cheapAnswer,
      route.cascade.routingRequest,
    );
    const verdict = { score, threshold: route.cascade.scorer.threshold, escalated: escalate };
    ledger.extendTrace({ cascadeResult: verdict });
    const strong = route.cascade.strongPlan[0];
    if (!escalate || !strong) {
      ledger.serve(cheapCall);
      ledger.setReason(`${route.reason};accepted`);
    } else {
      ledger.setReason(`${route.reason};escalated`);
      ledger.pay("served", strong.model, usage);
      const strongMs = latencyOf(random, strong.model, usage.outputTokens);
      attempt(strong.model, "cascade-strong", strongMs);
      latencyMs += strongMs;
    }
  } else {
    ledger.pay("served", first.model, usage);
    latencyMs = latencyOf(random, first.model, usage.outputTokens);
    attempt(first.model, first.reason, latencyMs);
  }
  return ledger.close({
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    latencyMs,
    ttftMs: demo.streamed ? Math.round(180 + random() * 500) : null,
    overheadMs: 0.3 + random() * 0.9,
  }).entry;
}

/**
 * Generates the history once per instance: on a demo team that has a published policy, its demo
 * key, and no generation recorded yet. Returns how many requests it wrote (0: nothing to do).
 */
export async function seedDemoHistory(
  prisma: PrismaClient,
  options: DemoHistoryOptions,
): Promise<number> {
  const team = await prisma.team.findUnique({ where: { slug: DEMO_TEAM.slug } });
  if (!team) return 0;
  const done = await prisma.auditLog.findFirst({
    where: { teamId: team.id, action: SEEDED_ACTION },
    select: { id: true },
  });
  const keyRow = await prisma.apiKey.findFirst({ where: { teamId: team.id, name: DEMO_KEY_NAME } });
  if (done || !keyRow) return 0;
  const snapshot = await new PrismaConfigStore(prisma, {
    encryptionKey: options.encryptionKey,
  }).loadSnapshot();
  const config = new ConfigState(snapshot);
  const teamInfo = config.teamsById.get(team.id);
  if (!teamInfo || !config.policiesByTeam.get(team.id)?.get("switchyard/auto")) return 0;
  const key: ApiKeyInfo = {
    id: keyRow.id,
    teamId: team.id,
    name: keyRow.name,
    prefix: keyRow.prefix,
    scopes: [],
    expiresAt: null,
    revokedAt: null,
    tags: [],
    learningOptOut: false,
    team: teamInfo,
  };
  const days = options.days ?? 30;
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? 20_261_207);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const entries: RequestLogEntry[] = [];
  for (let daysAgo = days; daysAgo >= 0; daysAgo--) {
    const day = new Date(today - daysAgo * DAY_MS);
    const count = requestsOnDay(random, day, daysAgo, days);
    for (let i = 0; i < count; i++) {
      const createdAt = timeOnDay(random, day);
      const demo = demoRequest(random);
      if (createdAt >= now) continue;
      entries.push({ ...entryFor(config, key, demo, random), createdAt });
    }
  }
  const sink = new PrismaUsageSink(prisma);
  for (let i = 0; i < entries.length; i += 500) await sink.writeBatch(entries.slice(i, i + 500));
  await prisma.auditLog.create({
    data: {
      teamId: team.id,
      action: SEEDED_ACTION,
      targetType: "team",
      targetId: team.id,
      after: { requests: entries.length, days, tag: DEMO_HISTORY_TAG },
    },
  });
  return entries.length;
}

/** Deletes the team's generated requests and re-derives its rollups from the rows left. */
export async function removeDemoHistory(prisma: PrismaClient, teamId: string): Promise<number> {
  return prisma.$transaction(
    async (tx: Prisma.TransactionClient) => {
      const removed = await tx.$executeRaw`
        delete from request_logs where team_id = ${teamId} and ${DEMO_HISTORY_TAG} = any(tags)`;
      if (removed > 0) await rebuildTeamRollups(tx, teamId);
      return removed;
    },
    { timeout: 120_000 },
  );
}
