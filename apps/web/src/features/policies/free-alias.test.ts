import { describe, expect, it } from "vitest";
import { freeAlias } from "./free-alias";

describe("freeAlias", () => {
  it("suggests switchyard/auto while no policy has it", () => {
    expect(freeAlias([])).toBe("switchyard/auto");
    expect(freeAlias(["team/smart"])).toBe("switchyard/auto");
  });
  it("suggests the first numbered alias no policy has", () => {
    expect(freeAlias(["switchyard/auto"])).toBe("switchyard/auto-2");
    expect(freeAlias(["switchyard/auto", "switchyard/auto-2", "switchyard/auto-4"])).toBe(
      "switchyard/auto-3",
    );
  });
});
