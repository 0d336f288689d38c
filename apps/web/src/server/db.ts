/**
 * The web app's Prisma client: one per process, shared through globalThis so the production
 * server (which starts the database) and the Next.js request handler in the same process use the
 * same connection pool.
 */
import { createPrisma } from "@switchyard/db";
import { StartupError } from "@switchyard/server";
import { getEnv } from "./env";

export type Prisma = ReturnType<typeof createPrisma>;

const slot = Symbol.for("switchyard.web.prisma");
type Holder = { [slot]?: Prisma };
const holder = globalThis as Holder;

export function setPrisma(prisma: Prisma): void {
  holder[slot] = prisma;
}

export function getPrisma(): Prisma {
  const existing = holder[slot];
  if (existing) return existing;
  const { databaseUrl } = getEnv();
  if (!databaseUrl) {
    throw new StartupError(
      "database_url_missing",
      "DATABASE_URL is not set: run the app with `pnpm start` (which starts a database) or set DATABASE_URL.",
    );
  }
  const prisma = createPrisma(databaseUrl);
  holder[slot] = prisma;
  return prisma;
}
