import { CAPABILITIES } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { capabilitySchema } from "./contract";

describe("model capabilities in the management API", () => {
  it("are exactly the gateway's", () => {
    expect([...capabilitySchema.options]).toEqual([...CAPABILITIES]);
  });
});
