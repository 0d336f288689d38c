import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

const handle = (request: Request, context: Context) => NextAuth(getAuthOptions())(request, context);

export { handle as GET, handle as POST };
