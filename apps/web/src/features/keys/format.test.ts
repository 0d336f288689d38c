import { describe, expect, it } from "vitest";
import { endOfDayIso, formatUsd, optionalLimit, parseTagList } from "./format";

describe("key page formatting", () => {
  it("formats dollars with enough digits for small spends", () => {
    expect(formatUsd("0")).toBe("$0.00");
    expect(formatUsd("0.000123456")).toBe("$0.0001");
    expect(formatUsd("12.345")).toBe("$12.35");
    expect(formatUsd("1234.5")).toBe("$1,234.50");
  });

  it("turns a date into the end of that local day", () => {
    const iso = endOfDayIso("2030-05-06");
    expect(iso).not.toBeNull();
    const date = new Date(iso as string);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([
      2030, 4, 6, 23,
    ]);
    expect(endOfDayIso("")).toBeNull();
  });

  it("reads optional limits", () => {
    expect(optionalLimit("")).toBeNull();
    expect(optionalLimit(" 60 ")).toBe(60);
    expect(optionalLimit("1.5")).toBe("1.5");
  });
});

describe("parseTagList", () => {
  it("splits on commas, trims, drops empty entries and repeats", () => {
    expect(parseTagList(" app:billing, tier:gold,,app:billing , ")).toEqual([
      "app:billing",
      "tier:gold",
    ]);
    expect(parseTagList("")).toEqual([]);
  });
});
