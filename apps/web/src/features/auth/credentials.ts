/** The sign-in form's fields, validated before any database lookup. */
import { z } from "zod";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export interface AuthorizedUser {
  id: string;
  email: string;
  name: string | null;
  /** The user's session epoch at sign-in (server/auth-session.ts). */
  sessionEpoch: number;
}

export type CredentialsCheck = (email: string, password: string) => Promise<AuthorizedUser | null>;

/** Null for a malformed form (no lookup made) or whatever `check` says for a well-formed one. */
export async function authorizeCredentials(
  raw: unknown,
  check: CredentialsCheck,
): Promise<AuthorizedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  return check(parsed.data.email, parsed.data.password);
}
