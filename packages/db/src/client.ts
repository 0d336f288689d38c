import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type { PrismaClient } from "./generated/client";

export interface CreatePrismaOptions {
  /** Pool size (pg's default is 10). */
  maxConnections?: number;
}

/**
 * How many Prisma clients (each with its own connection pool) this process has made. Kept on
 * globalThis: the production server's bundle and Next.js's bundle each hold their own copy of
 * this module, and both must count into the same number (exported on /metrics).
 */
const counter = Symbol.for("switchyard.db.clientsCreated");
type CounterHolder = { [counter]?: number };

export const prismaClientsCreated = (): number => (globalThis as CounterHolder)[counter] ?? 0;

/** The one Prisma client of a process, over the pg driver adapter. Call $disconnect() on shutdown. */
export function createPrisma(databaseUrl: string, options: CreatePrismaOptions = {}): PrismaClient {
  const holder = globalThis as CounterHolder;
  holder[counter] = (holder[counter] ?? 0) + 1;
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }),
  });
  return new PrismaClient({ adapter });
}
