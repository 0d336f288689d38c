/**
 * The learned router's view of a request: the classifier's prompt features (one extraction) and
 * the request's tags. `outcomeOf` records exactly what `decide` will read, so training and
 * serving see the same features.
 */
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import { hashString } from "../features/hash";
import { extractPromptFeatures } from "../features/prompt-features";
import { promptOf } from "../features/request-text";
import type { FeatureSink } from "../features/sink";
import type { RoutingRequest } from "../policy/request";
import { type Grade, OUTCOME_FEATURE_VERSION, OUTCOME_HASH_BITS, type Outcome } from "./outcome";

export interface SparseFeatures {
  indices: number[];
  values: number[];
}

/** Collects (index, value) pairs, then merges duplicates into ascending unique indices. */
class MergeSink implements FeatureSink {
  private readonly values = new Map<number, number>();
  add(index: number, value: number): void {
    this.values.set(index, (this.values.get(index) ?? 0) + value);
  }
  result(): SparseFeatures {
    const indices = [...this.values.keys()].sort((a, b) => a - b);
    return { indices, values: indices.map((index) => this.values.get(index) ?? 0) };
  }
}

/** The prompt's features in the outcome layout (OUTCOME_HASH_BITS buckets after the dense cues). */
export function promptFeatures(text: string, turns: number): SparseFeatures {
  const sink = new MergeSink();
  extractPromptFeatures(text, turns, sink, { hashBits: OUTCOME_HASH_BITS });
  return sink.result();
}

const TAG_LIMIT = 32;

/**
 * The request's tags: `task:<task>` when the caller declared one, `key:<keyId>`, then the tags it
 * sent (`request.tags`, e.g. from metadata), deduplicated, at most 32. A tag is a string; the
 * learner estimates each candidate's quality per tag (shrunk toward the global estimate).
 */
export function requestTags(request: RoutingRequest): string[] {
  const tags: string[] = [];
  if (request.task) tags.push(`task:${request.task}`);
  if (request.keyId) tags.push(`key:${request.keyId}`);
  for (const tag of request.tags ?? []) {
    if (tags.length >= TAG_LIMIT) break;
    if (tag.length > 0 && tag.length <= 200 && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** A stable key for the prompt's text (FNV-1a of the text, both halves), for held-out splits. */
export function promptKeyOf(text: string): string {
  const a = hashString(text);
  const b = hashString(text, a ^ 0x5bd1e995);
  return `${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}`;
}

/**
 * The outcome the gateway stores for a graded request: the features, tags and classifier prior
 * `decide` reads (pass the classifier the policy compiles with), and each candidate's grade.
 */
export function outcomeOf(
  request: RoutingRequest,
  grades: Record<string, Grade>,
  options: { classifier?: ComplexityClassifier; weight?: number } = {},
): Outcome {
  const { text, turns } = promptOf(request.messages);
  return {
    featureVersion: OUTCOME_FEATURE_VERSION,
    promptKey: promptKeyOf(text),
    features: promptFeatures(text, turns),
    tags: requestTags(request),
    grades,
    ...(options.classifier && { prior: options.classifier.score(text, turns) }),
    ...(options.weight !== undefined && { weight: options.weight }),
  };
}
