import { describe, expect, it } from "vitest";
import { admission, refusal, reserved, USD } from "./admission";
import { budget, type EngineHarness } from "./engine-contract";

/** Rate-limit behaviour every LimitsEngine must have; run against MemoryLimits and RedisLimits. */
export function rateLimitContract(make: () => Promise<EngineHarness>) {
  describe("rate limits", () => {
    it("admits rpm requests in a burst, then refuses with retry-after and x-ratelimit headers", async () => {
      const { engine, clock } = await make();
      engine.setRateLimits([{ scope: "key", id: "key-1", rpm: 5 }]);
      const first = await engine.admit(admission(0));
      expect(first.rateHeaders).toEqual({
        "x-ratelimit-limit-requests": "5",
        "x-ratelimit-remaining-requests": "4",
        "x-ratelimit-reset-requests": "12s",
      });
      for (let i = 0; i < 4; i += 1) reserved(await engine.admit(admission(0)));
      const refused = refusal(await engine.admit(admission(0)));
      expect(refused.error.code).toBe("rate_limit_exceeded");
      expect(refused.error.retryAfterSeconds).toBe(12);
      expect(refused.error.headers["x-ratelimit-remaining-requests"]).toBe("0");
      expect(refused.error.headers["x-ratelimit-reset-requests"]).toBe("1m0s");
      clock.advance(11_999);
      refusal(await engine.admit(admission(0)));
      clock.advance(1);
      reserved(await engine.admit(admission(0)));
      refusal(await engine.admit(admission(0)));
    });

    it("charges estimated tokens to TPM and corrects them on settle", async () => {
      const { engine } = await make();
      engine.setRateLimits([{ scope: "team", id: "team-a", tpm: 1000 }]);
      const first = reserved(await engine.admit(admission(0, { estimatedTokens: 400 })));
      const second = await engine.admit(admission(0, { estimatedTokens: 400 }));
      expect(second.rateHeaders["x-ratelimit-remaining-tokens"]).toBe("200");
      const refused = refusal(await engine.admit(admission(0, { estimatedTokens: 400 })));
      expect(refused.error.message).toContain("1000 tokens per minute");
      await engine.settle(first, 0, 100);
      const third = await engine.admit(admission(0, { estimatedTokens: 400 }));
      expect(third.ok).toBe(true);
      expect(third.rateHeaders["x-ratelimit-remaining-tokens"]).toBe("100");
    });

    it("reports the tighter of the key and team limits", async () => {
      const { engine } = await make();
      engine.setRateLimits([
        { scope: "key", id: "key-1", rpm: 100 },
        { scope: "team", id: "team-a", rpm: 3 },
      ]);
      const result = await engine.admit(admission(0));
      expect(result.rateHeaders["x-ratelimit-limit-requests"]).toBe("3");
      expect(result.rateHeaders["x-ratelimit-remaining-requests"]).toBe("2");
      reserved(await engine.admit(admission(0, { apiKeyId: "key-2" })));
      reserved(await engine.admit(admission(0, { apiKeyId: "key-3" })));
      refusal(await engine.admit(admission(0)));
    });

    it("neither consumes rate nor reserves budget when a request is refused", async () => {
      const { engine } = await make();
      engine.setRateLimits([{ scope: "key", id: "key-1", rpm: 2 }]);
      engine.setBudgets([budget({ id: "daily" })]);
      refusal(await engine.admit(admission(2 * USD)));
      refusal(await engine.admit(admission(2 * USD)));
      reserved(await engine.admit(admission(0.1 * USD)));
      reserved(await engine.admit(admission(0.1 * USD)));
      const rate = refusal(await engine.admit(admission(0.1 * USD)));
      expect(rate.error.code).toBe("rate_limit_exceeded");
      expect((await engine.usage("daily"))?.reservedPicos).toBe(0.2 * USD);
    });
  });
}
