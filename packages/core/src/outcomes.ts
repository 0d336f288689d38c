/** Where a graded answer came from. */
export type OutcomeSource = "calibration" | "feedback";

/** One candidate model's graded answer to a request. */
export interface OutcomeGrade {
  /** 0..1 (a judge's 1–10 grade / 10, a feedback score, thumbs up 1 / down 0). */
  quality: number;
  inputTokens?: number;
  outputTokens?: number;
  costPicos?: number;
}

/** One graded observation of a team's traffic: what the learned router trains on. */
export interface OutcomeRecord {
  teamId: string;
  policyId: string | null;
  /** The request log id the outcome is about. */
  requestId: string;
  source: OutcomeSource;
  /** Who graded: `judge:<model>` for calibration, `key:<apiKeyId>` for feedback. */
  sourceId: string;
  tags: string[];
  /** The router's features of the prompt (an @switchyard/router Outcome without grades), or null. */
  features: unknown;
  /** The prompt's text, only when the team logs content. */
  promptText: string | null;
  /** Per candidate model. */
  grades: Record<string, OutcomeGrade>;
  comment: string | null;
  createdAt: Date;
}

/** Where outcomes are kept (PostgreSQL in production, memory in tests and evaluations). */
export interface OutcomeStore {
  /** Insert, or replace the outcome with the same requestId, source and sourceId. */
  upsert(outcome: OutcomeRecord): Promise<void>;
  /** A team's outcomes, newest first (optionally of one policy), at most `limit` (default 10,000). */
  list(teamId: string, options?: { policyId?: string; limit?: number }): Promise<OutcomeRecord[]>;
}
