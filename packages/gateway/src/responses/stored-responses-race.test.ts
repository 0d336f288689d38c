/**
 * Stored responses before their background write lands (read-your-writes on this instance and on
 * another one sharing the store), and the expiry sweep.
 */
import OpenAI from "openai";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway } from "../create-gateway";
import { startGatewayServer } from "../node/start-server";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ options: { storedResponsesSweepMs: 0 } });
});
afterAll(async () => {
  await h.close();
});

const client = (apiKey = TEST_KEY, url = h.server.url) =>
  new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 });

describe("read-your-writes before the write lands", () => {
  it("serves a response still waiting to be written (same instance), and its deletion drops it", async () => {
    h.responses.hold();
    try {
      const created = await client().responses.create({ model: "small", input: "Slow store." });
      expect(h.responses.rows.has(created.id)).toBe(false);
      expect((await client().responses.retrieve(created.id)).id).toBe(created.id);
      const next = await client().responses.create({
        model: "claude",
        input: "Go on.",
        previous_response_id: created.id,
      });
      expect(next.previous_response_id).toBe(created.id);
    } finally {
      h.responses.release();
    }
  });

  it("another instance on the same store waits for a recent id's write instead of a 404", async () => {
    const second = await createGateway({
      keys: h.keys,
      config: h.config,
      usage: h.usage,
      responseStore: h.responses,
      logger: pino({ level: "silent" }),
      options: {
        storedResponsesWaitMs: 2_000,
        storedResponsesSweepMs: 0,
        allowedPrivateHosts: [new URL(h.mock.url).host],
      },
    });
    const server = await startGatewayServer({ gateway: second, port: 0 });
    try {
      h.responses.hold();
      const created = await client().responses.create({ model: "small", input: "Race." });
      setTimeout(() => h.responses.release(), 300);
      const started = Date.now();
      const followUp = await client(TEST_KEY, server.url).responses.create({
        model: "claude",
        input: "Continue.",
        previous_response_id: created.id,
      });
      expect(followUp.status).toBe("completed");
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect((await client(TEST_KEY, server.url).responses.retrieve(created.id)).id).toBe(
        created.id,
      );
    } finally {
      h.responses.release();
      await server.close(1_000);
      await second.close();
    }
  });
});

describe("expiry sweep", () => {
  it("deletes expired rows in bounded batches and leaves live ones", async () => {
    const sweeping = await startHarness({
      options: { storedResponsesSweepMs: 20, storedResponsesSweepBatch: 2 },
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1)
        ids.push(
          (
            await client(TEST_KEY, sweeping.server.url).responses.create({
              model: "small",
              input: `n${i}`,
            })
          ).id,
        );
      await waitFor(() => ids.every((id) => sweeping.responses.rows.has(id)));
      for (const id of ids.slice(0, 4)) {
        const row = sweeping.responses.rows.get(id);
        if (row) row.expiresAt = new Date(Date.now() - 1);
      }
      await waitFor(() => sweeping.responses.rows.size === 1);
      expect([...sweeping.responses.rows.keys()]).toEqual([ids[4]]);
      expect(sweeping.gateway.storedResponsesStats()).toMatchObject({
        written: 5,
        swept: 4,
        dropped: 0,
      });
    } finally {
      await sweeping.close();
    }
  });
});
