/**
 * Default locations: the repo root, ../shared/eval next to it, the router package (training writes
 * the weights and the model card it ships) and this package (the out-of-fold cache).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const labDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const repoRoot = resolve(labDir, "../..");
export const routerDir = resolve(repoRoot, "packages/router");
export const defaultDataDir = resolve(repoRoot, "../shared/eval");
export const weightsDir = resolve(routerDir, "weights");
export const oofCachePath = resolve(labDir, ".cache/oof.json");

export const sha256File = (path: string) =>
  createHash("sha256").update(readFileSync(path)).digest("hex");

/** --name value flags; unknown flags are an error. */
export function parseFlags(
  argv: readonly string[],
  allowed: readonly string[],
): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") continue;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (!allowed.includes(name))
      throw new Error(
        `unknown flag --${name} (allowed: ${allowed.map((a) => `--${a}`).join(", ")})`,
      );
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}
