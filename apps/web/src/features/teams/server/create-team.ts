import { randomBytes } from "node:crypto";
import type { HandlerContext } from "@/server/admin/route";
import type { createTeam } from "../contract";
import { toTeamView } from "./team-view";

/** "Data Science!" → "data-science-3f9a": readable and unique without a retry loop. */
export function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "team"}-${randomBytes(3).toString("hex")}`;
}

export async function createTeamHandler({
  actor,
  body,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof createTeam>) {
  const team = await prisma.$transaction(async (tx) => {
    const created = await tx.team.create({
      data: {
        name: body.name,
        slug: slugFor(body.name),
        // The instance owner decides who spends the shared connections: a team they create may.
        sharedConnectionsAllowed: actor.isOwner,
      },
    });
    await tx.membership.create({
      data: { teamId: created.id, userId: actor.userId, role: "owner" },
    });
    await audit(
      {
        action: "team.create",
        targetType: "team",
        targetId: created.id,
        teamId: created.id,
        after: {
          name: created.name,
          slug: created.slug,
          sharedConnectionsAllowed: created.sharedConnectionsAllowed,
        },
      },
      tx,
    );
    return created;
  });
  // Gateways resolve a team's models from their routing snapshot.
  await publish({ topic: "config", id: team.id });
  return { team: toTeamView(team, "owner") };
}
