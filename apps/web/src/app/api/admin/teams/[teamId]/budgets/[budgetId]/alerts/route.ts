import { listBudgetAlerts } from "@/features/budgets/contract";
import { listBudgetAlertsHandler } from "@/features/budgets/server/budgets";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listBudgetAlerts, listBudgetAlertsHandler);
