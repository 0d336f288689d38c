/**
 * The bounded background runner of calibration samples. A sampled request is offered when its
 * client has the whole answer; the runner then, out of band (`schedule`, setImmediate by default),
 * computes the router's features of the prompt, records the request's own log row with them and
 * queues the sample. At most `concurrency` samples run at once; past `maxQueue` waiting samples an
 * offer is dropped and counted (its row is recorded at once). Nothing here holds a request's
 * resources: the request was settled and answered before.
 */
import { CalibrationPacer, GradeTally, outcomeOf } from "@switchyard/router";
import type { LedgerClose } from "../accounting/request-ledger";
import { AbortSource } from "../execute/abort-source";
import { type CalibrateDeps, calibrate } from "./calibrate";
import type { CalibrationJob } from "./calibration-job";

export interface CalibrationStats {
  /** Samples waiting (offered, not yet running). */
  queued: number;
  running: number;
  /** Samples whose outcome was written. */
  graded: number;
  /** Samples dropped because the queue was full. */
  droppedQueueFull: number;
  /** Samples that ended without an outcome: a call failed or was refused, or shutdown. */
  failed: number;
  /** Judge replies that were not a grade (that candidate's grade was left out). */
  judgeUnparseable: number;
  /** Drawn samples not taken because the policy's calibration share was spent (maxShare). */
  paused: number;
}

/** Injectable for deterministic tests: the sampling draw and how out-of-band work is started. */
export interface CalibrationHooks {
  /** Uniform in [0, 1); a request is sampled when it is below the policy's sampleRate. */
  random?: () => number;
  /** Runs `task` after the current response has been handed to the transport. */
  schedule?: (task: () => void) => void;
}

interface Offer {
  job: CalibrationJob;
  closed: LedgerClose;
  record: (closed: LedgerClose) => void;
}

const DROP_LOG_INTERVAL_MS = 1_000;
const picosToUsd = (picos: number) => picos / 1e12;

export class CalibrationRunner {
  readonly random: () => number;
  private readonly schedule: (task: () => void) => void;
  private readonly offered = new Set<Offer>();
  private readonly queue: { job: CalibrationJob; features: unknown }[] = [];
  private running = 0;
  private closing = false;
  private lastDropLog = 0;
  private readonly signal = new AbortSource();
  private waiters: (() => void)[] = [];
  private readonly counts = {
    graded: 0,
    droppedQueueFull: 0,
    failed: 0,
    judgeUnparseable: 0,
    paused: 0,
  };
  /** Per policy: its calibration spend against its traffic's, since this process started. */
  private readonly pacers = new Map<string, CalibrationPacer>();
  /** Per policy and candidate list: the grades seen since this process started (GradeTally). */
  private readonly tallies = new Map<string, GradeTally>();

  constructor(
    private readonly deps: CalibrateDeps,
    private readonly limits: { maxQueue: number; concurrency: number },
    hooks: CalibrationHooks = {},
  ) {
    this.random = hooks.random ?? Math.random;
    this.signal.setMaxListeners(limits.concurrency + 1);
    this.schedule = hooks.schedule ?? ((task) => setImmediate(task));
  }

  private pacer(policyId: string, maxShare: number): CalibrationPacer {
    let pacer = this.pacers.get(policyId);
    if (pacer === undefined) {
      pacer = new CalibrationPacer(maxShare);
      this.pacers.set(policyId, pacer);
    }
    pacer.maxShare = maxShare;
    return pacer;
  }

  /** The policy's grades so far, per tag key and candidate (a new candidate list starts anew). */
  tally(policyId: string, candidates: readonly string[]): GradeTally {
    const key = `${policyId}\n${candidates.join("\n")}`;
    let tally = this.tallies.get(key);
    if (tally === undefined) {
      tally = new GradeTally(candidates);
      this.tallies.set(key, tally);
    }
    return tally;
  }

  /** A request of a learning policy is over: what its calls cost (the pacer's denominator). */
  served(policyId: string, maxShare: number, costPicos: number): void {
    this.pacer(policyId, maxShare).served(picosToUsd(costPicos));
  }

  /**
   * A drawn sample may start when the policy's calibration spend leaves room for it: what it is
   * expected to cost (USD, held until `settle`), or null (counted as paused).
   */
  admit(policyId: string, maxShare: number): number | null {
    const held = this.pacer(policyId, maxShare).admit();
    if (held === null) this.counts.paused += 1;
    return held;
  }

  /** USD the policy's calibration may still spend now (Infinity with no cap). */
  room(policyId: string): number {
    return this.pacers.get(policyId)?.room() ?? Number.POSITIVE_INFINITY;
  }

