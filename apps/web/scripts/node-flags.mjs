/**
 * The V8 flags the production server runs with (`pnpm start`, `pnpm --filter @switchyard/web
 * start`, the memory benchmark). Heap sizes are fixed when V8 starts, so they are command-line
 * flags of the server's `node`, not settings the server reads itself. See apps/web/ENV.md.
 *
 * - SWITCHYARD_SEMI_SPACE_MB (default 32, `0`: V8's default of 16): the young generation's semi
 *   space. Each request allocates a few hundred KB that die young; with 16 MB at thousands of
 *   requests a second, scavenges promote in-flight requests into the old generation, which then
 *   grows (and RSS with it) until a major GC. 32 MB halves the scavenges and the promotion.
 * - SWITCHYARD_HEAP_GROWING_PERCENT (default 50, `0`: V8's own factor, up to 4x): how far the old
 *   generation may grow past what the last full collection kept before the next one. V8's factor
 *   lets a 150 MB live heap reach 600 MB of mostly garbage under load; 50% bounds it, for more
 *   frequent (concurrent) full collections.
 * - SWITCHYARD_MAX_OLD_SPACE_MB (default 0: V8's default, from the machine's memory): a ceiling for
 *   the old generation; V8 collects harder as the heap nears it and the process ends with an
 *   out-of-memory error past it.
 */
const settings = [
  ["SWITCHYARD_SEMI_SPACE_MB", "--max-semi-space-size", 32, 1, 256, "MB"],
  ["SWITCHYARD_HEAP_GROWING_PERCENT", "--heap-growing-percent", 50, 10, 300, "%"],
  ["SWITCHYARD_MAX_OLD_SPACE_MB", "--max-old-space-size", 0, 128, 1_048_576, "MB"],
];

/** node flags for `env`; throws one line naming the variable on a bad value. */
export function productionNodeFlags(env = process.env) {
  const flags = [];
  for (const [name, flag, fallback, min, max, unit] of settings) {
    const raw = env[name]?.trim();
    const value = raw === undefined || raw === "" ? fallback : Number(raw);
    if (!Number.isInteger(value) || (value !== 0 && (value < min || value > max))) {
      throw new Error(
        `${name} must be 0 (V8's default) or a whole number (${unit}) from ${min} to ${max}`,
      );
    }
    if (value !== 0) flags.push(`${flag}=${value}`);
  }
  return flags;
}
