/**
 * The next-auth route (/api/auth/*) with sign-in throttling in front of the credentials check:
 * each sign-in attempt is counted (login-throttle.ts) before next-auth sees it, and one over the
 * limit is answered 429 with Retry-After, without checking the password. The body keeps the
 * shape next-auth's client reads (`url` with `?error=`), so the sign-in form shows the message.
 */
import NextAuth from "next-auth";
import { z } from "zod";
import { getAuthOptions } from "@/server/auth";
import { getPrisma } from "@/server/db";
import { getEnv } from "@/server/env";
import { clientAddress } from "./client-address";
import { reserveLoginAttempt, retryMessage } from "./login-throttle";

type Context = { params: Promise<{ nextauth: string[] }> };

const CREDENTIALS_CALLBACK = /\/api\/auth\/callback\/credentials\/?$/;
const signInFormSchema = z.object({ email: z.string().max(320).catch("") });

/** The email a sign-in request names (form-encoded, as next-auth's client sends it, or JSON). */
async function emailOf(request: Request): Promise<string> {
  const copy = request.clone();
  const type = request.headers.get("content-type") ?? "";
  let fields: unknown = {};
  try {
    fields = type.includes("application/json")
      ? await copy.json()
      : Object.fromEntries(new URLSearchParams(await copy.text()));
  } catch {
    fields = {};
  }
  const parsed = signInFormSchema.safeParse(fields);
  return parsed.success ? parsed.data.email : "";
}

export async function handleAuthRequest(request: Request, context: Context): Promise<Response> {
  if (request.method === "POST" && CREDENTIALS_CALLBACK.test(new URL(request.url).pathname)) {
    const verdict = await reserveLoginAttempt(getPrisma(), {
      email: await emailOf(request),
      address: clientAddress(request.headers, getEnv().trustedProxyHops),
    });
    if (!verdict.allowed) {
      const message = retryMessage(verdict.retryAfterSeconds);
      const url = new URL("/login", request.url);
      url.searchParams.set("error", message);
      return Response.json(
        { url: url.toString(), error: { code: "too_many_attempts", message } },
        { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
      );
    }
  }
  return NextAuth(getAuthOptions())(request, context);
}
