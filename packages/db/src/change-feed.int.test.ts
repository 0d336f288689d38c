import type { ChangeMessage } from "@switchyard/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgChangeFeed, parseChangeMessage } from "./change-feed";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

function waitFor<T>(check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error("timed out waiting"));
      setTimeout(tick, 20);
    };
    tick();
  });
}

describe("parseChangeMessage", () => {
  it("accepts valid messages and ignores anything else", () => {
    expect(parseChangeMessage('{"topic":"keys","id":"abc"}')).toEqual({ topic: "keys", id: "abc" });
    expect(parseChangeMessage('{"topic":"config"}')).toEqual({ topic: "config" });
    expect(parseChangeMessage('{"topic":"other"}')).toBeNull();
    expect(parseChangeMessage("not json")).toBeNull();
    expect(parseChangeMessage(undefined)).toBeNull();
  });
});

describe("Postgres change feed", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database.drop());

  it("delivers a published message to subscribers of another feed instance", async () => {
    const a = createPgChangeFeed(database.url);
    const b = createPgChangeFeed(database.url);
    try {
      const received: ChangeMessage[] = [];
      await b.subscribe((message) => received.push(message));
      await a.publish({ topic: "keys", id: "hash-1" });
      await a.publish({ topic: "config" });
      await waitFor(() => (received.length >= 2 ? true : undefined));
      expect(received).toEqual([{ topic: "keys", id: "hash-1" }, { topic: "config" }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("stops delivering after unsubscribe", async () => {
    const feed = createPgChangeFeed(database.url);
    try {
      const first: ChangeMessage[] = [];
      const second: ChangeMessage[] = [];
      const unsubscribe = await feed.subscribe((message) => first.push(message));
      await feed.subscribe((message) => second.push(message));
      await unsubscribe();
      await feed.publish({ topic: "budgets", id: "b1" });
      await waitFor(() => (second.length === 1 ? true : undefined));
      expect(first).toEqual([]);
    } finally {
      await feed.close();
    }
  });

  it("reconnects after losing its connection and tells listeners everything changed", async () => {
    const errors: string[] = [];
    const feed = createPgChangeFeed(database.url, {
      reconnectDelayMs: 50,
      onError: (message) => errors.push(message),
    });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const received: ChangeMessage[] = [];
      await feed.subscribe((message) => received.push(message));
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'switchyard-change-feed' and datname = current_database()",
      );
      await waitFor(() => (received.length >= 3 ? true : undefined));
      expect(received).toEqual([{ topic: "keys" }, { topic: "config" }, { topic: "budgets" }]);
      expect(errors.some((message) => message.includes("reconnected"))).toBe(true);
      received.length = 0;
      await feed.publish({ topic: "keys", id: "after" });
      await waitFor(() => (received.length === 1 ? true : undefined));
      expect(received).toEqual([{ topic: "keys", id: "after" }]);
    } finally {
      await admin.end();
      await feed.close();
    }
  });

  it("fails subscribe with a clear message when the server is unreachable", async () => {
    const feed = createPgChangeFeed("postgresql://postgres@127.0.0.1:1/none");
    try {
      await expect(feed.subscribe(() => undefined)).rejects.toThrow(/^cannot listen for changes/);
    } finally {
      await feed.close();
    }
  });
});
