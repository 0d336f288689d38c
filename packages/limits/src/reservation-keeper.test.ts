import { afterEach, describe, expect, it, vi } from "vitest";
import { ReservationKeeper } from "./reservation-keeper";
import type { Reservation } from "./types";

const reservation = (id: string) => ({ id }) as Reservation;

describe("ReservationKeeper", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("renews on its own timer every reservation half a TTL old, least recently renewed first, until untracked", async () => {
    vi.useFakeTimers();
    let now = 0;
    const renewed: string[] = [];
    const keeper = new ReservationKeeper({
      ttlMs: 1_000,
      clock: () => now,
      renew: async (held, at) => {
        renewed.push(`${held.id}@${at}`);
      },
    });
    keeper.track(reservation("a"), 0);
    now = 300;
    keeper.track(reservation("b"), 300);
    for (const step of [250, 500, 750, 1_000, 1_250]) {
      now = step;
      await vi.advanceTimersByTimeAsync(250);
    }
    // a is due at 500 and again at 1000; b (tracked at 300) at 1000, before a (renewed later).
    expect(renewed).toEqual(["a@500", "b@1000", "a@1000"]);
    keeper.untrack(reservation("a"));
    keeper.untrack(reservation("b"));
    expect(keeper.size).toBe(0);
    now = 5_000;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renewed).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports a failed renewal and keeps tracking the reservation", async () => {
    const errors: string[] = [];
    const keeper = new ReservationKeeper({
      ttlMs: 1_000,
      clock: () => 0,
      renew: async () => {
        throw new Error("store down");
      },
      onError: (held, error) => errors.push(`${held.id}: ${(error as Error).message}`),
    });
    keeper.track(reservation("a"), 0);
    expect(await keeper.renewDue(600)).toBe(1);
    expect(errors).toEqual(["a: store down"]);
    expect(keeper.size).toBe(1);
    expect(await keeper.renewDue(900)).toBe(0);
    expect(await keeper.renewDue(1_100)).toBe(1);
    keeper.stop();
  });
});
