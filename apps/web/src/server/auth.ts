/**
 * next-auth: email + password against the database's users, JWT sessions. Built on demand (not at
 * import) because the secret is only known once the server has started. A session holds the
 * user's session epoch and is checked against it on every use, so signing out ends it on the
 * server too (auth-session.ts); sign-ins are throttled (features/auth/server/login-throttle.ts).
 */
import { findUserByEmail, verifyPassword } from "@switchyard/db";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { authorizeCredentials, type CredentialsCheck } from "../features/auth/credentials";
import { clientAddress } from "../features/auth/server/client-address";
import { loginSucceeded } from "../features/auth/server/login-throttle";
import { endSessions, sessionTokenSchema, sessionUser } from "./auth-session";
import { getPrisma } from "./db";
import { getEnv } from "./env";

/** Look the user up and check the password; null for an unknown email or a wrong password. */
export const checkCredentialsInDatabase: CredentialsCheck = async (email, password) => {
  const user = await findUserByEmail(getPrisma(), email);
  if (!user) return null;
  const ok = await verifyPassword(user.passwordHash, password);
  return ok
    ? { id: user.id, email: user.email, name: user.name ?? null, sessionEpoch: user.sessionEpoch }
    : null;
};

const signedInSchema = z.object({ id: z.string().min(1), sessionEpoch: z.number().int() });

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getEnv().nextAuthSecret,
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, request) {
          const user = await authorizeCredentials(credentials, checkCredentialsInDatabase);
          if (user) {
            const address = clientAddress(
              new Headers(headerEntries(request?.headers)),
              getEnv().trustedProxyHops,
            );
            await loginSucceeded(getPrisma(), { email: user.email, address });
          }
          return user;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        const signedIn = user ? signedInSchema.safeParse(user) : null;
        if (signedIn?.success) {
          token.sub = signedIn.data.id;
          token.sessionEpoch = signedIn.data.sessionEpoch;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          Object.assign(session.user, { id: token.sub, sessionEpoch: token.sessionEpoch });
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sub === "string") await endSessions(getPrisma(), token.sub);
      },
    },
  };
  return options;
}

/** next-auth hands authorize() the request's headers as a plain object. */
function headerEntries(headers: unknown): [string, string][] {
  if (typeof headers !== "object" || headers === null) return [];
  return Object.entries(headers).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
}

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

const sessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), sessionEpoch: z.number().int() }),
});

/**
 * The signed-in user in a server component or route handler, or null (no session, or one ended
 * by signing out). Read once per request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const parsed = sessionSchema.safeParse(await getServerSession(getAuthOptions()));
  if (!parsed.success) return null;
  const { id, email, sessionEpoch } = parsed.data.user;
  const token = sessionTokenSchema.safeParse({ sub: id, email, sessionEpoch });
  if (!token.success) return null;
  const user = await sessionUser(getPrisma(), token.data);
  return user ? { id: user.id, email: user.email, name: user.name } : null;
});
