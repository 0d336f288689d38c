/** The alias the New policy form suggests: switchyard/auto, else the first free switchyard/auto-<n>. */
export function freeAlias(taken: readonly string[], base = "switchyard/auto"): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
