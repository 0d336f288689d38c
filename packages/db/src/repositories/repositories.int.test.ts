import { hashApiKey } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../client";
import { generateEncryptionKey } from "../crypto";
import {
  createConnection,
  createKey,
  createModel,
  createPublishedPolicy,
  createTeam,
  TEST_ENCRYPTION_KEY,
} from "../testing/factories";
import { setUpTestPrisma } from "../testing/suite-database";
import { createRepositories } from "./index";

describe("repositories", () => {
  let prisma: PrismaClient;
  setUpTestPrisma((client) => {
    prisma = client;
  });

  describe("KeyStore", () => {
    it("finds a key by hash with its team, including revoked and expired keys", async () => {
      const { keys } = createRepositories(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
      const team = await createTeam(prisma, {
        slug: "acme",
        name: "Acme",
        defaultModel: "m1",
        failMode: "open",
      });
      const expiresAt = new Date("2020-01-01T00:00:00Z");
      const { key, record } = await createKey(prisma, {
        teamId: team.id,
        name: "ci",
        scopes: ["m1"],
        expiresAt,
        tags: ["app:ci"],
        learningOptOut: true,
      });
      await prisma.apiKey.update({ where: { id: record.id }, data: { revokedAt: expiresAt } });

      const found = await keys.findByHash(hashApiKey(key));
      expect(found).toEqual({
        id: record.id,
        teamId: team.id,
        name: "ci",
        prefix: key.slice(0, 10),
        scopes: ["m1"],
        expiresAt,
        revokedAt: expiresAt,
        tags: ["app:ci"],
        learningOptOut: true,
        team: {
          id: team.id,
          slug: "acme",
          name: "Acme",
          defaultModel: "m1",
          contentLogging: false,
          failMode: "open",
          timeZone: "UTC",
          sharedConnectionsAllowed: true,
          responseStorage: true,
          responseRetentionDays: 30,
        },
      });
      expect(await keys.findByHash(hashApiKey("sk-sy-unknownunknownunknown"))).toBeNull();
    });

    it("touches last-used times in one batch and never moves them backwards", async () => {
      const { keys } = createRepositories(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
      const team = await createTeam(prisma);
      const a = await createKey(prisma, { teamId: team.id });
      const b = await createKey(prisma, { teamId: team.id });
      const later = new Date("2026-05-01T10:00:00Z");
      const earlier = new Date("2026-05-01T09:00:00Z");
      await keys.touchLastUsed(
        new Map([
          [a.record.id, later],
          [b.record.id, earlier],
          ["no-such-key", later],
        ]),
      );
      await keys.touchLastUsed(new Map([[a.record.id, earlier]]));
      const rows = await prisma.apiKey.findMany({ where: { teamId: team.id } });
      const byId = new Map(rows.map((row) => [row.id, row.lastUsedAt?.toISOString()]));
      expect(byId.get(a.record.id)).toBe(later.toISOString());
      expect(byId.get(b.record.id)).toBe(earlier.toISOString());
      await keys.touchLastUsed(new Map());
    });
  });

  describe("ConfigStore", () => {
    it("loads models with base URL and decrypted credential, teams and published policies", async () => {
      const team = await createTeam(prisma, { slug: "routing-team" });
      const shared = await createConnection(prisma, {
        name: "openai-shared",
        baseUrl: "https://api.example.test/v1",
        credential: "sk-upstream-secret",
      });
      await prisma.providerConnection.update({
        where: { id: shared.id },
        data: { settings: { headers: { "x-org": "o1" } } },
      });
      const teamOwned = await createConnection(prisma, {
        teamId: team.id,
        kind: "anthropic",
        name: "anthropic-team",
        credential: null,
      });
      await createModel(prisma, {
        connectionId: shared.id,
        name: "cfg-small",
        upstreamName: "gpt-4o-mini",
        aliases: ["small"],
        inputPricePerMillion: "0.15",
        outputPricePerMillion: "0.6",
        contextWindow: 128_000,
        maxOutputTokens: 16_384,
        capabilities: ["tools", "streaming", "not-a-capability"],
        settings: { fallbacks: ["cfg-large"] },
        cachedInputPricePerMillion: "0.075",
      });
      const large = await createModel(prisma, {
        connectionId: teamOwned.id,
        name: "cfg-large",
        enabled: false,
        unpriced: true,
      });
      await prisma.modelPrice.create({
        data: {
          modelId: large.id,
          effectiveFrom: new Date("2026-01-01T00:00:00Z"),
          inputPricePerMillion: "3",
          outputPricePerMillion: "15",
          cacheWrite1hPricePerMillion: "6",
        },
      });
      const { version, policy } = await createPublishedPolicy(prisma, {
        teamId: team.id,
        body: { version: 1, defaultModel: "cfg-small" },
      });
      await prisma.routingPolicy.create({
        data: { teamId: team.id, alias: "draft/only", name: "Draft" },
      });

      const { config } = createRepositories(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
      const snapshot = await config.loadSnapshot();

      const small = snapshot.models.find((model) => model.name === "cfg-small");
      expect(small).toMatchObject({
        aliases: ["small"],
        providerKind: "openai",
        providerConnectionId: shared.id,
        upstreamName: "gpt-4o-mini",
        baseUrl: "https://api.example.test/v1",
        apiKey: "sk-upstream-secret",
        settings: { headers: { "x-org": "o1" }, fallbacks: ["cfg-large"] },
        inputPricePerMillion: 0.15,
        outputPricePerMillion: 0.6,
        cachedInputPricePerMillion: 0.075,
        cacheWrite5mPricePerMillion: null,
        reasoningPricePerMillion: null,
        unpriced: false,
        priceHistory: [],
        contextWindow: 128_000,
        maxOutputTokens: 16_384,
        capabilities: ["tools", "streaming"],
        teamId: null,
        enabled: true,
      });
      const loadedLarge = snapshot.models.find((model) => model.name === "cfg-large");
      expect(loadedLarge).toMatchObject({
        providerKind: "anthropic",
        apiKey: null,
        teamId: team.id,
        enabled: false,
        unpriced: true,
        priceHistory: [
          {
            effectiveFrom: new Date("2026-01-01T00:00:00Z"),
            inputPricePerMillion: 3,
            outputPricePerMillion: 15,
            cachedInputPricePerMillion: null,
            cacheWrite5mPricePerMillion: null,
            cacheWrite1hPricePerMillion: 6,
            reasoningPricePerMillion: null,
          },
        ],
      });
      expect(snapshot.teams.map((t) => t.slug)).toContain("routing-team");
      const published = snapshot.policies.filter((p) => p.teamId === team.id);
      expect(published).toEqual([
        {
          policyId: policy.id,
          versionId: version.id,
          version: 1,
          teamId: team.id,
          alias: "switchyard/auto",
          body: { version: 1, defaultModel: "cfg-small" },
        },
      ]);
    });

    it("disables (and reports) models whose credential does not decrypt", async () => {
      const connection = await createConnection(prisma, { name: "other-key", credential: "sk-x" });
      await createModel(prisma, { connectionId: connection.id, name: "cfg-undecryptable" });
      const warnings: string[] = [];
      const { config } = createRepositories(prisma, {
        encryptionKey: generateEncryptionKey(),
        onWarning: (message) => warnings.push(message),
      });
      const snapshot = await config.loadSnapshot();
      const model = snapshot.models.find((m) => m.name === "cfg-undecryptable");
      expect(model).toMatchObject({ apiKey: null, enabled: false });
      expect(warnings.some((w) => w.includes('"cfg-undecryptable" disabled'))).toBe(true);
    });
  });
});
