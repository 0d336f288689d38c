import { createConnection, listConnections } from "@/features/providers/contract";
import {
  createConnectionHandler,
  listConnectionsHandler,
} from "@/features/providers/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listConnections, listConnectionsHandler);
export const POST = route(createConnection, createConnectionHandler);
