import type { RequestLedger } from "../accounting/request-ledger";
import { type Executed, PlanFailedError } from "../execute/execute-plan";

/** Run a plan and put its attempts (and their upstream time) in the request's ledger, however it ends. */
export async function tracked<T>(
  ledger: RequestLedger,
  run: Promise<Executed<T>>,
): Promise<Executed<T>> {
  try {
    const executed = await run;
    ledger.addAttempts(executed.attempts, executed.upstreamMs);
    return executed;
  } catch (error) {
    if (error instanceof PlanFailedError) ledger.addAttempts(error.attempts, error.upstreamMs);
    throw error;
  }
}
