/** Test data factories shared by the integration tests here, the app's tests and e2e setup. */
import { randomBytes } from "node:crypto";
import type { Role } from "@switchyard/core";
import { type CreateApiKeyInput, createApiKey } from "../api-keys";
import { encryptSecret } from "../crypto";
import type {
  Model,
  Prisma,
  PrismaClient,
  ProviderConnection,
  Team,
  User,
} from "../generated/client";
import { hashPassword } from "../users";

/** A fixed 32-byte key (base64) for tests only. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

const unique = () => randomBytes(4).toString("hex");

export async function createUser(
  prisma: PrismaClient,
  input: { email?: string; name?: string; password?: string; isOwner?: boolean } = {},
): Promise<User & { password: string }> {
  const password = input.password ?? "correct horse battery";
  const user = await prisma.user.create({
    data: {
      email: (input.email ?? `user-${unique()}@example.test`).toLowerCase(),
      name: input.name ?? "Test User",
      passwordHash: await hashPassword(password),
      isOwner: input.isOwner ?? false,
    },
  });
  return { ...user, password };
}

export function createTeam(
  prisma: PrismaClient,
  input: Partial<
    Pick<
      Team,
      | "slug"
      | "name"
      | "defaultModel"
      | "contentLogging"
      | "failMode"
      | "timeZone"
      | "sharedConnectionsAllowed"
    >
  > = {},
): Promise<Team> {
  const suffix = unique();
  return prisma.team.create({
    data: {
      slug: input.slug ?? `team-${suffix}`,
      name: input.name ?? `Team ${suffix}`,
      defaultModel: input.defaultModel ?? null,
      contentLogging: input.contentLogging ?? false,
      failMode: input.failMode ?? "closed",
      timeZone: input.timeZone ?? "UTC",
      sharedConnectionsAllowed: input.sharedConnectionsAllowed ?? true,
    },
  });
}

export function createMembership(
  prisma: PrismaClient,
  input: { userId: string; teamId: string; role?: Role },
) {
  return prisma.membership.create({
    data: { userId: input.userId, teamId: input.teamId, role: input.role ?? "member" },
  });
}

export function createKey(
  prisma: PrismaClient,
  input: Partial<CreateApiKeyInput> & { teamId: string },
) {
  return createApiKey(prisma, { name: "Test key", ...input });
}

export function createConnection(
  prisma: PrismaClient,
  input: {
    teamId?: string | null;
    kind?: string;
    name?: string;
    baseUrl?: string;
    credential?: string | null;
    encryptionKey?: string;
    enabled?: boolean;
  } = {},
): Promise<ProviderConnection> {
  const credential = input.credential === undefined ? "sk-test-credential" : input.credential;
  return prisma.providerConnection.create({
    data: {
      teamId: input.teamId ?? null,
      kind: input.kind ?? "openai",
      name: input.name ?? `connection-${unique()}`,
      baseUrl: input.baseUrl ?? "http://127.0.0.1:9/v1",
      encryptedCredentials:
        credential === null
          ? null
          : encryptSecret(credential, input.encryptionKey ?? TEST_ENCRYPTION_KEY),
      enabled: input.enabled ?? true,
    },
  });
}

/** A model of the connection, in the connection's scope (its team, or the shared models). */
export async function createModel(
  prisma: PrismaClient,
  input: {
    connectionId: string;
    name?: string;
    upstreamName?: string;
    aliases?: string[];
    inputPricePerMillion?: string;
    outputPricePerMillion?: string;
    contextWindow?: number;
    maxOutputTokens?: number | null;
    capabilities?: string[];
    settings?: Record<string, unknown>;
    enabled?: boolean;
    cachedInputPricePerMillion?: string;
    unpriced?: boolean;
  },
): Promise<Model> {
  const name = input.name ?? `model-${unique()}`;
  const connection = await prisma.providerConnection.findUniqueOrThrow({
    where: { id: input.connectionId },
    select: { teamId: true },
  });
  return prisma.model.create({
    data: {
      connectionId: input.connectionId,
      teamId: connection.teamId,
      name,
      upstreamName: input.upstreamName ?? name,
      aliases: input.aliases ?? [],
      inputPricePerMillion: input.inputPricePerMillion ?? "0.15",
      outputPricePerMillion: input.outputPricePerMillion ?? "0.60",
      contextWindow: input.contextWindow ?? 128_000,
      maxOutputTokens: input.maxOutputTokens ?? null,
      capabilities: input.capabilities ?? ["streaming"],
      settings: (input.settings ?? {}) as object,
      enabled: input.enabled ?? true,
      cachedInputPricePerMillion: input.cachedInputPricePerMillion ?? null,
      unpriced: input.unpriced ?? false,
    },
  });
}

/** A policy with one published version holding `body`. */
export async function createPublishedPolicy(
  prisma: PrismaClient,
  input: { teamId: string; alias?: string; name?: string; body: unknown },
) {
  const policy = await prisma.routingPolicy.create({
    data: {
      teamId: input.teamId,
      alias: input.alias ?? "switchyard/auto",
      name: input.name ?? "Policy",
    },
  });
  const version = await prisma.policyVersion.create({
    data: { policyId: policy.id, version: 1, body: input.body as object, publishedAt: new Date() },
  });
  await prisma.routingPolicy.update({
    where: { id: policy.id },
    data: { publishedVersionId: version.id },
  });
  return { policy, version };
}

/** A request log row of the team: one successful, non-streamed request unless told otherwise. */
export function createRequestLog(
  prisma: PrismaClient,
  input: Partial<Prisma.RequestLogUncheckedCreateInput> & { teamId: string },
) {
  return prisma.requestLog.create({
    data: {
      id: `req_${unique()}`,
      createdAt: new Date(),
      surface: "openai",
      requestedModel: "test-model",
      routeReason: "requested",
      routeTrace: {},
      inputTokens: 1,
      outputTokens: 1,
      costUsd: "0",
      baselineCostUsd: "0",
      latencyMs: 1,
      overheadMs: 0,
      status: "ok",
      httpStatus: 200,
      attemptCount: 1,
      cascaded: false,
      streamed: false,
      usageEstimated: false,
      attempts: [],
      ...input,
    },
  });
}

/**
 * "slow-stream": a model on the seeded demo connection whose mock-LLM answer streams 40 chunks,
 * 50 ms apart, for tests of a stream in flight.
 */
export async function createSlowStreamModel(prisma: PrismaClient): Promise<Model> {
  const connection = await prisma.providerConnection.findFirstOrThrow();
  return createModel(prisma, {
    connectionId: connection.id,
    name: "slow-stream",
    upstreamName: "m+mock-chunk-delay-50+mock-chunks-40",
    inputPricePerMillion: "1",
    outputPricePerMillion: "2",
    contextWindow: 100_000,
    capabilities: ["streaming"],
  });
}
