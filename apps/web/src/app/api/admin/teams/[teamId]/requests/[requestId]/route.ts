import { getRequest } from "@/features/request-log/contract";
import { getRequestHandler } from "@/features/request-log/server/requests";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(getRequest, getRequestHandler);
