/**
 * Deterministic histogram gradient boosting for logistic loss (soft labels, sample weights):
 * features cut into quantile bins once, depth-limited trees grown level by level, Newton leaves.
 */
import { sigmoid, type Tree } from "@switchyard/router/training";

export interface GbdtOptions {
  trees: number;
  depth: number;
  learningRate: number;
  bins: number;
  /** L2 on leaf values. */
  lambda: number;
  minHessian: number;
}

export interface DenseExample {
  x: Float64Array;
  y: number;
  weight: number;
}

function binEdges(values: number[], bins: number): number[] {
  const sorted = values.slice().sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const value = sorted[Math.floor((b * sorted.length) / bins)] ?? 0;
    if (edges.length === 0 || value > (edges[edges.length - 1] ?? 0)) edges.push(value);
  }
  return edges;
}

export function trainGbdt(
  examples: readonly DenseExample[],
  featureCount: number,
  options: GbdtOptions,
): { base: number; trees: Tree[] } {
  const n = examples.length;
  const edges: number[][] = [];
  const binned: Uint8Array[] = [];
  for (let f = 0; f < featureCount; f++) {
    const e = binEdges(
      examples.map((ex) => ex.x[f] ?? 0),
      options.bins,
    );
    edges.push(e);
    const column = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = examples[i]?.x[f] ?? 0;
      let b = 0;
      while (b < e.length && v > (e[b] ?? 0)) b++;
      column[i] = b;
    }
    binned.push(column);
  }
  let weightSum = 0;
  let ySum = 0;
  for (const ex of examples) {
    weightSum += ex.weight;
    ySum += ex.weight * ex.y;
  }
  const mean = Math.min(0.999, Math.max(0.001, ySum / weightSum));
  const base = Math.log(mean / (1 - mean));
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: Tree[] = [];
  const maxBins = options.bins + 1;

  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < n; i++) {
      const ex = examples[i] as DenseExample;
      const p = sigmoid(margin[i] ?? 0);
      g[i] = (p - ex.y) * ex.weight;
      h[i] = Math.max(1e-6, p * (1 - p)) * ex.weight;
    }
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const nodeOf = new Int32Array(n);
    const addNode = () => {
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      return tree.feature.length - 1;
    };
    addNode();
    let frontier = [0];
    for (let level = 0; level <= options.depth && frontier.length > 0; level++) {
      // slot of each frontier node, so one pass per feature fills every node's histogram
      const slotOf = new Int32Array(tree.feature.length).fill(-1);
      frontier.forEach((node, slot) => {
        slotOf[node] = slot;
      });
      const width = frontier.length;
      const G = new Float64Array(width);
      const H = new Float64Array(width);
      for (let i = 0; i < n; i++) {
        const slot = slotOf[nodeOf[i] ?? 0] ?? -1;
        if (slot < 0) continue;
        G[slot] = (G[slot] ?? 0) + (g[i] ?? 0);
        H[slot] = (H[slot] ?? 0) + (h[i] ?? 0);
      }
      const best = frontier.map(() => ({ gain: 1e-9, feature: -1, bin: -1 }));
      frontier.forEach((node, slot) => {
        tree.value[node] =
          (-(G[slot] ?? 0) / ((H[slot] ?? 0) + options.lambda)) * options.learningRate;
      });
      if (level < options.depth) {
        const gHist = new Float64Array(width * maxBins);
        const hHist = new Float64Array(width * maxBins);
        for (let f = 0; f < featureCount; f++) {
          const e = edges[f] as number[];
          if (e.length === 0) continue;
          gHist.fill(0);
          hHist.fill(0);
          const column = binned[f] as Uint8Array;
          for (let i = 0; i < n; i++) {
            const slot = slotOf[nodeOf[i] ?? 0] ?? -1;
            if (slot < 0) continue;
            const k = slot * maxBins + (column[i] ?? 0);
            gHist[k] = (gHist[k] ?? 0) + (g[i] ?? 0);
            hHist[k] = (hHist[k] ?? 0) + (h[i] ?? 0);
          }
          for (let slot = 0; slot < width; slot++) {
            const Gs = G[slot] ?? 0;
            const Hs = H[slot] ?? 0;
            if (Hs < 2 * options.minHessian) continue;
            const parentScore = (Gs * Gs) / (Hs + options.lambda);
            let GL = 0;
            let HL = 0;
            for (let b = 0; b < e.length; b++) {
              GL += gHist[slot * maxBins + b] ?? 0;
              HL += hHist[slot * maxBins + b] ?? 0;
              const GR = Gs - GL;
              const HR = Hs - HL;
              if (HL < options.minHessian || HR < options.minHessian) continue;
              const gain =
                (GL * GL) / (HL + options.lambda) + (GR * GR) / (HR + options.lambda) - parentScore;
              const current = best[slot] as { gain: number; feature: number; bin: number };
              if (gain > current.gain) best[slot] = { gain, feature: f, bin: b };
            }
          }
        }
      }
      const next: number[] = [];
      const childOf = new Map<number, [number, number, number, number]>();
      frontier.forEach((node, slot) => {
        const split = best[slot];
        if (!split || split.feature < 0) return;
        const left = addNode();
        const right = addNode();
        tree.feature[node] = split.feature;
        tree.threshold[node] = edges[split.feature]?.[split.bin] ?? 0;
        tree.left[node] = left;
        tree.right[node] = right;
        childOf.set(node, [split.feature, split.bin, left, right]);
        next.push(left, right);
      });
      for (let i = 0; i < n; i++) {
        const child = childOf.get(nodeOf[i] ?? 0);
        if (!child) continue;
        const [feature, bin, left, right] = child;
        nodeOf[i] = ((binned[feature] as Uint8Array)[i] ?? 0) <= bin ? left : right;
      }
      frontier = next;
    }
    for (let i = 0; i < n; i++) margin[i] = (margin[i] ?? 0) + (tree.value[nodeOf[i] ?? 0] ?? 0);
    // Internal nodes keep their value for inspection only; prediction reads leaves.
    trees.push(tree);
  }
  return { base, trees };
}
