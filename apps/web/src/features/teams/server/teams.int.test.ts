import { rebuildDayRollups } from "@switchyard/db";
import { createTeam } from "@switchyard/db/testing";
import { describe, expect, it } from "vitest";
import {
  addTokenMember,
  adminTestDatabase,
  callEndpoint,
  createTeamWithTokenUsers,
  createTokenUser,
} from "@/server/admin/testing";

const db = adminTestDatabase();

describe("teams", () => {
  it("makes the creator the owner of a new team", async () => {
    const { user, token } = await createTokenUser(db.prisma, { isOwner: true });
    const result = await callEndpoint("teams.create", {
      token,
      body: { name: "Data Science!" },
    });
    expect(result.status).toBe(201);
    const { team } = result.json as { team: { id: string; slug: string; role: string } };
    expect(team.role).toBe("owner");
    expect(team.slug).toMatch(/^data-science-[0-9a-f]{6}$/);
    const membership = await db.prisma.membership.findUniqueOrThrow({
      where: { userId_teamId: { userId: user.id, teamId: team.id } },
    });
    expect(membership.role).toBe("owner");
  });

  it("updates settings, validates the time zone and records before and after", async () => {
    const {
      teamId,
      tokens: [token],
    } = await createTeamWithTokenUsers(db.prisma, ["admin"], { name: "Old" });
    const patch = (body: unknown) =>
      callEndpoint("teams.updateSettings", {
        token,
        params: { teamId },
        body,
      });
    const bad = await patch({ timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { issues: [{ path: "body.timeZone" }] } });
    const ok = await patch({ name: "New", failMode: "open", contentLogging: true });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      team: { name: "New", failMode: "open", contentLogging: true },
    });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { teamId, action: "team.update" },
    });
    expect(audit.before).toMatchObject({ name: "Old", failMode: "closed" });
    expect(audit.after).toMatchObject({ name: "New", failMode: "open" });
  });

  it("turns stored responses off and sets their retention, within 1 to 3650 days", async () => {
    const {
      teamId,
      tokens: [token],
    } = await createTeamWithTokenUsers(db.prisma, ["admin"], { name: "Stored" });
    const patch = (body: unknown) =>
      callEndpoint("teams.updateSettings", { token, params: { teamId }, body });
    for (const days of [0, 3651, 1.5]) {
      const bad = await patch({ responseRetentionDays: days });
      expect(bad.status).toBe(400);
      expect(bad.json).toMatchObject({
        error: { issues: [{ path: "body.responseRetentionDays" }] },
      });
    }
    const ok = await patch({ responseStorage: false, responseRetentionDays: 7 });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ team: { responseStorage: false, responseRetentionDays: 7 } });
    const row = await db.prisma.team.findUniqueOrThrow({ where: { id: teamId } });
    expect(row).toMatchObject({ responseStorage: false, responseRetentionDays: 7 });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { teamId, action: "team.update" },
    });
    expect(audit.before).toMatchObject({ responseStorage: true, responseRetentionDays: 30 });
    expect(audit.after).toMatchObject({ responseStorage: false, responseRetentionDays: 7 });
  });

  it("re-cuts the team's daily rollups when its time zone changes", async () => {
    const {
      teamId,
      tokens: [token],
    } = await createTeamWithTokenUsers(db.prisma, ["admin"], { name: "Zones" });
    const hour = (iso: string) => ({
      teamId,
      bucket: new Date(iso),
      model: "m",
      routeReason: "default",
      requests: 1,
      costUsd: "1",
      latencyHistogram: [],
      ttftHistogram: [],
    });
    await db.prisma.usageRollupHour.createMany({
      data: [hour("2026-03-02T03:00:00Z"), hour("2026-03-02T20:00:00Z")],
    });
    await rebuildDayRollups(db.prisma, teamId);
    const days = async () =>
      (
        await db.prisma.usageRollupDay.findMany({ where: { teamId }, orderBy: { bucket: "asc" } })
      ).map((row) => [row.bucket.toISOString(), row.requests]);
    expect(await days()).toEqual([["2026-03-02T00:00:00.000Z", 2]]);
    const result = await callEndpoint("teams.updateSettings", {
      token,
      params: { teamId },
      body: { timeZone: "America/Los_Angeles" },
    });
    expect(result.status).toBe(200);
    // 03:00 UTC is the evening of March 1st in Los Angeles (UTC-8 before DST).
    expect(await days()).toEqual([
      ["2026-03-01T08:00:00.000Z", 1],
      ["2026-03-02T08:00:00.000Z", 1],
    ]);
  });
});

describe("audit log", () => {
  it("pages newest first without gaps or repeats", async () => {
    const teamId = (await createTeam(db.prisma)).id;
    const { user, token } = await addTokenMember(db.prisma, teamId, "admin");
    const base = Date.now() - 60_000;
    await db.prisma.auditLog.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        teamId,
        actorId: user.id,
        action: `thing.${i}`,
        targetType: "thing",
        // Two entries share a timestamp to exercise the tie-break.
        createdAt: new Date(base + Math.min(i, 5) * 1000),
      })),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const result = await callEndpoint("audit.list", {
        path: `/x?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        token,
        params: { teamId },
      });
      expect(result.status).toBe(200);
      const page = result.json as {
        entries: { action: string; actor: { email: string } }[];
        nextCursor: string | null;
      };
      expect(page.entries.length).toBeLessThanOrEqual(3);
      expect(page.entries[0]?.actor.email).toBe(user.email);
      seen.push(...page.entries.map((e) => e.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(2)).toEqual(["thing.4", "thing.3", "thing.2", "thing.1", "thing.0"]);
  });
});
