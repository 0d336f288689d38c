/**
 * pnpm db:seed: the demo data (owner, Demo team, demo key, mock provider and models, a published
 * policy) in DATABASE_URL. Idempotent. The app seeds itself on start; this is for databases set up
 * by hand. Variables: DATABASE_URL (required), SWITCHYARD_ENCRYPTION_KEY (required: the app's key,
 * or credentials will not decrypt), SWITCHYARD_OWNER_EMAIL, SWITCHYARD_OWNER_PASSWORD,
 * SWITCHYARD_MOCK_URL (default http://127.0.0.1:4010), SWITCHYARD_DEMO_KEY.
 */
import { createPrisma } from "../src/client";
import { seed } from "../src/seed";

const env = process.env;
const databaseUrl = env.DATABASE_URL;
const encryptionKey = env.SWITCHYARD_ENCRYPTION_KEY;
if (!databaseUrl || !encryptionKey) {
  console.error(
    "set DATABASE_URL and SWITCHYARD_ENCRYPTION_KEY (64 hex characters: openssl rand -hex 32)",
  );
  process.exit(2);
}

const prisma = createPrisma(databaseUrl);
try {
  const result = await seed(prisma, {
    ownerEmail: env.SWITCHYARD_OWNER_EMAIL || "admin@switchyard.local",
    ownerPassword: env.SWITCHYARD_OWNER_PASSWORD || "switchyard-demo",
    mockBaseUrl: env.SWITCHYARD_MOCK_URL || "http://127.0.0.1:4010",
    encryptionKey,
    ...(env.SWITCHYARD_DEMO_KEY ? { demoKey: env.SWITCHYARD_DEMO_KEY } : {}),
  });
  console.log(`seeded team "${result.teamSlug}" with owner ${result.ownerEmail}`);
  if (result.demoKey) console.log(`demo key: ${result.demoKey}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
