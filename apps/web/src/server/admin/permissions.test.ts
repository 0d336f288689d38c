import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { AdminError } from "./errors";
import { checkAccess, hasRole, requireRole, visibleTeamIds } from "./permissions";

const actor = (
  roles: Record<string, "owner" | "admin" | "member" | "viewer">,
  isOwner = false,
): Actor => ({
  userId: "u1",
  email: "u@example.test",
  isOwner,
  roles: new Map(Object.entries(roles)),
  via: "token",
});

const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (error) {
    return error instanceof AdminError ? error.status : 500;
  }
};

describe("permissions", () => {
  it("ranks roles viewer < member < admin < owner", () => {
    const a = actor({ t1: "member" });
    expect(hasRole(a, "t1", "viewer")).toBe(true);
    expect(hasRole(a, "t1", "member")).toBe(true);
    expect(hasRole(a, "t1", "admin")).toBe(false);
  });

  it("hides teams the caller is not in (404) and refuses too-low roles (403)", () => {
    const a = actor({ t1: "viewer" });
    expect(statusOf(() => requireRole(a, "t2", "viewer"))).toBe(404);
    expect(statusOf(() => requireRole(a, "t1", "admin"))).toBe(403);
    expect(statusOf(() => requireRole(a, "t1", "viewer"))).toBe(200);
  });

  it("lets the instance owner do everything and see every team", () => {
    const owner = actor({}, true);
    expect(statusOf(() => requireRole(owner, "any", "owner"))).toBe(200);
    expect(statusOf(() => checkAccess(owner, "instance-owner", true, undefined))).toBe(200);
    expect(visibleTeamIds(owner)).toBeNull();
    expect(visibleTeamIds(actor({ t1: "admin", t2: "viewer" }))).toEqual(["t1", "t2"]);
  });

  it("never lets a viewer write, even on an endpoint open to viewers", () => {
    const viewer = actor({ t1: "viewer" });
    expect(statusOf(() => checkAccess(viewer, { team: "viewer" }, false, "t1"))).toBe(200);
    expect(statusOf(() => checkAccess(viewer, { team: "viewer" }, true, "t1"))).toBe(403);
    expect(
      statusOf(() => checkAccess(actor({ t1: "member" }), "instance-owner", false, "t1")),
    ).toBe(403);
  });
});
