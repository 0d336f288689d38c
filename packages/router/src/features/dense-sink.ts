import type { FeatureSink } from "./sink";

/** Writes features into a fixed-size dense vector; indices past its end are dropped. */
export class DenseSink implements FeatureSink {
  constructor(readonly values: Float64Array) {}
  add(index: number, value: number): void {
    if (index < this.values.length) this.values[index] = (this.values[index] ?? 0) + value;
  }
}
