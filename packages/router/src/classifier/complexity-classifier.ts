/**
 * The complexity classifier: a logistic model over prompt features (with the subject model's
 * probabilities) whose output, in [0, 1], is high when the cheap model is likely to fail and the
 * strong one to succeed (see MODEL_CARD.md). Above the policy's threshold → strong model.
 */
import { DENSE_SLOTS, extractPromptFeatures } from "../features/prompt-features";
import { CollectSink, DotSink, type SparseVector, toSparse } from "../features/sink";
import { SubjectSink } from "../features/subject-sink";
import {
  denseWeights,
  type LogisticWeights,
  logisticWeightsSchema,
  sigmoid,
} from "../model/logistic";
import { loadSubjectModel, type SubjectModel } from "../model/subject-model";

export const classifierSize = (hashBits: number) => DENSE_SLOTS + (1 << hashBits);

/** The prompt's feature vector (subject slots filled when a subject model is given). */
export function classifierVector(
  text: string,
  turns: number,
  hashBits: number,
  subject: SubjectModel | null = null,
): SparseVector {
  const collect = new CollectSink();
  if (!subject) {
    extractPromptFeatures(text, turns, collect, { hashBits });
    return toSparse(collect);
  }
  const sink = new SubjectSink(subject, collect);
  extractPromptFeatures(text, turns, sink, { hashBits });
  sink.finish();
  return toSparse(collect);
}

export interface ComplexityClassifier {
  readonly name: string;
  /** The subject model the classifier reads (the scorer shares it), if any. */
  readonly subject?: SubjectModel | null;
  score(text: string, turns: number): number;
}

export function loadComplexityClassifier(raw: unknown): ComplexityClassifier {
  const file: LogisticWeights = logisticWeightsSchema.parse(raw);
  if (file.size !== classifierSize(file.hashBits))
    throw new Error(
      `classifier weights: size ${file.size} does not match hashBits ${file.hashBits}`,
    );
  const subject = file.subject ? loadSubjectModel(file.subject) : null;
  if (subject && subject.bits > file.hashBits)
    throw new Error(
      `subject model reads ${subject.bits} bits, the classifier hashes ${file.hashBits}`,
    );
  const dot = new DotSink(denseWeights(file));
  const subjectSink = subject ? new SubjectSink(subject, dot) : null;
  const options = { hashBits: file.hashBits };
  return {
    name: file.name,
    subject,
    score(text, turns) {
      dot.reset();
      if (subjectSink) {
        subjectSink.reset();
        extractPromptFeatures(text, turns, subjectSink, options);
        subjectSink.finish();
      } else extractPromptFeatures(text, turns, dot, options);
      return sigmoid(dot.total);
    },
  };
}
