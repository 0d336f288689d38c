/**
 * Test data for walking every management endpoint generically (authorization.int.test.ts):
 *
 * - `paramFixtures`: for each path parameter other than `teamId`, how to make a real resource of
 *   that kind inside a given team and return the value to put in the path. The authorisation
 *   test uses them to check that another team's resource ids under your own team's path answer
 *   404. A path parameter without a fixture fails the test: add one here with your endpoint.
 * - `bodySamples`: a valid body per endpoint id, for bodies `sampleFromSchema` cannot build (it
 *   handles plain objects, strings, numbers, booleans, enums, arrays and nullables).
 */
import { randomBytes } from "node:crypto";
import {
  createConnection,
  createKey,
  createMembership,
  createModel,
  createRequestLog,
  createUser,
} from "@switchyard/db/testing";
import { z } from "zod";
import { hashInviteToken } from "@/features/invites/server/invite-token";
import type { Endpoint } from "@/lib/contract";
import type { Prisma } from "../db";
import { hashAdminToken } from "./actor";

export interface FixtureContext {
  prisma: Prisma;
  teamId: string;
}

export const paramFixtures: Record<string, (context: FixtureContext) => Promise<string>> = {
  async userId({ prisma, teamId }) {
    const user = await createUser(prisma);
    await createMembership(prisma, { userId: user.id, teamId, role: "member" });
    return user.id;
  },
  async keyId({ prisma, teamId }) {
    return (await createKey(prisma, { teamId })).record.id;
  },
  async inviteId({ prisma, teamId }) {
    const invite = await prisma.invite.create({
      data: {
        teamId,
        email: `invitee-${randomBytes(4).toString("hex")}@example.test`,
        tokenHash: hashInviteToken(randomBytes(16).toString("hex")),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    return invite.id;
  },
  /** An invite token (plaintext) of the team. */
  async token({ prisma, teamId }) {
    const token = randomBytes(16).toString("hex");
    await prisma.invite.create({
      data: {
        teamId,
        email: `invitee-${randomBytes(4).toString("hex")}@example.test`,
        tokenHash: hashInviteToken(token),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    return token;
  },
  /** An admin token of some member of the team (tokens belong to users, not teams). */
  async tokenId({ prisma, teamId }) {
    const user = await createUser(prisma);
    await createMembership(prisma, { userId: user.id, teamId, role: "member" });
    const secret = `sya-${randomBytes(16).toString("hex")}`;
    const token = await prisma.adminToken.create({
      data: {
        userId: user.id,
        name: "fixture",
        hash: hashAdminToken(secret),
        prefix: "sya-fixtur",
      },
    });
    return token.id;
  },
};

const unique = () => randomBytes(4).toString("hex");

async function createPolicy(prisma: Prisma, teamId: string) {
  return prisma.routingPolicy.create({
    data: { teamId, name: "Fixture policy", alias: `fixture/${unique()}` },
  });
}

Object.assign(paramFixtures, {
  async policyId({ prisma, teamId }: FixtureContext) {
    return (await createPolicy(prisma, teamId)).id;
  },
  async versionId({ prisma, teamId }: FixtureContext) {
    const policy = await createPolicy(prisma, teamId);
    const version = await prisma.policyVersion.create({
      data: { policyId: policy.id, version: 1, body: { rules: [] } },
    });
    return version.id;
  },
  /** A request log row of the team. */
  async requestId({ prisma, teamId }: FixtureContext) {
    const row = await createRequestLog(prisma, {
      teamId,
      requestedModel: "fixture-model",
      routeReason: "fixture",
      overheadMs: 0.1,
    });
    return row.id;
  },
});

const modelSample = {
  connectionId: "sample",
  name: "sample-model",
  inputPricePerMillion: "1",
  outputPricePerMillion: "2",
  contextWindow: 8192,
};

export const bodySamples: Record<string, unknown> = {
  "teams.create": { name: "Sample team" },
  "teams.updateSettings": { timeZone: "Europe/Paris" },
  "members.update": { role: "viewer" },
  "invites.create": { email: "sample@example.test", role: "member" },
  "keys.create": { name: "Sample key", scopes: [] },
  "keys.update": { tags: ["app:sample"] },
  "keys.rotate": { gracePeriod: "1h" },
  "tokens.create": { name: "Sample token" },
  "budgets.create": { period: "month", limitUsd: "10" },
  "models.create": modelSample,
  "sharedModels.create": modelSample,
};

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  minLength?: number;
  minItems?: number;
  items?: JsonSchema;
  format?: string;
  default?: unknown;
};

function sampleOf(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.[0]) return sampleOf(options.find((o) => o.type !== "null") ?? options[0]);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, sampleOf(schema.properties?.[name] ?? {})]),
      );
    case "array":
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
    case "integer":
    case "number":
      return Math.max(schema.minimum ?? 1, 1);
    case "boolean":
      return false;
    case "string":
      if (schema.format === "email") return "sample@example.test";
      if (schema.format === "date-time") return new Date(Date.now() + 86_400_000).toISOString();
      return "sample".padEnd(schema.minLength ?? 0, "x");
    default:
      return null;
  }
}

/** A minimal value that the endpoint's body schema accepts (sample first, then generated). */
export function sampleBody(endpoint: Endpoint): unknown {
  if (!endpoint.body) return undefined;
  if (endpoint.id in bodySamples) return bodySamples[endpoint.id];
  return sampleOf(
    z.toJSONSchema(endpoint.body, { io: "input", unrepresentable: "any" }) as JsonSchema,
  );
}

/** Provider connections and models of the team (providers and models features). */
Object.assign(paramFixtures, {
  async connectionId({ prisma, teamId }: FixtureContext) {
    return (await createConnection(prisma, { teamId })).id;
  },
  async modelId({ prisma, teamId }: FixtureContext) {
    const connection = await createConnection(prisma, { teamId });
    return (await createModel(prisma, { connectionId: connection.id })).id;
  },
  async budgetId({ prisma, teamId }: FixtureContext) {
    const budget = await prisma.budget.create({
      data: { teamId, scope: "team", period: "month", limitUsd: "10" },
    });
    return budget.id;
  },
});
