import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatabase } from "./check-database";
import { createMigration, SCHEMA_SNAPSHOT_FILE } from "./create-migration";
import { migrate } from "./migrate";
import { defaultMigrationsDir } from "./migrations-dir";
import { createTestDatabase, type TestDatabase } from "./testing";

describe("migrate", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database.drop());

  it("applies every migration to a fresh database, then nothing the second time", async () => {
    const folders = (await readdir(defaultMigrationsDir(), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders.length).toBeGreaterThan(0);

    const first = await migrate(database.url);
    expect(first.applied).toEqual(folders);
    const second = await migrate(database.url);
    expect(second.applied).toEqual([]);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query(
        "select migration_name, finished_at, rolled_back_at from _prisma_migrations order by migration_name",
      );
      expect(rows.rows.map((row) => row.migration_name)).toEqual(folders);
      expect(
        rows.rows.every((row) => row.finished_at !== null && row.rolled_back_at === null),
      ).toBe(true);
      const tables = await client.query(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([
          "users",
          "teams",
          "api_keys",
          "models",
          "request_logs",
          "usage_rollup_hour",
          "usage_rollup_day",
        ]),
      );
    } finally {
      await client.end();
    }
  });

  it("reports an unreachable server in one line", async () => {
    await expect(migrate("postgresql://postgres@127.0.0.1:1/none")).rejects.toThrow(
      /^migration failed: [^\n]*127\.0\.0\.1:1/,
    );
  });

  it("the committed snapshot matches schema.prisma (no migration is missing)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchyard-migrations-"));
    try {
      const snapshot = await readFile(join(defaultMigrationsDir(), SCHEMA_SNAPSHOT_FILE), "utf8");
      await writeFile(join(dir, SCHEMA_SNAPSHOT_FILE), snapshot);
      const created = await createMigration({
        name: "check",
        schemaPath: join(defaultMigrationsDir(), "..", "schema.prisma"),
        migrationsDir: dir,
        databaseUrl: database.url,
      });
      expect(created.name).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes a migration for a schema change, with SQL that creates the new table", async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchyard-migrations-"));
    try {
      const schemaPath = join(dir, "schema.prisma");
      await writeFile(
        schemaPath,
        'datasource db {\n  provider = "postgresql"\n}\nmodel Widget {\n  id String @id\n  @@map("widgets")\n}\n',
      );
      const created = await createMigration({
        name: "add widgets",
        schemaPath,
        migrationsDir: join(dir, "migrations"),
        databaseUrl: database.url,
        now: new Date(Date.UTC(2030, 0, 1)),
      });
      expect(created.name).toBe("20300101000000_add_widgets");
      const sql = await readFile(
        join(dir, "migrations", created.name ?? "", "migration.sql"),
        "utf8",
      );
      expect(sql).toContain('CREATE TABLE "widgets"');
      const again = await createMigration({
        name: "again",
        schemaPath,
        migrationsDir: join(dir, "migrations"),
        databaseUrl: database.url,
      });
      expect(again.name).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("checkDatabase", () => {
  it("passes for a reachable server", async () => {
    await expect(
      checkDatabase("postgresql://postgres@127.0.0.1:5432/postgres"),
    ).resolves.toBeUndefined();
  });

  it("names host, port and reason for an unreachable one", async () => {
    await expect(checkDatabase("postgresql://postgres@127.0.0.1:1/postgres")).rejects.toThrow(
      "cannot reach PostgreSQL at 127.0.0.1:1: ECONNREFUSED",
    );
  });

  it("says when the server answers but refuses", async () => {
    await expect(
      checkDatabase("postgresql://postgres@127.0.0.1:5432/switchyard_no_such_database"),
    ).rejects.toThrow(
      /^PostgreSQL at 127\.0\.0\.1:5432 refused the connection: database "switchyard_no_such_database" does not exist$/,
    );
  });
});
