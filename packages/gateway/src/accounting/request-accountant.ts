import type { RequestLogEntry } from "@switchyard/core";
import type { AlertTracker, LimitsEngine, Reservation, SettleResult } from "@switchyard/limits";
import type { Logger } from "pino";
import type { LedgerClose } from "./request-ledger";
import type { UsageQueue } from "./usage-queue";

/**
 * Where a finished request's ledger goes: its row to the accounting queue, its cost and tokens to
 * the budgets and token limits it reserved against (released when nothing was used), and one log
 * line.
 */
export class RequestAccountant {
  constructor(
    private readonly usage: Pick<UsageQueue, "push">,
    private readonly limits: LimitsEngine | undefined,
    private readonly alerts: AlertTracker | undefined,
    private readonly logger: Logger,
    /** Told about every finished request (e.g. per-model counters and latency histograms). */
    private readonly observe?: (entry: RequestLogEntry) => void,
  ) {}

  record({ entry, costPicos, tokens }: LedgerClose, reservation: Reservation | null): void {
    this.usage.push(entry);
    this.observe?.(entry);
    if (reservation !== null && this.limits !== undefined)
      this.settle(this.limits, entry.id, reservation, costPicos, tokens);
    this.logger.info(
      {
        requestId: entry.id,
        team: entry.teamId,
        model: entry.routedModel,
        route: entry.routeReason,
        status: entry.httpStatus,
        outcome: entry.status,
        latencyMs: Math.round(entry.latencyMs * 100) / 100,
        overheadMs: entry.overheadMs,
        attempts: entry.attemptCount,
      },
      "request finished",
    );
    if (entry.unpriced === true)
      this.logger.warn(
        { requestId: entry.id, team: entry.teamId, model: entry.routedModel },
        "model has no price: the request's cost is unknown (set the model's price in the console)",
      );
  }

  /** Settles (or releases, when nothing was used) without holding the request's state meanwhile. */
  private settle(
    limits: LimitsEngine,
    requestId: string,
    reservation: Reservation,
    cost: number,
    tokens: number,
  ): void {
    const failed = (error: unknown) =>
      this.logger.error({ requestId, err: String(error) }, "budget settle failed");
    const record = ({ thresholds }: SettleResult) => {
      if (thresholds.length > 0) void this.alerts?.record(thresholds);
    };
    if (cost === 0 && tokens === 0) {
      limits.release(reservation).catch(failed);
      return;
    }
    try {
      const settled = limits.settle(reservation, cost, tokens);
      if (settled instanceof Promise) settled.then(record, failed);
      else record(settled);
    } catch (error) {
      failed(error);
    }
  }
}
