/**
 * For a file the shipped weights were trained on, `pnpm eval` must use out-of-fold predictions.
 * They come from the cache `pnpm router:train` writes, or are recomputed here the same way.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { logisticWeightsSchema } from "@switchyard/router/training";
import type { RecordScores } from "../../src/eval/decision-source";
import type { Price } from "../../src/eval/outcomes";
import { outOfFold } from "./cross-validate";
import { toRows } from "./dataset";
import { config, prepare } from "./fit";
import { readOutcomeFile } from "./load-outcomes";
import { readOofCache, writeOofCache } from "./oof-cache";
import { oofCachePath, sha256File, weightsDir } from "./paths";

export interface TrainingFile {
  name: string;
  sha256: string;
  rows: number;
}

export function shippedTraining(): {
  files: TrainingFile[];
  weightsSha256: string;
  promptHashes: string;
} {
  const text = readFileSync(resolve(weightsDir, "classifier.json"), "utf8");
  const weights = logisticWeightsSchema.parse(JSON.parse(text));
  const files = (weights.training.files ?? []) as TrainingFile[];
  const promptHashes =
    typeof weights.training.promptHashes === "string" ? weights.training.promptHashes : "";
  return { files, weightsSha256: createHash("sha256").update(text).digest("hex"), promptHashes };
}

export function outOfFoldScores(
  fileSha256: string,
  searchDirs: readonly string[],
  prices: Map<string, Price>,
  log: (message: string) => void,
): Map<string, RecordScores> {
  const training = shippedTraining();
  let cache = readOofCache(oofCachePath);
  if (!cache || cache.weightsSha256 !== training.weightsSha256 || !cache.files[fileSha256]) {
    log(
      `recomputing ${config.folds}-fold out-of-fold predictions (same procedure as pnpm router:train)`,
    );
    const rows = training.files.flatMap((file) => {
      const path = searchDirs
        .map((dir) => resolve(dir, file.name))
        .find((p) => existsSync(p) && sha256File(p) === file.sha256);
      if (!path)
        throw new Error(
          `training file ${file.name} (sha256 ${file.sha256.slice(0, 12)}…) not found in ${searchDirs.join(", ")}`,
        );
      return toRows(
        readOutcomeFile(path),
        prices,
        basename(file.name).replace(/\.jsonl(\.gz)?$/, ""),
      ).map((row) => ({
        ...row,
        fileSha: file.sha256,
      }));
    });
    const oof = outOfFold(prepare(rows));
    const files: Record<string, Record<string, [number, number]>> = {};
    oof.rows.forEach((row, i) => {
      const sha = (rows[i] as { fileSha: string }).fileSha;
      files[sha] ??= {};
      (files[sha] as Record<string, [number, number]>)[row.id] = [
        oof.classifier[i] ?? 0,
        oof.scorer[i] ?? 0,
      ];
    });
    cache = { weightsSha256: training.weightsSha256, files };
    writeOofCache(oofCachePath, cache);
  }
  const entries = cache.files[fileSha256] ?? {};
  return new Map(
    Object.entries(entries).map(([id, [complexity, answerScore]]) => [
      id,
      { complexity, answerScore },
    ]),
  );
}
