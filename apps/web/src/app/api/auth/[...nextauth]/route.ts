import { handleAuthRequest } from "@/features/auth/server/auth-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export { handleAuthRequest as GET, handleAuthRequest as POST };
