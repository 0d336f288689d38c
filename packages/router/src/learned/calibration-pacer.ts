/**
 * Keeps a policy's calibration spend within a share of what its traffic costs. A sample may call
 * expensive candidates, so with a strong model many times the cheap one a fixed sample rate can
 * cost more than the routing saves. The pacer admits a sample only while calibration spend so
 * far, plus what running samples have reserved, is below `maxShare` of the total (served calls +
 * calibration calls); past it, the policy's sampling pauses until its traffic has paid for more.
 * An admitted sample plans its calls within the `room` left (planCalibrationCalls) and reserves
 * what it planned until it settles, so samples running at once do not spend the same room.
 *
 * Counted from the pacer's start (one process): each instance holds the share, so all of them
 * together do. The share can be exceeded by the served answer's grade of one sample (always
 * made) and by the difference between planned and actual costs.
 */
export class CalibrationPacer {
  private servedUsd = 0;
  private calibrationUsd = 0;
  private pendingUsd = 0;

  /** Mutable: a newly published policy version may change it. */
  constructor(public maxShare: number) {}

  /** A request of the policy was served (sampled or not): its calls' cost. */
  served(usd: number): void {
    if (usd > 0 && Number.isFinite(usd)) this.servedUsd += usd;
  }

  /**
   * Whether a sample may start now: the share has room left (the first sample always may).
   * Returns what it holds (0; `reserve` adds its planned cost), or null when the share is spent.
   */
  admit(): number | null {
    if (this.maxShare <= 0) return null;
    if (this.maxShare < 1 && this.calibrationUsd + this.pendingUsd > 0 && this.room() <= 0)
      return null;
    return 0;
  }

  /** A running sample planned calls of this expected cost: held until it settles. */
  reserve(usd: number): number {
    const held = usd > 0 && Number.isFinite(usd) ? usd : 0;
    this.pendingUsd += held;
    return held;
  }

  /** An admitted sample ended (graded, failed or dropped): what it held and what it cost. */
  settle(held: number, spentUsd: number): void {
    this.pendingUsd = Math.max(0, this.pendingUsd - held);
    if (spentUsd > 0 && Number.isFinite(spentUsd)) this.calibrationUsd += spentUsd;
  }

  /**
   * What calibration may still spend now (USD; Infinity with no cap): the share's allowance of
   * the traffic so far, less what was spent and what running samples reserved.
   */
  room(): number {
    if (this.maxShare >= 1) return Number.POSITIVE_INFINITY;
    if (this.maxShare <= 0) return 0;
    const allowed = (this.maxShare / (1 - this.maxShare)) * this.servedUsd;
    return Math.max(0, allowed - this.calibrationUsd - this.pendingUsd);
  }

  /** Calibration spend as a share of total spend so far (0 before any spend). */
  get share(): number {
    const total = this.servedUsd + this.calibrationUsd;
    return total > 0 ? this.calibrationUsd / total : 0;
  }
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
