import { describe, expect, it } from "vitest";
import { routeReasonGroup, routeReasonPatterns } from "./route-reason";

describe("routeReasonGroup", () => {
  it("keeps rule names and cascade pairs, drops classifier scores and suffixes", () => {
    expect(routeReasonGroup("rule:long-docs")).toBe("rule:long-docs");
    expect(routeReasonGroup("rule:code+classifier:0.70>=0.50")).toBe("rule:code");
    expect(routeReasonGroup("classifier:0.62>=0.50")).toBe("classifier");
    expect(routeReasonGroup("classifier:0.10<0.50;gate:vision→gpt-5")).toBe("classifier");
    expect(routeReasonGroup("cascade:small→large;escalated")).toBe("cascade:small→large");
    expect(routeReasonGroup("default;budget-downgrade")).toBe("default");
    expect(routeReasonGroup("")).toBe("unknown");
  });
});

describe("routeReasonPatterns", () => {
  it("matches the group itself and its suffixed forms, escaping LIKE wildcards", () => {
    expect(routeReasonPatterns("classifier")).toEqual(["classifier:%"]);
    expect(routeReasonPatterns("rule:my_rule")).toEqual([
      "rule:my\\_rule",
      "rule:my\\_rule;%",
      "rule:my\\_rule+%",
    ]);
  });
});
