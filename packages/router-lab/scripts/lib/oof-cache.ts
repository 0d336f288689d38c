/** Out-of-fold predictions for the training files, so `pnpm eval` never scores a row with a model trained on it. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";

export const oofCacheSchema = z.object({
  /** sha256 of the shipped classifier weights file these predictions belong to. */
  weightsSha256: z.string(),
  files: z.record(z.string(), z.record(z.string(), z.tuple([z.number(), z.number()]))),
});
export type OofCache = z.infer<typeof oofCacheSchema>;

export function readOofCache(path: string): OofCache | null {
  if (!existsSync(path)) return null;
  const parsed = oofCacheSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  return parsed.success ? parsed.data : null;
}

export function writeOofCache(path: string, cache: OofCache): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(cache));
}
