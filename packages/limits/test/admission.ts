/** Shared by the engine contracts: admission requests and reading an engine's answer. */
import { SwitchyardError } from "@switchyard/core";
import { expect } from "vitest";
import type { AdmitResult, LimitsEngine, Reservation } from "../src/types";

/** One US dollar in picodollars, the engines' unit of money. */
export const USD = 1_000_000_000_000;

/** An admission request of team-a's key-1 whose worst case costs `cost` picodollars. */
export const admission = (
  cost: number,
  extra: Partial<Parameters<LimitsEngine["admit"]>[0]> = {},
) => ({
  teamId: "team-a",
  apiKeyId: "key-1",
  estimatedTokens: 100,
  worstCaseCostPicos: cost,
  ...extra,
});

/** The reservation of an admitted request; throws with the error when it was refused. */
export function reserved(result: AdmitResult): Reservation {
  if (!result.ok)
    throw new Error(`expected admission, got ${result.error.code}: ${result.error.message}`);
  return result.reservation;
}

/** A refusal, checked to carry a SwitchyardError. */
export function refusal(result: AdmitResult) {
  if (result.ok) throw new Error("expected a refusal");
  expect(result.error).toBeInstanceOf(SwitchyardError);
  return result;
}
