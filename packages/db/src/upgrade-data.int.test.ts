/**
 * Upgrading a database that holds data: the tenancy and secrets migrations keep every row, give
 * each model its team, let the instance owner's teams keep the shared connections, and encrypt
 * budgets' webhook secrets that were stored in plain text.
 */
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "./crypto";
import { migrate } from "./migrate";
import { defaultMigrationsDir } from "./migrations-dir";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "./testing";

/** The last migration before per-team model names, shared-connection grants and encrypted secrets. */
const LAST_BEFORE = "20261207033146_add_client_request_id";

describe("upgrading a database with data", () => {
  let database: TestDatabase;
  let oldMigrations: string;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    oldMigrations = await mkdtemp(join(tmpdir(), "switchyard-old-migrations-"));
    for (const entry of await readdir(defaultMigrationsDir(), { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name > LAST_BEFORE) continue;
      await cp(join(defaultMigrationsDir(), entry.name), join(oldMigrations, entry.name), {
        recursive: true,
      });
    }
    await migrate(database.url, { migrationsDir: oldMigrations });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const sql = (text: string) => client.query(text);
    await sql(`insert into users (id, email, password_hash, is_owner, updated_at) values
      ('u-owner', 'owner@example.test', 'x', true, now()),
      ('u-other', 'other@example.test', 'x', false, now())`);
    await sql(`insert into teams (id, slug, name, updated_at) values
      ('t-owner', 'owners', 'Owners', now()), ('t-other', 'others', 'Others', now())`);
    await sql(`insert into memberships (id, user_id, team_id, role, updated_at) values
      ('m1', 'u-owner', 't-owner', 'admin', now()), ('m2', 'u-other', 't-other', 'owner', now())`);
    await sql(`insert into provider_connections (id, team_id, kind, name, base_url, updated_at)
      values ('c-shared', null, 'openai', 'shared', 'http://x/v1', now()),
             ('c-other', 't-other', 'openai', 'private', 'http://x/v1', now())`);
    await sql(`insert into models (id, connection_id, name, upstream_name,
        input_price_per_million, output_price_per_million, context_window, updated_at)
      values ('md-shared', 'c-shared', 'gpt-4o', 'gpt-4o', 2.5, 10, 128000, now()),
             ('md-other', 'c-other', 'private-model', 'p', 1, 2, 8000, now())`);
    await sql(`insert into budgets (id, scope, team_id, period, limit_usd, webhook_url,
        webhook_secret, updated_at)
      values ('b1', 'team', 't-other', 'month', 10, 'https://hooks.example.test/x',
              'whsec_plain_secret', now())`);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await rm(oldMigrations, { recursive: true, force: true });
    await database?.drop();
  });

  it("keeps every row and scopes it, and encrypts plain-text webhook secrets", async () => {
    const { applied } = await migrate(database.url, { encryptionKey: TEST_ENCRYPTION_KEY });
    expect(applied.length).toBeGreaterThan(0);

    const models = await client.query("select id, team_id from models order by id");
    expect(models.rows).toEqual([
      { id: "md-other", team_id: "t-other" },
      { id: "md-shared", team_id: null },
    ]);
    const teams = await client.query(
      "select id, shared_connections_allowed as allowed from teams order by id",
    );
    expect(teams.rows).toEqual([
      { id: "t-other", allowed: false },
      { id: "t-owner", allowed: true },
    ]);

    const budget = await client.query("select encrypted_webhook_secret as s from budgets");
    const stored = budget.rows[0]?.s as string;
    expect(stored).not.toContain("whsec_plain_secret");
    expect(decryptSecret(stored, TEST_ENCRYPTION_KEY)).toBe("whsec_plain_secret");

    // Running again changes nothing (already encrypted values are left alone).
    await migrate(database.url, { encryptionKey: TEST_ENCRYPTION_KEY });
    const again = await client.query("select encrypted_webhook_secret as s from budgets");
    expect(again.rows[0]?.s).toBe(stored);
  });
});
