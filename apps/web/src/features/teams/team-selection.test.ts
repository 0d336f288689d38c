import { describe, expect, it } from "vitest";
import { chooseTeamId, withTeam } from "./team-selection";

describe("team selection", () => {
  const ids = ["a", "b", "c"];

  it("prefers the URL, then the remembered team, then the first team", () => {
    expect(chooseTeamId(ids, "b", "c")).toBe("b");
    expect(chooseTeamId(ids, null, "c")).toBe("c");
    expect(chooseTeamId(ids, null, null)).toBe("a");
  });

  it("ignores teams the caller cannot see", () => {
    expect(chooseTeamId(ids, "zzz", "yyy")).toBe("a");
    expect(chooseTeamId([], "a", "a")).toBeNull();
  });

  it("sets ?team= and keeps other parameters", () => {
    expect(withTeam("/keys", "", "b")).toBe("/keys?team=b");
    expect(withTeam("/requests", "?status=error&team=a", "b")).toBe(
      "/requests?status=error&team=b",
    );
  });
});
