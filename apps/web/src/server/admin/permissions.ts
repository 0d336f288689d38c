/**
 * Role checks. Roles rank viewer < member < admin < owner; the instance owner passes every check.
 * A caller with no role in a team gets 404 for it (its existence is not revealed); a caller whose
 * role is too low gets 403.
 */
import { type Access, type Role, roleRank } from "@/lib/contract";
import type { Actor } from "./actor";
import { forbidden, notFound } from "./errors";

export function roleIn(actor: Actor, teamId: string): Role | null {
  if (actor.isOwner) return "owner";
  return actor.roles.get(teamId) ?? null;
}

export function hasRole(actor: Actor, teamId: string, minimum: Role): boolean {
  const role = roleIn(actor, teamId);
  return role !== null && roleRank[role] >= roleRank[minimum];
}

export function requireRole(actor: Actor, teamId: string, minimum: Role): Role {
  const role = roleIn(actor, teamId);
  if (role === null) throw notFound("Team not found");
  if (roleRank[role] < roleRank[minimum]) {
    throw forbidden(`This needs the ${minimum} role in the team; yours is ${role}.`);
  }
  return role;
}

/** Team ids the actor may read; null = every team (instance owner). */
export const visibleTeamIds = (actor: Actor): string[] | null =>
  actor.isOwner ? null : [...actor.roles.keys()];

export function checkAccess(
  actor: Actor,
  access: Access,
  write: boolean,
  teamId: string | undefined,
  /** Read only for "team-creator" endpoints: whether the instance lets any user create teams. */
  anyUserCreatesTeams = false,
) {
  if (access === "signed-in") return;
  if (access === "instance-owner") {
    if (!actor.isOwner) throw forbidden("Only the instance owner can do this.");
    return;
  }
  if (access === "team-creator") {
    if (!actor.isOwner && !anyUserCreatesTeams) {
      throw forbidden("Only the instance owner can create teams on this instance.");
    }
    return;
  }
  if (!teamId) throw notFound("Team not found");
  requireRole(actor, teamId, write && access.team === "viewer" ? "member" : access.team);
}
