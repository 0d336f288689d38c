// The soak's tenants: three teams on one shared mock connection, with models that fail in every
// way the soak injects, and one team with a small blocking budget it runs into.
import { createPrisma } from "@switchyard/db";
import { migrate } from "@switchyard/db/migrate";
import {
  createConnection,
  createKey,
  createModel,
  createTeam,
  TEST_ENCRYPTION_KEY,
} from "@switchyard/db/testing";

export const BUDGET_LIMIT_USD = "0.30";
/** Worst case of one request of the budget team (64 output tokens at most), for the overspend bound. */
export const PRICEY = { input: 100, output: 300, maxTokens: 64 };

const models = [
  ["good", "gpt-4o-mini", "0.15", "0.60", {}],
  ["broken", "m+mock-error-500", "0.15", "0.60", { fallbacks: ["good"] }],
  ["limited", "m+mock-error-429+mock-retry-after-0", "0.15", "0.60", { fallbacks: ["good"] }],
  ["cut", "m+mock-cut-3", "0.15", "0.60", {}],
  ["slow", "m+mock-chunk-delay-40+mock-chunks-30", "0.15", "0.60", {}],
  ["hangs", "m+mock-timeout", "0.15", "0.60", {}],
  ["pricey", "gpt-4o", String(PRICEY.input), String(PRICEY.output), {}],
];

/** Migrate a fresh database and create the soak's teams, keys, models and budget. */
export async function seedSoak(databaseUrl, mockUrl) {
  await migrate(databaseUrl);
  const prisma = createPrisma(databaseUrl);
  try {
    const connection = await createConnection(prisma, {
      kind: "mock",
      name: "mock",
      baseUrl: `${mockUrl}/v1`,
      credential: "sk-mock",
      encryptionKey: TEST_ENCRYPTION_KEY,
    });
    for (const [name, upstreamName, input, output, settings] of models) {
      await createModel(prisma, {
        connectionId: connection.id,
        name,
        upstreamName,
        inputPricePerMillion: input,
        outputPricePerMillion: output,
        settings,
      });
    }
    const teams = {};
    for (const [slug, contentLogging] of [
      ["acme", true],
      ["globex", false],
      ["initech", false],
    ]) {
      const team = await createTeam(prisma, { slug, name: slug, contentLogging });
      const { key, record } = await createKey(prisma, { teamId: team.id, name: `${slug} key` });
      teams[slug] = { id: team.id, key, keyId: record.id };
    }
    await prisma.budget.create({
      data: {
        scope: "team",
        teamId: teams.initech.id,
        period: "month",
        limitUsd: BUDGET_LIMIT_USD,
        action: "block",
        alertThresholds: [],
      },
    });
    return { teams, encryptionKey: TEST_ENCRYPTION_KEY };
  } finally {
    await prisma.$disconnect();
  }
}
