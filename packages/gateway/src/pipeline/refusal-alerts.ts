import type {
  AdmitRequest,
  AdmitResult,
  AlertTracker,
  LimitsEngine,
  MaybePromise,
  Reservation,
  ReserveMoreResult,
} from "@switchyard/limits";

/**
 * The limits engine as the gateway uses it: a budget refusal's thresholds (what the refusing
 * budget's spend has reached, see RefusalThresholds) go to the alert tracker, like a settle's, so
 * a budget's alerts fire while its calls are being refused. Every caller (requests, retries and
 * fallbacks, judges, calibration calls) goes through it. Answers without a promise when the
 * engine does; the tracker dedups per (budget, period, threshold) and is not awaited.
 */
export function withRefusalAlerts(engine: LimitsEngine, alerts: AlertTracker): LimitsEngine {
  const report = <T extends AdmitResult | ReserveMoreResult>(result: T): T => {
    if (!result.ok && result.thresholds !== undefined && result.thresholds.length > 0)
      void alerts.record(result.thresholds);
    return result;
  };
  const wrapped: LimitsEngine = {
    admit(request: AdmitRequest): MaybePromise<AdmitResult> {
      const result = engine.admit(request);
      return result instanceof Promise ? result.then(report) : report(result);
    },
    reserveMore: (reservation: Reservation, extra: number, now?: number) =>
      engine.reserveMore(reservation, extra, now).then(report),
    settle: (reservation, cost, tokens, now) => engine.settle(reservation, cost, tokens, now),
    release: (reservation, now) => engine.release(reservation, now),
    setBudgets: (budgets) => engine.setBudgets(budgets),
    hasBudget: (teamId, apiKeyId) => engine.hasBudget(teamId, apiKeyId),
    setRateLimits: (limits) => engine.setRateLimits(limits),
    setFailModes: (modes) => engine.setFailModes(modes),
    rebuildFromLog: (spend) => engine.rebuildFromLog(spend),
    usage: (budgetId, now) => engine.usage(budgetId, now),
    renewHeld: (now) => engine.renewHeld(now),
    metrics: () => engine.metrics(),
    close: () => engine.close(),
  };
  if (engine.setRebuildSource)
    wrapped.setRebuildSource = (source) => engine.setRebuildSource?.(source);
  if (engine.ping) wrapped.ping = () => engine.ping?.() ?? Promise.resolve();
  return wrapped;
}
