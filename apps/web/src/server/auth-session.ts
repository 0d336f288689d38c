/**
 * Console sessions are next-auth JWTs (stateless), so ending one on the server needs a check the
 * cookie cannot carry: each user has a session epoch (users.session_epoch). A sign-in writes the
 * current epoch into the JWT; signing out adds one to it, and a JWT whose epoch is not the user's
 * current one is refused: the saved cookie of a signed-out session no longer works anywhere. The
 * check costs nothing extra in the management API (it reads the user row anyway) and one
 * primary-key read per console page. Signing out ends every session of that account (all its
 * browsers), which is also how to end a session left open elsewhere.
 */
import { z } from "zod";
import type { Prisma } from "./db";

/** What a console session's JWT must hold (anything else, e.g. a JWT from before epochs, is refused). */
export const sessionTokenSchema = z.object({
  sub: z.string().min(1),
  email: z.string().min(1),
  sessionEpoch: z.number().int().nonnegative(),
});

export type SessionToken = z.infer<typeof sessionTokenSchema>;

/** Ends every console session of the user issued so far. */
export async function endSessions(prisma: Pick<Prisma, "user">, userId: string): Promise<void> {
  await prisma.user.updateMany({
    where: { id: userId },
    data: { sessionEpoch: { increment: 1 } },
  });
}

/** The user behind a session, or null when the session was ended (or the user is gone). */
export async function sessionUser(prisma: Pick<Prisma, "user">, token: SessionToken) {
  const user = await prisma.user.findUnique({
    where: { id: token.sub },
    select: { id: true, email: true, name: true, sessionEpoch: true },
  });
  return user && user.sessionEpoch === token.sessionEpoch ? user : null;
}
