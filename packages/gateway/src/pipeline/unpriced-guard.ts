import { type ModelInfo, priceAt, SwitchyardError } from "@switchyard/core";
import type { LimitsEngine } from "@switchyard/limits";
import type { RouteAttempt, RouteDecision } from "../route/resolve-route";

/**
 * Budgets and unpriced models: a model without a price has an unknown cost, which a budget cannot
 * count. A request that some budget covers (its team's or its key's) therefore never uses an
 * unpriced model: such targets are dropped from its plan (and from a cascade's strong plan), and a
 * plan left empty is refused (403 model_unpriced). The admin's way to allow one is to give it a
 * price, an explicit $0 for a free model. Requests no budget covers use unpriced models freely;
 * they are logged with cost unknown.
 */
export const isPriced = (model: ModelInfo, at: Date): boolean => priceAt(model, at) !== null;

export const unpricedUnderBudget = (model: string) =>
  new SwitchyardError(
    `Model "${model}" has no price, and this key's requests are under a budget, which cannot count an unknown cost. Set the model's price (an explicit 0 for a free model) to use it under a budget.`,
    { status: 403, code: "model_unpriced", type: "permission_error" },
  );

const priced = (plan: RouteAttempt[], at: Date) => plan.filter(({ model }) => isPriced(model, at));

export function pricedRoute(
  route: RouteDecision,
  limits: Pick<LimitsEngine, "hasBudget">,
  teamId: string,
  apiKeyId: string,
  at: Date = new Date(),
): RouteDecision {
  const allPriced = (attempts: RouteAttempt[]) =>
    attempts.every(({ model }) => isPriced(model, at));
  if (allPriced(route.plan) && (route.cascade === null || allPriced(route.cascade.strongPlan)))
    return route;
  if (!limits.hasBudget(teamId, apiKeyId)) return route;
  const plan = priced(route.plan, at);
  const first = route.plan[0];
  if (plan.length === 0) throw unpricedUnderBudget(first?.model.name ?? "unknown");
  const strongPlan = route.cascade === null ? [] : priced(route.cascade.strongPlan, at);
  return {
    ...route,
    plan,
    cascade:
      route.cascade === null || strongPlan.length === 0 ? null : { ...route.cascade, strongPlan },
  };
}
