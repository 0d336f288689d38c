/**
 * Each published policy's calibration budget (`learning.budgetUsd` in its body), as a monthly
 * key budget on the synthetic key `calibration:<policyId>` that the gateway admits calibration
 * calls under. These budgets are not rows of `budgets`: they come from the policy and their
 * spend is the request log's rows under that key.
 */
import type { BudgetRow } from "@switchyard/core";
import { z } from "zod";

/** The API key id of a policy's calibration calls (the gateway's calibrationKeyId). */
export const calibrationKeyId = (policyId: string): string => `calibration:${policyId}`;

/** Only what the budget needs from the body; the router validates the rest when it is saved. */
const learningBudgetSchema = z.looseObject({
  learning: z.looseObject({ budgetUsd: z.number().positive().finite() }),
});

export interface PublishedPolicyRow {
  id: string;
  teamId: string;
  name: string;
  team: { name: string; timeZone: string };
  publishedVersion: { body: unknown } | null;
}

/** A positive number of USD as a plain decimal string (no exponent), to 12 places at most. */
function decimalUsd(value: number): string {
  return value.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
}

export function calibrationBudgetRows(policies: readonly PublishedPolicyRow[]): BudgetRow[] {
  const rows: BudgetRow[] = [];
  for (const policy of policies) {
    const parsed = learningBudgetSchema.safeParse(policy.publishedVersion?.body);
    if (!parsed.success) continue;
    const keyId = calibrationKeyId(policy.id);
    rows.push({
      id: keyId,
      name: `calibration of policy "${policy.name}"`,
      scope: "key",
      teamId: policy.teamId,
      teamName: policy.team.name,
      apiKeyId: keyId,
      apiKeyName: `calibration of policy "${policy.name}"`,
      period: "month",
      timeZone: policy.team.timeZone,
      limitUsd: decimalUsd(parsed.data.learning.budgetUsd),
      alertThresholds: [],
      action: "block",
    });
  }
  return rows;
}
