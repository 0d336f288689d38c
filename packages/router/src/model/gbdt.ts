/** Small gradient-boosted trees over dense features (logistic loss), with their weights file format. */
import { z } from "zod";
import { sigmoid } from "./logistic";

/** A tree as flat arrays: node i splits on feature[i] at threshold[i] (x <= t → left), or is a leaf when feature[i] = -1. */
const treeSchema = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
});
export type Tree = z.infer<typeof treeSchema>;

export const gbdtSchema = z.object({
  format: z.literal("switchyard-gbdt"),
  version: z.literal(1),
  name: z.string(),
  target: z.string(),
  featureCount: z.number().int().positive(),
  featureNames: z.array(z.string()),
  base: z.number(),
  trees: z.array(treeSchema),
  training: z.record(z.string(), z.unknown()),
});
export type GbdtModel = z.infer<typeof gbdtSchema>;

export function treeValue(tree: Tree, x: ArrayLike<number>): number {
  let node = 0;
  for (;;) {
    const feature = tree.feature[node] ?? -1;
    if (feature < 0) return tree.value[node] ?? 0;
    node =
      (x[feature] ?? 0) <= (tree.threshold[node] ?? 0)
        ? (tree.left[node] ?? 0)
        : (tree.right[node] ?? 0);
  }
}

function gbdtMargin(model: Pick<GbdtModel, "base" | "trees">, x: ArrayLike<number>): number {
  let margin = model.base;
  for (const tree of model.trees) margin += treeValue(tree, x);
  return margin;
}

export const gbdtProbability = (model: Pick<GbdtModel, "base" | "trees">, x: ArrayLike<number>) =>
  sigmoid(gbdtMargin(model, x));
