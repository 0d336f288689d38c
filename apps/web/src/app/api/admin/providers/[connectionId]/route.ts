import { deleteSharedConnection, updateSharedConnection } from "@/features/providers/contract";
import {
  deleteSharedConnectionHandler,
  updateSharedConnectionHandler,
} from "@/features/providers/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const PATCH = route(updateSharedConnection, updateSharedConnectionHandler);
export const DELETE = route(deleteSharedConnection, deleteSharedConnectionHandler);
