import { createBudget, listBudgets } from "@/features/budgets/contract";
import { createBudgetHandler, listBudgetsHandler } from "@/features/budgets/server/budgets";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listBudgets, listBudgetsHandler);
export const POST = route(createBudget, createBudgetHandler);
