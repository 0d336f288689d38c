import { describe, expect, it } from "vitest";
import { productionNodeFlags } from "./node-flags.mjs";

describe("productionNodeFlags", () => {
  it("defaults to a 32 MB semi space and 50% heap growth, no old-space ceiling", () => {
    expect(productionNodeFlags({})).toEqual([
      "--max-semi-space-size=32",
      "--heap-growing-percent=50",
    ]);
  });

  it("takes each setting, and 0 leaves V8's default", () => {
    expect(
      productionNodeFlags({
        SWITCHYARD_SEMI_SPACE_MB: "0",
        SWITCHYARD_HEAP_GROWING_PERCENT: "100",
        SWITCHYARD_MAX_OLD_SPACE_MB: "1024",
      }),
    ).toEqual(["--heap-growing-percent=100", "--max-old-space-size=1024"]);
  });

  it("names the variable of a bad value", () => {
    expect(() => productionNodeFlags({ SWITCHYARD_MAX_OLD_SPACE_MB: "64" })).toThrow(
      /SWITCHYARD_MAX_OLD_SPACE_MB must be 0/,
    );
    expect(() => productionNodeFlags({ SWITCHYARD_SEMI_SPACE_MB: "lots" })).toThrow(
      /SWITCHYARD_SEMI_SPACE_MB/,
    );
    expect(() => productionNodeFlags({ SWITCHYARD_HEAP_GROWING_PERCENT: "5" })).toThrow(
      "SWITCHYARD_HEAP_GROWING_PERCENT must be 0 (V8's default) or a whole number (%) from 10 to 300",
    );
  });
});
