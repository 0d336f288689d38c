import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("request log cursors", () => {
  it("round-trips (createdAt, id)", () => {
    const cursor = { createdAt: new Date("2026-02-03T04:05:06.789Z"), id: "req_1" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("rejects anything else", () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from('["nope","x"]').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString("base64url"))).toBeNull();
    expect(
      decodeCursor(Buffer.from('["2026-01-01T00:00:00Z",""]').toString("base64url")),
    ).toBeNull();
  });
});
