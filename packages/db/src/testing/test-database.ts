/**
 * Throw-away databases for integration tests: each call creates switchyard_test_<random> on the
 * server at TEST_DATABASE_URL (default: the local PostgreSQL), migrates it, and drop() removes it,
 * so test files can run in parallel and nothing is left behind.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { checkDatabase } from "../check-database";
import { migrate } from "../migrate";

export const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The admin URL test databases are created from (the testing module may read the environment). */
export const testServerUrl = (): string =>
  process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withAdminClient<T>(
  adminUrl: string,
  run: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const adminUrl = testServerUrl();
  await checkDatabase(adminUrl);
  const name = `switchyard_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await withAdminClient(adminUrl, (client) =>
      client.query(`drop database if exists "${name}" with (force)`),
    );
  };
  if (options.migrate !== false) {
    try {
      await migrate(url.toString());
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { url: url.toString(), name, drop };
}
