import { describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput } from "./local-datetime";

describe("local datetime inputs", () => {
  it("round-trips an instant to the minute", () => {
    const iso = "2025-01-15T12:34:00.000Z";
    expect(toLocalInput(iso)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it("maps absent and empty values to empty and undefined", () => {
    expect(toLocalInput(undefined)).toBe("");
    expect(fromLocalInput("")).toBeUndefined();
  });
});
