/**
 * Passes prompt features through to another sink and, on the way, scores the hashed words with
 * the subject model; finish() then writes one probability a subject into the subject slots.
 * One extraction pass serves both the classifier's dot product and the subject model.
 */
import { addToScores, type SubjectModel, softmaxInPlace } from "../model/subject-model";
import { DENSE_SLOTS, SUBJECT_BASE, SUBJECT_SLOTS } from "./prompt-features";
import type { FeatureSink } from "./sink";

export class SubjectSink implements FeatureSink {
  private readonly scores: Float64Array;
  constructor(
    private readonly model: SubjectModel,
    public inner: FeatureSink,
  ) {
    if (model.names.length > SUBJECT_SLOTS)
      throw new Error(`subject model: ${model.names.length} subjects, at most ${SUBJECT_SLOTS}`);
    this.scores = new Float64Array(model.names.length);
  }
  reset(): void {
    this.scores.fill(0);
  }
  add(index: number, value: number): void {
    this.inner.add(index, value);
    if (index >= DENSE_SLOTS) addToScores(this.model, this.scores, index - DENSE_SLOTS, value);
  }
  /** Writes the subject probabilities to the inner sink and resets for the next prompt. */
  finish(): void {
    softmaxInPlace(this.scores, this.model.temperature);
    for (let s = 0; s < this.scores.length; s++)
      this.inner.add(SUBJECT_BASE + s, this.scores[s] ?? 0);
    this.scores.fill(0);
  }
}
