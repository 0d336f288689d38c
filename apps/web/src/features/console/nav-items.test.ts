import { describe, expect, it } from "vitest";
import { activeNavItem, navItems } from "./nav-items";

describe("console navigation", () => {
  it("lists the console's sections in order", () => {
    expect(navItems.map((item) => item.label)).toEqual([
      "Overview",
      "API keys",
      "Routing policies",
      "Learning",
      "Budgets",
      "Spend",
      "Statement",
      "Providers & models",
      "Request log",
    ]);
  });

  it.each([
    ["/", "Overview"],
    ["/keys", "API keys"],
    ["/keys/key_123", "API keys"],
    ["/requests", "Request log"],
    ["/statement", "Statement"],
    ["/keysmith", undefined],
    ["/unknown", undefined],
  ])("%s is under %s", (pathname, label) => {
    expect(activeNavItem(pathname)?.label).toBe(label);
  });
});
