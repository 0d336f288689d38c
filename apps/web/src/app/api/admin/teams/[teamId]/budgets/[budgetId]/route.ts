import { deleteBudget, updateBudget } from "@/features/budgets/contract";
import { deleteBudgetHandler, updateBudgetHandler } from "@/features/budgets/server/budgets";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const PATCH = route(updateBudget, updateBudgetHandler);
export const DELETE = route(deleteBudget, deleteBudgetHandler);
