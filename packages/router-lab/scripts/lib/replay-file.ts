/**
 * The file mock-llm replays. An outcome file may record only whether an answer was right
 * (response null); mock-llm would then answer with a placeholder that the cascade's scorer would
 * read as a real, bad answer. The copy it replays instead has those responses empty, which the
 * scorer treats as missing (it falls back on the classifier), as it does in the in-process eval.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { OutcomeRecord } from "../../src/eval/outcomes";

export const hasMissingResponses = (records: readonly OutcomeRecord[]) =>
  records.some((record) =>
    Object.values(record.outcomes).some((outcome) => typeof outcome.response !== "string"),
  );

/** Records with every missing response as "" (nothing else changes). */
export function withEmptyResponses(records: readonly OutcomeRecord[]): OutcomeRecord[] {
  return records.map((record) => ({
    ...record,
    outcomes: Object.fromEntries(
      Object.entries(record.outcomes).map(([model, outcome]) => [
        model,
        { ...outcome, response: outcome.response ?? "" },
      ]),
    ),
  }));
}

/** `dataPath` itself, or a temporary copy with missing responses made empty; `dispose` removes it. */
export function replayFileFor(
  dataPath: string,
  records: readonly OutcomeRecord[],
): { path: string; dispose: () => void } {
  if (!hasMissingResponses(records)) return { path: dataPath, dispose: () => {} };
  const dir = mkdtempSync(join(tmpdir(), "switchyard-replay-"));
  const path = join(dir, "replay.jsonl.gz");
  const lines = withEmptyResponses(records).map((record) => JSON.stringify(record));
  writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
