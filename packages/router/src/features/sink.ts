/** Where feature extractors write (index, value) pairs: a dot product at inference, a list in training. */
export interface FeatureSink {
  add(index: number, value: number): void;
}

/** Accumulates w·x directly, so inference allocates nothing. */
export class DotSink implements FeatureSink {
  total = 0;
  constructor(private readonly weights: Float64Array) {}
  reset(): void {
    this.total = 0;
  }
  add(index: number, value: number): void {
    this.total += (this.weights[index] ?? 0) * value;
  }
}

/** Collects the sparse vector (duplicates allowed: they sum). */
export class CollectSink implements FeatureSink {
  readonly indices: number[] = [];
  readonly values: number[] = [];
  add(index: number, value: number): void {
    this.indices.push(index);
    this.values.push(value);
  }
}

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export function toSparse(sink: CollectSink): SparseVector {
  return { indices: Int32Array.from(sink.indices), values: Float64Array.from(sink.values) };
}
