/**
 * Refits learned routers on a schedule: every `intervalMs`, each published policy's learned
 * targets are checked, and a target is refitted when it has enough usable outcomes and enough new
 * ones since its last version (train-policy.ts `refitDue`). Every instance runs one; the target
 * lock makes sure only one of them fits a given target, and the others find the new version and
 * skip it. The timer is unref'd (it never keeps a process alive) and `stop` waits for a round in
 * progress. A round reads the routing snapshot once; nothing of this touches the request path
 * except that a fit runs on this process's CPU.
 */
import { learnedTargetsOf } from "@switchyard/gateway";
import {
  type LearningPorts,
  type PolicyTraining,
  type RefitRule,
  trainTargets,
} from "./train-policy";

export interface RetrainScheduler {
  /** One round now (the timer runs the same); resolves with what each policy did. */
  runOnce(): Promise<PolicyTraining[]>;
  /** Stop the timer and wait for a round in progress. */
  stop(): Promise<void>;
}

export interface RetrainSchedulerOptions {
  /** Milliseconds between rounds; 0 = no timer (`runOnce` still works). */
  intervalMs: number;
  rule?: Partial<RefitRule>;
}

export function startRetrainScheduler(
  ports: LearningPorts,
  options: RetrainSchedulerOptions,
): RetrainScheduler {
  const { logger } = ports;
  let running: Promise<PolicyTraining[]> | null = null;
  let stopped = false;

  const round = async (): Promise<PolicyTraining[]> => {
    const snapshot = await ports.config.loadSnapshot();
    const results: PolicyTraining[] = [];
    for (const policy of learnedTargetsOf(snapshot)) {
      if (stopped) break;
      if (policy.targets.length === 0 || policy.error !== undefined) continue;
      // Between policies, let the requests waiting on this process run.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const result = await trainTargets(ports, policy, {
          mode: "scheduled",
          ...(options.rule === undefined ? {} : { rule: options.rule }),
        });
        results.push(result);
      } catch (error) {
        logger?.error(
          {
            teamId: policy.teamId,
            policyId: policy.policyId,
            err: error instanceof Error ? error.message : String(error),
          },
          "learned router training failed",
        );
      }
    }
    return results;
  };

  const runOnce = (): Promise<PolicyTraining[]> => {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  };

  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          if (running !== null || stopped) return;
          runOnce().catch((error) =>
            logger?.error(
              { err: error instanceof Error ? error.message : String(error) },
              "learned router training round failed",
            ),
          );
        }, options.intervalMs)
      : null;
  timer?.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