  /** An admitted sample is over (graded, failed or never started): release its hold. */
  settle(policyId: string, held: number, spentPicos: number): void {
    this.pacers.get(policyId)?.settle(held, picosToUsd(spentPicos));
  }

  /** Samples waiting: offered and not yet prepared, or queued. */
  get depth(): number {
    return this.offered.size + this.queue.length;
  }

  /**
   * A sampled request is over and answered: `record` (its log row and settlement) runs out of
   * band with the prompt's features on the row, then the sample waits for a worker.
   */
  offer(job: CalibrationJob, closed: LedgerClose, record: (closed: LedgerClose) => void): void {
    if (this.closing || this.depth >= this.limits.maxQueue) {
      if (this.closing) this.counts.failed += 1;
      else this.dropped();
      this.settle(job.policyId, job.held, 0);
      record(closed);
      return;
    }
    const offer = { job, closed, record };
    this.offered.add(offer);
    this.schedule(() => this.prepare(offer));
  }

  stats(): CalibrationStats {
    return { queued: this.depth, running: this.running, ...this.counts };
  }

  /** Resolves when nothing is waiting or running (tests, evaluations). */
  idle(): Promise<void> {
    if (this.depth === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Shutting down: no new samples; waiting ones are dropped (counted as failed; their requests'
   * rows are recorded now); running ones get `graceMs` to finish, then their calls are aborted.
   */
  async close(graceMs: number): Promise<void> {
    this.closing = true;
    for (const offer of [...this.offered]) this.prepare(offer);
    for (const waiting of this.queue.splice(0)) {
      this.counts.failed += 1;
      this.settle(waiting.job.policyId, waiting.job.held, 0);
    }
    if (this.running > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([this.idle(), late]);
      clearTimeout(timer);
      if (this.running > 0) this.signal.abort();
    }
    await this.idle();
  }

  private dropped(): void {
    this.counts.droppedQueueFull += 1;
    const now = Date.now();
    if (now - this.lastDropLog < DROP_LOG_INTERVAL_MS) return;
    this.lastDropLog = now;
    this.deps.logger.warn(
      { dropped: this.counts.droppedQueueFull, maxQueue: this.limits.maxQueue },
      "calibration queue full; sample dropped",
    );
  }

  private prepare(offer: Offer): void {
    if (!this.offered.delete(offer)) return;
    const { job, closed } = offer;
    let features: unknown;
    try {
      const { grades: _grades, ...withoutGrades } = outcomeOf(
        job.learning.routingRequest,
        {},
        { classifier: job.classifier },
      );
      features = withoutGrades;
      closed.entry.routingFeatures = features;
    } catch (error) {
      this.deps.logger.error({ requestId: job.requestId, err: String(error) }, "features failed");
    }
    offer.record(closed);
    if (features === undefined || this.closing) {
      this.counts.failed += 1;
      this.settle(job.policyId, job.held, 0);
      this.settled();
      return;
    }
    this.queue.push({ job, features });
    this.pump();
  }

  private pump(): void {
    while (this.running < this.limits.concurrency && this.queue.length > 0) {
      const next = this.queue.shift() as { job: CalibrationJob; features: unknown };
      this.running += 1;
      let spentPicos = 0;
      let held = next.job.held;
      const { policyId } = next.job;
      // Each sample's calls listen on its own signal, which follows the runner's (close aborts
      // them all): the runner's signal holds one listener per running sample, not one per call.
      const signal = new AbortSource();
      const unlink = this.signal.onAbort(() => signal.abort(this.signal.reason));
      calibrate(this.deps, next.job, next.features, signal, {
        random: this.random,
        unparseable: () => {
          this.counts.judgeUnparseable += 1;
        },
        paid: (costPicos) => {
          spentPicos += costPicos;
        },
        room: () => this.room(policyId),
        reserve: (usd) => {
          held += this.pacers.get(policyId)?.reserve(usd) ?? 0;
        },
        tally: (candidates) => this.tally(policyId, candidates),
      })
        .then(
          (result) => {
            this.counts[result] += 1;
          },
          (error) => {
            this.counts.failed += 1;
            this.deps.logger.error(
              { requestId: next.job.requestId, err: String(error) },
              "calibration sample crashed",
            );
          },
        )
        .finally(() => {
          unlink();
          this.settle(policyId, held, spentPicos);
          this.running -= 1;
          this.pump();
          this.settled();
        });
    }
  }

  private settled(): void {
    if (this.depth > 0 || this.running > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
