import { StartupError } from "@switchyard/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CleanupStack } from "./cleanup-stack";
import { prepareDatabase } from "./database";

const db = vi.hoisted(() => ({
  checkDatabase: vi.fn(),
  migrate: vi.fn(),
  startEmbeddedPostgres: vi.fn(),
}));
vi.mock("@switchyard/db", async (original) => ({
  ...(await original<object>()),
  checkDatabase: db.checkDatabase,
}));
vi.mock("@switchyard/db/migrate", () => ({ migrate: db.migrate }));
vi.mock("@switchyard/db/embedded", () => ({ startEmbeddedPostgres: db.startEmbeddedPostgres }));

interface TestEnv {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
}
const baseEnv: TestEnv = { databaseUrl: undefined, dataDir: "/data", embeddedPgPort: 54329 };
const options = (env: Partial<TestEnv> = {}, cleanup = new CleanupStack()) => ({
  env: { ...baseEnv, ...env },
  cleanup,
  migrationsDir: "/repo/prisma/migrations",
  encryptionKey: "test-key",
  log: () => undefined,
});

async function failure(promise: Promise<unknown>): Promise<StartupError> {
  const error = await promise.then(
    () => new Error("expected a failure"),
    (caught: unknown) => caught,
  );
  if (!(error instanceof StartupError)) throw error;
  expect(error.message).not.toContain("\n");
  return error;
}

beforeEach(() => {
  vi.resetAllMocks();
  db.migrate.mockResolvedValue({ applied: [], secretsEncrypted: 0 });
});

describe("prepareDatabase", () => {
  it("checks and migrates DATABASE_URL without starting a database", async () => {
    const url = "postgres://postgres@db.example:5432/app";
    const prepared = await prepareDatabase(options({ databaseUrl: url }));
    expect(prepared).toEqual({ url, embedded: false, description: "DATABASE_URL" });
    expect(db.checkDatabase).toHaveBeenCalledWith(url);
    expect(db.migrate).toHaveBeenCalledWith(url, {
      migrationsDir: "/repo/prisma/migrations",
      encryptionKey: "test-key",
    });
    expect(db.startEmbeddedPostgres).not.toHaveBeenCalled();
  });

  it("turns an unreachable DATABASE_URL into one line that says what to do", async () => {
    db.checkDatabase.mockRejectedValue(
      new Error("cannot reach PostgreSQL at db:5432: ECONNREFUSED"),
    );
    const error = await failure(prepareDatabase(options({ databaseUrl: "postgres://x@db/app" })));
    expect(error.code).toBe("database_unreachable");
    expect(error.message).toBe(
      "Cannot connect to DATABASE_URL (cannot reach PostgreSQL at db:5432: ECONNREFUSED): check that PostgreSQL is running and the URL is right, or unset DATABASE_URL to use the embedded database.",
    );
    expect(db.migrate).not.toHaveBeenCalled();
  });

  it("starts the embedded database in <dataDir>/postgres and registers its stop", async () => {
    const stop = vi.fn(async () => undefined);
    db.startEmbeddedPostgres.mockResolvedValue({
      url: "postgresql://e/switchyard",
      owned: true,
      stop,
    });
    const cleanup = new CleanupStack();
    const prepared = await prepareDatabase(options({}, cleanup));
    expect(db.startEmbeddedPostgres).toHaveBeenCalledWith({
      dataDir: "/data/postgres",
      port: 54329,
    });
    expect(prepared).toMatchObject({ url: "postgresql://e/switchyard", embedded: true });
    await cleanup.runAll();
    expect(stop).toHaveBeenCalledOnce();
  });

  it("names the variable to change when the embedded database's port is taken", async () => {
    db.startEmbeddedPostgres.mockRejectedValue(
      new Error(
        "cannot start embedded PostgreSQL: port 54329 is already in use (set another port)",
      ),
    );
    const error = await failure(prepareDatabase(options()));
    expect(error.code).toBe("port_in_use");
    expect(error.message).toMatch(
      /^Port 54329 for the embedded PostgreSQL is already in use: .*SWITCHYARD_EMBEDDED_PG_PORT/,
    );
  });

  it("reports a failed migration as one line", async () => {
    db.startEmbeddedPostgres.mockResolvedValue({
      url: "postgresql://e/s",
      owned: true,
      stop: vi.fn(),
    });
    db.migrate.mockRejectedValue(new Error("migration failed: relation exists\nat engine"));
    const error = await failure(prepareDatabase(options()));
    expect(error.message).toBe("Database migration failed: migration failed: relation exists");
  });
});
