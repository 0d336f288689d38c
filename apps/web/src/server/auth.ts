/**
 * next-auth: email + password against the database's users, JWT sessions. Built on demand (not at
 * import) because the secret is only known once the server has started.
 */
import { findUserByEmail, verifyPassword } from "@switchyard/db";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authorizeCredentials, type CredentialsCheck } from "../features/auth/credentials";
import { getPrisma } from "./db";
import { getEnv } from "./env";

/** Look the user up and check the password; null for an unknown email or a wrong password. */
export const checkCredentialsInDatabase: CredentialsCheck = async (email, password) => {
  const user = await findUserByEmail(getPrisma(), email);
  if (!user) return null;
  const ok = await verifyPassword(user.passwordHash, password);
  return ok ? { id: user.id, email: user.email, name: user.name ?? null } : null;
};

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
        authorize: (credentials) => authorizeCredentials(credentials, checkCredentialsInDatabase),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          (session.user as { id?: string }).id = token.sub;
        }
        return session;
      },
    },
  };
  return options;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in user in a server component or route handler, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as
    | { id?: string; email?: string | null; name?: string | null }
    | undefined;
  if (!user?.email || !user.id) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
