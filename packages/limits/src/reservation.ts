import type { AdmissionPlan } from "./limits-config";
import type { AdmitRequest, Reservation } from "./types";

/** The reservation handed to the caller after an admission (or a fail-open admission). */
export function makeReservation(
  id: string,
  request: AdmitRequest,
  plan: AdmissionPlan,
  failOpen: boolean,
): Reservation {
  return {
    id,
    teamId: request.teamId,
    apiKeyId: request.apiKeyId,
    budgets: plan.budgets.map((b) => ({
      budget: b.budget,
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      reservedPicos: request.worstCaseCostPicos,
    })),
    tokenLimits: plan.rates.filter((rate) => rate.kind === "tokens"),
    estimatedTokens: request.estimatedTokens,
    downgraded: request.downgraded ?? false,
    failOpen,
  };
}

/** An integer pico-dollar amount as Redis integer text (never exponent notation). */
export const picosArg = (picos: number): string =>
  Number.isSafeInteger(picos) ? String(picos) : BigInt(Math.round(picos)).toString();
