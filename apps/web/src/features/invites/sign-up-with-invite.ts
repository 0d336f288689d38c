"use server";
/** Server action of the invite page: a new user creates an account and joins the team. */
import { z } from "zod";
import { AdminError } from "@/server/admin/errors";
import { getPrisma } from "@/server/db";
import { signUpWithInvite } from "./server/redeem-invite";

const input = z.object({
  token: z.string().min(1),
  name: z.string().trim().min(1, "Enter your name").max(80),
  password: z.string().min(10, "Use at least 10 characters").max(200),
});

export type SignUpResult =
  | { ok: true; email: string; teamId: string }
  | { ok: false; message: string; fields?: Record<string, string> };

export async function signUpWithInviteAction(raw: {
  token: string;
  name: string;
  password: string;
}): Promise<SignUpResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    return { ok: false, message: "Check the highlighted fields.", fields };
  }
  try {
    const { user, team } = await signUpWithInvite(getPrisma(), parsed.data);
    return { ok: true, email: user.email, teamId: team.id };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
