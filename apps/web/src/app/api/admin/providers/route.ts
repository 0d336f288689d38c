import { createSharedConnection } from "@/features/providers/contract";
import { createSharedConnectionHandler } from "@/features/providers/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(createSharedConnection, createSharedConnectionHandler);
