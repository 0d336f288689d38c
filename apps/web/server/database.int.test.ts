import path from "node:path";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@switchyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CleanupStack } from "./cleanup-stack";
import { prepareDatabase } from "./database";

const migrationsDir = path.resolve(import.meta.dirname, "..", "..", "..", "prisma", "migrations");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});

afterAll(async () => {
  await database?.drop();
});

describe("prepareDatabase against a real PostgreSQL", () => {
  it("migrates an empty DATABASE_URL once and leaves it alone on the next start", async () => {
    const logs: string[] = [];
    const run = () =>
      prepareDatabase({
        env: { databaseUrl: database.url, dataDir: "/unused", embeddedPgPort: 54329 },
        cleanup: new CleanupStack(),
        migrationsDir,
        encryptionKey: TEST_ENCRYPTION_KEY,
        log: (message) => logs.push(message),
      });
    await expect(run()).resolves.toMatchObject({ url: database.url, embedded: false });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^applied \d+ database migration\(s\)$/);
    await run();
    expect(logs).toHaveLength(1);
  });
});
