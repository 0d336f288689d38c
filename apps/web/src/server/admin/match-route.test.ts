import { describe, expect, it } from "vitest";
import type { Endpoint, HttpMethod } from "@/lib/contract";
import { createRouteMatcher } from "./match-route";

const entry = (method: HttpMethod, path: string) => ({
  endpoint: { id: `${method} ${path}`, method, path } as Endpoint,
});

const entries = [
  entry("PATCH", "/api/admin/teams/:teamId/models/:modelId"),
  entry("GET", "/api/admin/teams/:teamId/models/health"),
  entry("GET", "/api/admin/teams/:teamId/models"),
  entry("GET", "/api/admin/teams/:teamId/policies/:policyId"),
  entry("POST", "/api/admin/teams/:teamId/policies/explain"),
  entry("GET", "/api/admin/teams"),
  entry("POST", "/api/admin/teams"),
  entry("POST", "/api/admin/invites/:token/accept"),
];
const match = createRouteMatcher(entries);
const idOf = (method: string, path: string) => {
  const result = match(method, path);
  return result.kind === "found" ? result.entry.endpoint.id : result.kind;
};

describe("createRouteMatcher", () => {
  it("finds the endpoint by method and path and names its parameters", () => {
    expect(match("PATCH", "/api/admin/teams/t1/models/m1")).toEqual({
      kind: "found",
      entry: entries[0],
      params: { teamId: "t1", modelId: "m1" },
    });
    expect(idOf("POST", "/api/admin/teams")).toBe("POST /api/admin/teams");
    expect(idOf("GET", "/api/admin/teams")).toBe("GET /api/admin/teams");
  });

  it("prefers a literal segment to a parameter, whatever the registration order", () => {
    expect(idOf("GET", "/api/admin/teams/t1/models/health")).toBe(
      "GET /api/admin/teams/:teamId/models/health",
    );
    expect(idOf("POST", "/api/admin/teams/t1/policies/explain")).toBe(
      "POST /api/admin/teams/:teamId/policies/explain",
    );
    expect(idOf("GET", "/api/admin/teams/t1/policies/p1")).toBe(
      "GET /api/admin/teams/:teamId/policies/:policyId",
    );
  });

  it("answers 405 with the allowed methods of the most specific pattern", () => {
    expect(match("DELETE", "/api/admin/teams")).toEqual({
      kind: "method-not-allowed",
      allow: ["GET", "POST"],
    });
    // The literal "health" wins, so PATCH is not handed to models/:modelId.
    expect(match("PATCH", "/api/admin/teams/t1/models/health")).toEqual({
      kind: "method-not-allowed",
      allow: ["GET"],
    });
    expect(match("GET", "/api/admin/teams/t1/policies/explain")).toEqual({
      kind: "method-not-allowed",
      allow: ["POST"],
    });
  });

  it("serves HEAD with the GET endpoint", () => {
    expect(idOf("HEAD", "/api/admin/teams")).toBe("GET /api/admin/teams");
  });

  it("does not match other paths, empty parameters or a trailing slash", () => {
    expect(idOf("GET", "/api/admin/nothing")).toBe("not-found");
    expect(idOf("GET", "/api/admin/teams/t1/models/m1/extra")).toBe("not-found");
    expect(idOf("GET", "/api/admin/teams//models")).toBe("not-found");
    expect(idOf("GET", "/api/admin/teams/")).toBe("not-found");
    expect(idOf("GET", "/api/admin")).toBe("not-found");
  });

  it("decodes parameters and refuses malformed escapes", () => {
    expect(match("POST", "/api/admin/invites/a%2Fb%20c/accept")).toMatchObject({
      kind: "found",
      params: { token: "a/b c" },
    });
    expect(idOf("POST", "/api/admin/invites/%E0%A4%A/accept")).toBe("not-found");
  });

  it("refuses two endpoints with the same method and path shape", () => {
    expect(() =>
      createRouteMatcher([entry("GET", "/api/admin/x/:a"), entry("GET", "/api/admin/x/:b")]),
    ).toThrow(/both GET/);
  });

  it("names parameters per endpoint when patterns differ only in parameter names", () => {
    const byName = createRouteMatcher([
      entry("GET", "/api/admin/x/:a"),
      entry("DELETE", "/api/admin/x/:b"),
    ]);
    expect(byName("GET", "/api/admin/x/1")).toMatchObject({ params: { a: "1" } });
    expect(byName("DELETE", "/api/admin/x/1")).toMatchObject({ params: { b: "1" } });
  });
});
