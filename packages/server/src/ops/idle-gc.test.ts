import { describe, expect, it } from "vitest";
import { fullGc, IdleCollector } from "./idle-gc";

function setUp(idleMs = 10_000, minRequests = 3) {
  let now = 1_000;
  let collected = 0;
  const collector = new IdleCollector({
    idleMs,
    minRequests,
    now: () => now,
    collect: () => {
      collected += 1;
    },
  });
  return {
    collector,
    advance: (ms: number) => {
      now += ms;
    },
    collected: () => collected,
  };
}

describe("IdleCollector", () => {
  it("collects once after a busy period followed by idleMs without a request", () => {
    const { collector, advance, collected } = setUp();
    for (let i = 0; i < 5; i++) collector.noteRequest();
    advance(9_999);
    expect(collector.tick()).toBe(false);
    advance(1);
    expect(collector.tick()).toBe(true);
    expect(collected()).toBe(1);
    // Still idle: no second collection until another busy period.
    advance(60_000);
    expect(collector.tick()).toBe(false);
    expect(collected()).toBe(1);
    expect(collector.collections).toBe(1);
  });

  it("does not collect while requests keep coming", () => {
    const { collector, advance, collected } = setUp();
    for (let i = 0; i < 20; i++) {
      collector.noteRequest();
      advance(5_000);
      expect(collector.tick()).toBe(false);
    }
    expect(collected()).toBe(0);
  });

  it("does not collect after a quiet period of fewer than minRequests requests", () => {
    const { collector, advance, collected } = setUp(10_000, 3);
    collector.noteRequest();
    collector.noteRequest();
    advance(60_000);
    expect(collector.tick()).toBe(false);
    collector.noteRequest();
    advance(10_000);
    expect(collector.tick()).toBe(true);
    expect(collected()).toBe(1);
  });

  it("never collects when idleMs is 0", () => {
    const { collector, advance, collected } = setUp(0, 1);
    collector.noteRequest();
    advance(3_600_000);
    expect(collector.tick()).toBe(false);
    expect(collected()).toBe(0);
  });
});

describe("fullGc", () => {
  it("returns V8's collector, which runs", () => {
    const gc = fullGc();
    expect(typeof gc).toBe("function");
    expect(() => gc()).not.toThrow();
  });
});
