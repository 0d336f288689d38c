import { createHash, randomBytes } from "node:crypto";

/** Invites last a week. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const generateInviteToken = () => randomBytes(24).toString("base64url");

export const hashInviteToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const invitePath = (token: string) => `/invite/${encodeURIComponent(token)}`;

export type InviteState = "open" | "accepted" | "expired";

export function inviteState(
  invite: { acceptedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InviteState {
  if (invite.acceptedAt) return "accepted";
  if (invite.expiresAt <= now) return "expired";
  return "open";
}
