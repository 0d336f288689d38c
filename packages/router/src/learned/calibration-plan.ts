/**
 * Which candidates a calibration sample calls: the value of information of each grade against
 * its price. The learner models every candidate's quality on its own (per tag, shrunk, plus the
 * prompt's features), so an outcome may grade any subset of the candidates: the served answer
 * is always graded (it is paid already; only the judge's call is added), and each other
 * candidate is called with a probability that grows with how much its grade can still change a
 * decision and shrinks with what it costs, within the room the policy's calibration share leaves
 * (CalibrationPacer.room).
 *
 * Value of a grade of candidate m on a request with tag key t, from the tally of grades so far
 * (a Beta(1, 1) posterior of m's mean grade on t): its standard deviation sd (uncertainty; it
 * falls as 1/√n as the tag's grades converge), times how close m is to the decision boundary:
 * exp(−z²/2) with z = (r − minQuality)/(sd/p_best), r = p_m/p_best its relative quality (1 for the
 * tag's best candidate, which every relative quality is measured against), floored at
 * PLAN_FLOOR so that every candidate keeps a chance of being called everywhere. Probabilities
 * are π_m = min(1, θ·value_m/cost_m) with θ chosen so that the expected cost Σ π_m·cost_m spends
 * the room (water-filling); `explore` < 1 scales the dearer candidates' probabilities further.
 *
 * Selection bias: whether a grade is observed depends only on what is known before the call (the
 * request's tag, its price, the served model, the grades of earlier requests), never on the
 * grade itself, so the grades are missing at random given the learner's own inputs and its
 * likelihood fit needs no reweighting; the floor keeps every (candidate, tag) pair observable.
 */

/** A policy's default `learning.warmup`: grades per candidate taken whatever the room. */
export const DEFAULT_WARMUP = 5;
/** A policy's default `learning.taperAfter`: a tag key's outcomes before its rate tapers. */
export const DEFAULT_TAPER_AFTER = 15;

/** Least share of a candidate's value kept however far it is from the boundary. */
export const PLAN_FLOOR = 0.1;

/** Tokens of the grading instructions around a conversation and its answer (grading-prompt). */
export const GRADING_OVERHEAD_TOKENS = 130;
/** Tokens of a judge's reply (one integer). */
export const GRADING_OUTPUT_TOKENS = 2;

/** Per-million prices of a model. */
export interface PerMillion {
  input: number;
  output: number;
}

/** What a call of `price` costs (USD) for a request of these token counts. */
export const callUsd = (price: PerMillion, inputTokens: number, outputTokens: number) =>
  (inputTokens * price.input + outputTokens * price.output) / 1e6;

/** The expected cost of the judge's grade of one answer (USD). */
export const gradeUsd = (judge: PerMillion, inputTokens: number, outputTokens: number) =>
  callUsd(judge, GRADING_OVERHEAD_TOKENS + inputTokens + outputTokens, GRADING_OUTPUT_TOKENS);

/** Grades seen so far, per tag key and candidate (count and sum). */
export class GradeTally {
  private readonly byKey = new Map<string, { n: Float64Array; sum: Float64Array }>();
  /** Grades per candidate over every tag key. */
  readonly totals: Float64Array;

  constructor(private readonly models: readonly string[]) {
    this.totals = new Float64Array(models.length);
  }

  /** The key of a request's tags (order-free; "" when untagged). */
  static key(tags: readonly string[]): string {
    return [...new Set(tags)].sort().join("\n");
  }

  private entry(key: string) {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      const k = this.models.length;
      entry = { n: new Float64Array(k), sum: new Float64Array(k) };
      this.byKey.set(key, entry);
    }
    return entry;
  }

  private readonly outcomeCounts = new Map<string, number>();

  /** Outcomes recorded on a tag key. */
  outcomes(key: string): number {
    return this.outcomeCounts.get(key) ?? 0;
  }

  /**
   * The share of the sample rate a request on this tag key is drawn at (a policy's
   * `learning.taperAfter` = T): 1 until the key has T outcomes, then (T/n)² — the rate is high
   * while the tag's estimates are uncertain and tapers as they converge (a tag's estimate gains
   * little from its hundredth outcome). 0 turns the taper off.
   */
  taper(key: string, after: number): number {
    const n = this.outcomes(key);
    return after > 0 && n > after ? (after / n) ** 2 : 1;
  }

  /** An outcome's grades (quality 0..1 per model name). */
  add(key: string, grades: Readonly<Record<string, { quality: number }>>): void {
    const entry = this.entry(key);
    this.outcomeCounts.set(key, this.outcomes(key) + 1);
    this.models.forEach((model, m) => {
      const grade = grades[model];
      if (grade === undefined || !Number.isFinite(grade.quality)) return;
      entry.n[m] = (entry.n[m] as number) + 1;
      this.totals[m] = (this.totals[m] as number) + 1;
      entry.sum[m] = (entry.sum[m] as number) + grade.quality;
    });
  }

  counts(key: string): { n: ArrayLike<number>; sum: ArrayLike<number> } {
    const entry = this.byKey.get(key);
    const k = this.models.length;
    return entry ?? { n: new Float64Array(k), sum: new Float64Array(k) };
  }
}

