/**
 * Keeps a policy's calibration spend within a share of what its traffic costs. A sample pays for
 * every other candidate's answer and a judge's grade of each, so with an expensive candidate a
 * fixed sample rate can cost more than the routing saves (at rate 0.1 with a strong model 16× the
 * cheap one, about a quarter of all spend). The pacer admits a sample only while calibration spend
 * so far, plus what admitted samples are expected to cost, is within `maxShare` of the total
 * (served calls + calibration calls); past it, the policy's sampling pauses until its traffic has
 * paid for the next sample. The effective rate is then the lower of the sample rate and what the
 * share affords, and it falls by itself as the cheaper model takes more of the traffic.
 *
 * Counted from the pacer's start (one process): each instance holds the share, so all of them
 * together do. The first sample is admitted at once and alone (nothing is known of its cost yet);
 * afterwards the share can be exceeded only by the difference between expected and actual
 * sample costs.
 */
export class CalibrationPacer {
  private servedUsd = 0;
  private calibrationUsd = 0;
  private pendingUsd = 0;
  private samples = 0;
  private inFlight = 0;

  /** Mutable: a newly published policy version may change it. */
  constructor(public maxShare: number) {}

  /** A request of the policy was served (sampled or not): its calls' cost. */
  served(usd: number): void {
    if (usd > 0 && Number.isFinite(usd)) this.servedUsd += usd;
  }

  /**
   * Whether a sample may start now. When it may, its expected cost (the mean of the samples so
   * far) is held until `settle` reports the actual one; null when the share is spent.
   */
  admit(): number | null {
    if (this.maxShare <= 0) return null;
    const expected = this.samples > 0 ? this.calibrationUsd / this.samples : 0;
    if (this.maxShare < 1) {
      // Until one sample has shown what a sample costs, one at a time.
      if (this.samples === 0 && this.inFlight > 0) return null;
      const allowed = (this.maxShare / (1 - this.maxShare)) * this.servedUsd;
      if (this.samples > 0 && this.calibrationUsd + this.pendingUsd + expected > allowed)
        return null;
    }
    this.pendingUsd += expected;
    this.inFlight += 1;
    return expected;
  }

  /** An admitted sample ended (graded, failed or dropped): what it held and what it cost. */
  settle(held: number, spentUsd: number): void {
    this.pendingUsd = Math.max(0, this.pendingUsd - held);
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (spentUsd > 0 && Number.isFinite(spentUsd)) {
      this.calibrationUsd += spentUsd;
      this.samples += 1;
    }
  }

  /** Calibration spend as a share of total spend so far (0 before any spend). */
  get share(): number {
    const total = this.servedUsd + this.calibrationUsd;
    return total > 0 ? this.calibrationUsd / total : 0;
  }
}

/**
 * Which candidates a sample grades, by index into `prices` (each candidate's price of the
 * request, in any unit): the served answer (already paid) and every candidate no dearer than it
 * always, each dearer candidate with probability `explore`. Calling the cheap candidates of a
 * request the strong model served costs little and shows where they fail; calling the strong one
 * on a request a cheap model served is what makes samples expensive, and the learner needs it
 * only often enough to keep the dearer models' estimates honest (grades may be any subset).
 * `explore` 1 grades every candidate.
 */
export function candidatesToGrade(
  prices: readonly number[],
  served: number,
  explore: number,
  random: () => number,
): number[] {
  const servedPrice = prices[served] ?? 0;
  const graded: number[] = [];
  prices.forEach((price, m) => {
    if (m === served || price <= servedPrice || explore >= 1 || (explore > 0 && random() < explore))
      graded.push(m);
  });
  return graded;
}

/** Decisions within this margin (decisionMargin) are sampled at the full sample rate. */
export const ADAPTIVE_FULL_MARGIN = 0.05;
/** The least share of the sample rate any routed request keeps (decisions never stop being checked). */
export const ADAPTIVE_FLOOR = 0.2;
/** An artefact fitted on fewer outcomes than this is not trusted to say which decisions are clear. */
export const ADAPTIVE_MIN_OUTCOMES = 100;

/**
 * The share of the sample rate a request is sampled at (a policy's `learning.adaptive`): the full
 * rate until the artefact that routed it was fitted on ADAPTIVE_MIN_OUTCOMES outcomes (an early
 * fit can be confidently wrong, and would then stop checking itself), and then the full rate while
 * its decision is close (margin ≤ 0.05), tapering as 0.05 / margin to a floor of 0.2 for decisions
 * far from the boundary. Outcomes go where they can change a decision; clear cases, which the
 * artefact routes the same either way, are checked less often.
 */
export function adaptiveSampleWeight(margin: number, trainedOn: number): number {
  if (!(trainedOn >= ADAPTIVE_MIN_OUTCOMES) || !(margin > ADAPTIVE_FULL_MARGIN)) return 1;
  return Math.max(ADAPTIVE_FLOOR, ADAPTIVE_FULL_MARGIN / margin);
}
