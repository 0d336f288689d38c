import type { ChangeFeed, ChangeTopic } from "@switchyard/core";
import type { Budget, FailMode, RateLimitSpec } from "./budget-spec";
import { errorMessage } from "./store-failure";
import type { LimitsEngine, LimitsLogger } from "./types";

/** Everything an engine needs from storage, loaded at start and whenever it changes. */
export interface LimitsSnapshot {
  budgets: Budget[];
  rateLimits: RateLimitSpec[];
  /** Team id → fail mode; teams not listed fail closed. */
  failModes: Record<string, FailMode>;
}

export type LimitsConfigurable = Pick<
  LimitsEngine,
  "setBudgets" | "setRateLimits" | "setFailModes"
>;

export function applyLimitsSnapshot(engine: LimitsConfigurable, snapshot: LimitsSnapshot): void {
  engine.setBudgets(snapshot.budgets);
  engine.setRateLimits(snapshot.rateLimits);
  engine.setFailModes(snapshot.failModes);
}

export interface FollowLimitChangesOptions {
  feed: ChangeFeed;
  engine: LimitsConfigurable;
  load: () => Promise<LimitsSnapshot>;
  /** Topics that trigger a reload; budgets and config (fail modes live on the team) by default. */
  topics?: readonly ChangeTopic[];
  logger?: LimitsLogger;
  /** Called after each snapshot is applied. */
  onApplied?: (snapshot: LimitsSnapshot) => void;
}

/**
 * Loads the snapshot, applies it, and reloads it whenever another instance announces a change.
 * Reloads never overlap: changes that arrive during one trigger exactly one more.
 */
export async function followLimitChanges(options: FollowLimitChangesOptions) {
  const topics = new Set<ChangeTopic>(options.topics ?? ["budgets", "config"]);
  let running: Promise<void> | null = null;
  let again = false;

  const loadOnce = async () => {
    const snapshot = await options.load();
    applyLimitsSnapshot(options.engine, snapshot);
    options.onApplied?.(snapshot);
  };

  const reload = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await loadOnce();
        } catch (error) {
          options.logger?.error(
            { err: errorMessage(error) },
            "reloading budgets and limits failed",
          );
        }
      } while (again);
      running = null;
    })();
    return running;
  };

  await loadOnce();
  const unsubscribe = await options.feed.subscribe((message) => {
    if (topics.has(message.topic)) void reload();
  });
  return { reload, stop: unsubscribe };
}
