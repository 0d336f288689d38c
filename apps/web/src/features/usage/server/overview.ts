import type { HandlerContext } from "@/server/admin/route";
import type { getOverview } from "../contract";
import { loadOverview } from "./load-overview";

export const overviewHandler = ({ prisma, params, query }: HandlerContext<typeof getOverview>) =>
  loadOverview(prisma, params.teamId, query);
