import { listRequests } from "@/features/request-log/contract";
import { listRequestsHandler } from "@/features/request-log/server/requests";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listRequests, listRequestsHandler);
