/**
 * Throw-away databases for this package's integration tests. They use vitest's hooks, so they are
 * not exported from testing/index.ts (which the e2e setup imports too).
 */
import { afterAll, beforeAll } from "vitest";
import { createPrisma, type PrismaClient } from "../client";
import { createTestDatabase, type TestDatabase } from "./test-database";

/**
 * Gives the enclosing describe (or file) a migrated throw-away database: created before its first
 * test and handed to `ready` (to keep the client and set up what the tests share), disconnected
 * and dropped after its last test.
 */
export function setUpTestPrisma(ready: (prisma: PrismaClient) => unknown): void {
  let database: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrisma(database.url);
    await ready(prisma);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });
}

/** Runs `use` with the client of a separate throw-away database, dropped when it is done. */
export async function withTestPrisma<T>(use: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  const prisma = createPrisma(database.url);
  try {
    return await use(prisma);
  } finally {
    await prisma.$disconnect();
    await database.drop();
  }
}
