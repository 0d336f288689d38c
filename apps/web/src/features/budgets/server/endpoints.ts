/**
 * Budget endpoints: each contract of ../contract.ts with its handler. A new endpoint is its
 * contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import {
  createBudget,
  deleteBudget,
  listBudgetAlerts,
  listBudgets,
  updateBudget,
} from "../contract";
import {
  createBudgetHandler,
  deleteBudgetHandler,
  listBudgetAlertsHandler,
  listBudgetsHandler,
  updateBudgetHandler,
} from "./budgets";

export const budgetRoutes = [
  register(listBudgets, listBudgetsHandler),
  register(createBudget, createBudgetHandler),
  register(updateBudget, updateBudgetHandler),
  register(deleteBudget, deleteBudgetHandler),
  register(listBudgetAlerts, listBudgetAlertsHandler),
];
