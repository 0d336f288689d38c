import { listAudit } from "@/features/audit/contract";
import { listAuditHandler } from "@/features/audit/server/list-audit";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listAudit, listAuditHandler);
