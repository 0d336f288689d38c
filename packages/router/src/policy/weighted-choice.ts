/** Weighted random choice among equivalent deployments; the RNG is injectable for tests. */
export type Random = () => number;

export function weightedChoice<T extends { weight: number }>(
  options: readonly T[],
  random: Random,
): T | undefined {
  let total = 0;
  for (const option of options) total += option.weight;
  let point = random() * total;
  for (const option of options) {
    point -= option.weight;
    if (point < 0) return option;
  }
  return options[options.length - 1];
}
