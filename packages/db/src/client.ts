import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type { PrismaClient } from "./generated/client";

export interface CreatePrismaOptions {
  /** Pool size (pg's default is 10). */
  maxConnections?: number;
}

/** The one Prisma client of a process, over the pg driver adapter. Call $disconnect() on shutdown. */
export function createPrisma(databaseUrl: string, options: CreatePrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }),
  });
  return new PrismaClient({ adapter });
}
