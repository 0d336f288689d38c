/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: minimises a smooth convex
 * objective given its value and gradient. Deterministic: no randomness, a fixed iteration order.
 */
import { runSync, type Steps } from "./steps";

export interface Objective {
  /** Writes the gradient at `x` into `gradient` and returns the value. */
  evaluate(x: Float64Array, gradient: Float64Array): number;
}

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the value improves by less than this share of itself in one iteration. */
  relativeTolerance: number;
  history: number;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i] as number) * (b[i] as number);
  return total;
};

export interface Minimum {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
}

/** The minimisation, one step per iteration (see steps.ts). */
export function* minimiseSteps(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions,
): Steps<Minimum> {
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let evaluations = 1;
  let value = objective.evaluate(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(n);
  const alphas = new Float64Array(options.history);
  let nextX = new Float64Array(n);
  let nextGradient = new Float64Array(n);
  let iteration = 0;
  for (; iteration < options.maxIterations; iteration++) {
    // Two-loop recursion: direction = -H·gradient.
    for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
    for (let k = steps.length - 1; k >= 0; k--) {
      const alpha = (rhos[k] as number) * dot(steps[k] as Float64Array, direction);
      alphas[k] = alpha;
      const change = changes[k] as Float64Array;
      for (let i = 0; i < n; i++)
        direction[i] = (direction[i] as number) - alpha * (change[i] as number);
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const y = changes[last] as Float64Array;
      const scale = dot(steps[last] as Float64Array, y) / dot(y, y);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * scale;
    } else {
      const norm = Math.sqrt(dot(gradient, gradient));
      if (norm === 0) break;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) / Math.max(1, norm);
    }
    for (let k = 0; k < steps.length; k++) {
      const beta = (rhos[k] as number) * dot(changes[k] as Float64Array, direction);
      const step = steps[k] as Float64Array;
      const coefficient = (alphas[k] as number) - beta;
      for (let i = 0; i < n; i++)
        direction[i] = (direction[i] as number) + coefficient * (step[i] as number);
    }
    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
      slope = dot(gradient, direction);
      if (slope === 0) break;
    }
    let size = 1;
    let nextValue = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) nextX[i] = (x[i] as number) + size * (direction[i] as number);
      nextValue = objective.evaluate(nextX, nextGradient);
      evaluations++;
      if (nextValue <= value + 1e-4 * size * slope) break;
      size /= 2;
      yield;
    }
    if (!(nextValue < value)) break;
    const step = new Float64Array(n);
    const change = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      step[i] = (nextX[i] as number) - (x[i] as number);
      change[i] = (nextGradient[i] as number) - (gradient[i] as number);
    }
    const curvature = dot(step, change);
    if (curvature > 1e-12) {
      if (steps.length === options.history) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(step);
      changes.push(change);
      rhos.push(1 / curvature);
    }
    const improvement = value - nextValue;
    [x, nextX] = [nextX, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    if (improvement <= options.relativeTolerance * Math.max(1, Math.abs(value))) {
      iteration++;
      break;
    }
    yield;
  }
  return { x, value, iterations: iteration, evaluations };
}

export function minimise(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions,
): Minimum {
  return runSync(minimiseSteps(objective, start, options));
}