export interface PlanInput {
  /** Expected USD of each candidate's answer to this request (price order or any order). */
  answerUsd: readonly number[];
  /** Expected USD of the judge's grade of each candidate's answer. */
  gradeUsd: readonly number[];
  /** The index of the served candidate (always graded). */
  served: number;
  /** USD the sample may spend beyond grading the served answer (Infinity: no cap). */
  room: number;
  /** The policy's explore: a further factor on the dearer candidates' probabilities. */
  explore: number;
  minQuality: number;
  /** Grades so far on this request's tag key (GradeTally.counts). */
  tally: { n: ArrayLike<number>; sum: ArrayLike<number> };
  /**
   * Grades of each candidate so far over all tags (GradeTally.totals) and the policy's `warmup`:
   * a candidate with fewer is called whatever the room (the loan is repaid by pausing later).
   */
  totals: ArrayLike<number>;
  warmup: number;
  random: () => number;
}

/** Each candidate's value of a grade (see the module's comment). */
export function gradeValues(
  tally: PlanInput["tally"],
  k: number,
  minQuality: number,
): Float64Array {
  const p = new Float64Array(k);
  const sd = new Float64Array(k);
  let best = 0;
  for (let m = 0; m < k; m++) {
    const n = (tally.n[m] as number) ?? 0;
    const q = (((tally.sum[m] as number) ?? 0) + 1) / (n + 2);
    p[m] = q;
    sd[m] = Math.sqrt((q * (1 - q)) / (n + 3));
    if (q > (p[best] as number)) best = m;
  }
  const top = p[best] as number;
  const values = new Float64Array(k);
  let reference = 0;
  for (let m = 0; m < k; m++) {
    if (m === best) continue;
    const s = sd[m] as number;
    const z = ((p[m] as number) / top - minQuality) / (s / top);
    const closeness = Math.max(PLAN_FLOOR, Math.exp(-0.5 * z * z));
    values[m] = s * closeness;
    reference += closeness;
  }
  // The best candidate's quality divides every relative quality: its grade informs each decision.
  values[best] = (sd[best] as number) * Math.max(1, reference);
  return values;
}

/**
 * The candidates a sample grades, by index: the served one, those still in warmup, and those
 * drawn (module comment). Drawn candidates are taken in index order while they fit the room, so
 * a sample never spends more than its room beyond the served grade and the warmup calls.
 */
export function planCalibrationCalls(input: PlanInput): number[] {
  const { answerUsd, served } = input;
  const k = answerUsd.length;
  const values = gradeValues(input.tally, k, input.minQuality);
  const cost = (m: number) =>
    Math.max(1e-12, (answerUsd[m] as number) + ((input.gradeUsd[m] as number) ?? 0));
  const servedPrice = answerUsd[served] as number;
  const scale = (m: number) =>
    (answerUsd[m] as number) > servedPrice ? Math.max(0, Math.min(1, input.explore)) : 1;
  const warm = (m: number) => ((input.totals[m] as number) ?? 0) < input.warmup;
  const others = Array.from({ length: k }, (_, m) => m).filter((m) => m !== served);
  const drawable = others.filter((m) => !warm(m));
  // Neyman allocation: grades of a candidate in proportion to value / √cost.
  const probability = (theta: number, m: number) =>
    Math.min(1, (theta * (values[m] as number)) / Math.sqrt(cost(m))) * scale(m);
  const spend = (theta: number) =>
    drawable.reduce((a, m) => a + probability(theta, m) * cost(m), 0);
  const room = Math.max(0, input.room);
  let theta: number;
  if (room === Number.POSITIVE_INFINITY || spend(1e30) <= room) theta = 1e30;
  else {
    let low = 0;
    let high = 1;
    while (spend(high) < room) high *= 2;
    for (let i = 0; i < 60; i++) {
      const mid = (low + high) / 2;
      if (spend(mid) <= room) low = mid;
      else high = mid;
    }
    theta = low;
  }
  const graded = [served];
  let left = room;
  for (const m of others) {
    // One draw per candidate, always taken (the sequence of draws does not depend on the plan).
    const u = input.random();
    if (warm(m)) graded.push(m);
    else if (u < probability(theta, m) && cost(m) <= left) {
      graded.push(m);
      left -= cost(m);
    }
  }
  return graded.sort((a, b) => a - b);
}
