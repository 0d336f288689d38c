/** k-fold out-of-fold predictions, a held-out split and leave-one-source-out transfer. */
import { bucketOf } from "./dataset";
import { config, fitAll, type PreparedRow, predict } from "./fit";

export interface Scored {
  rows: PreparedRow[];
  classifier: number[];
  scorer: number[];
}

/** Predictions for `test` from models fitted on `train`. */
export function fitAndScore(train: readonly PreparedRow[], test: readonly PreparedRow[]): Scored {
  const predictions = predict(test, fitAll(train));
  return { rows: test.slice(), ...predictions };
}

export function outOfFold(rows: readonly PreparedRow[], folds = config.folds): Scored {
  const classifier = new Array<number>(rows.length).fill(0);
  const scorer = new Array<number>(rows.length).fill(0);
  const foldOf = rows.map((row) => bucketOf(row.id, "fold", folds));
  for (let fold = 0; fold < folds; fold++) {
    const train = rows.filter((_, i) => foldOf[i] !== fold);
    const testIndex = rows.map((_, i) => i).filter((i) => foldOf[i] === fold);
    const scored = fitAndScore(
      train,
      testIndex.map((i) => rows[i] as PreparedRow),
    );
    testIndex.forEach((rowIndex, j) => {
      classifier[rowIndex] = scored.classifier[j] ?? 0;
      scorer[rowIndex] = scored.scorer[j] ?? 0;
    });
  }
  return { rows: rows.slice(), classifier, scorer };
}

/**
 * Leave-group-out: each group of the rows that `test` keeps is scored by models fitted on every
 * other row (other groups and other sources), so no model has seen a prompt of the group.
 */
export function leaveGroupOut(
  rows: readonly PreparedRow[],
  test: (row: PreparedRow) => boolean,
): Scored {
  const tested = rows.filter(test);
  const groups = [...new Set(tested.map((row) => row.group))].sort();
  const parts = groups.map((group) =>
    fitAndScore(
      rows.filter((row) => row.group !== group),
      tested.filter((row) => row.group === group),
    ),
  );
  return {
    rows: parts.flatMap((part) => part.rows),
    classifier: parts.flatMap((part) => part.classifier),
    scorer: parts.flatMap((part) => part.scorer),
  };
}

export const isHeldOut = (row: { id: string }) =>
  bucketOf(row.id, "held-out", 100) < config.heldOutPercent;

export function only(scored: Scored, keep: (row: PreparedRow) => boolean): Scored {
  const index = scored.rows.map((_, i) => i).filter((i) => keep(scored.rows[i] as PreparedRow));
  return {
    rows: index.map((i) => scored.rows[i] as PreparedRow),
    classifier: index.map((i) => scored.classifier[i] ?? 0),
    scorer: index.map((i) => scored.scorer[i] ?? 0),
  };
}
