import type { ConfigStore, RoutingSnapshot } from "@switchyard/core";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createGateway } from "../create-gateway";
import { MemoryChangeFeed, MemoryKeyStore, nullUsageSink } from "../testing/fakes";

/** A config store whose loads wait until the test releases them. */
class GatedConfigStore implements ConfigStore {
  loads = 0;
  private waiting: (() => void)[] = [];
  gated = false;
  async loadSnapshot(): Promise<RoutingSnapshot> {
    this.loads += 1;
    if (this.gated) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return { models: [], teams: [], policies: [] };
  }
  release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

describe("config reloads on change notices", () => {
  it("reloads once more after a reload that a later notice arrived during", async () => {
    const config = new GatedConfigStore();
    const changes = new MemoryChangeFeed();
    const gateway = await createGateway({
      keys: new MemoryKeyStore(),
      config,
      usage: nullUsageSink,
      changes,
      logger: pino({ level: "silent" }),
    });
    try {
      expect(config.loads).toBe(1);
      config.gated = true;
      await changes.publish({ topic: "config" });
      expect(config.loads).toBe(2);
      // Three more notices while that reload reads: one reload after it covers them all.
      await changes.publish({ topic: "config" });
      await changes.publish({ topic: "config", id: "team_1" });
      await changes.publish({ topic: "config" });
      expect(config.loads).toBe(2);
      config.gated = false;
      config.release();
      await expect.poll(() => config.loads).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(config.loads).toBe(3);
    } finally {
      config.release();
      await gateway.close();
    }
  });
});
