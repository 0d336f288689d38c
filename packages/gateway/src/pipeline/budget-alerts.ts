import type { LimitsStore } from "@switchyard/core";
import type { AddressPolicy } from "@switchyard/core/network";
import { AlertTracker, type BudgetAlertEvent, createWebhookSender } from "@switchyard/limits";
import type { Logger } from "pino";

/**
 * Budget alerts from settle results: each (budget, period, threshold) is recorded once across
 * instances by the LimitsStore (a unique row), then sent to the budget's webhook when it has one.
 * `record` is fire-and-forget on the request path. Deliveries go only to addresses `addressPolicy`
 * allows (public ones, and the internal ones the instance lists).
 */
export function createBudgetAlerts(
  store: LimitsStore,
  logger: Logger,
  addressPolicy?: AddressPolicy,
): AlertTracker {
  const onAlert = async (event: BudgetAlertEvent) => {
    logger.info(
      { budgetId: event.budgetId, threshold: event.threshold, periodStart: event.periodStart },
      "budget alert",
    );
    const webhook = await store.webhookFor(event.budgetId);
    if (webhook === null) return;
    // Delivery retries with backoff and never rejects: not awaited.
    void createWebhookSender({ url: webhook.url, secret: webhook.secret, logger, addressPolicy })(
      event,
    );
  };
  return new AlertTracker({
    store: {
      claim: (event) =>
        store.recordAlert({
          budgetId: event.budgetId,
          periodStart: event.periodStart,
          threshold: event.threshold,
          spentPicos: event.spentPicos,
        }),
    },
    onAlert,
    logger,
  });
}
