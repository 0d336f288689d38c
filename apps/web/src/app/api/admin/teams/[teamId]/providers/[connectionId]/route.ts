import { deleteConnection, updateConnection } from "@/features/providers/contract";
import {
  deleteConnectionHandler,
  updateConnectionHandler,
} from "@/features/providers/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const PATCH = route(updateConnection, updateConnectionHandler);
export const DELETE = route(deleteConnection, deleteConnectionHandler);
