import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("starts, stops and restarts on the same data dir, keeping the data", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "switchyard-embedded-"));
    dirs.push(dataDir);
    const port = await freePort();

    const first = await startEmbeddedPostgres({ dataDir: join(dataDir, "pg"), port });
    expect(first.url).toBe(`postgresql://postgres:switchyard@127.0.0.1:${port}/switchyard`);
    expect(first.owned).toBe(true);
    await query(first.url, "create table notes (body text); insert into notes values ('kept')");

    // A second start while it runs joins the running server instead of failing.
    const joined = await startEmbeddedPostgres({ dataDir: join(dataDir, "pg"), port });
    expect(joined.owned).toBe(false);
    await joined.stop();
    expect(await query(first.url, "select body from notes")).toEqual([{ body: "kept" }]);

    await first.stop();
    await expect(query(first.url, "select 1")).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir: join(dataDir, "pg"), port });
    try {
      expect(await query(second.url, "select body from notes")).toEqual([{ body: "kept" }]);
    } finally {
      await second.stop();
    }
  });

  it("says clearly when its port is taken", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "switchyard-embedded-"));
    dirs.push(dataDir);
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, "127.0.0.1", () => {
        const address = blocker.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
        `cannot start embedded PostgreSQL: port ${port} is already in use`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("recovers from a stale postmaster.pid left by a killed server", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "switchyard-embedded-"));
    dirs.push(dataDir);
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    await first.stop();
    // A pid that is certainly not running.
    await writeFile(join(dataDir, "postmaster.pid"), `999999\n${dataDir}\n0\n${port}\n`);
    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await query(second.url, "select 1 as one")).toEqual([{ one: 1 }]);
    } finally {
      await second.stop();
    }
  });
});
