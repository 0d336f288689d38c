import type { RouteTrace } from "@switchyard/router";

/** What a cascade's LLM judge said: a score in [0, 1], or null and why it failed. */
export interface JudgeVerdict {
  model: string;
  threshold: number;
  score: number | null;
  /** Why the judge gave no grade: the error code, "unparseable" or "model_not_found". */
  failure?: string;
}

/** A cascade's decision: `score` and `threshold` are the judge's when it graded, else the local scorer's. */
export interface CascadeVerdict {
  score: number;
  threshold: number;
  escalated: boolean;
  /** The strong plan failed after an escalation; the cheap answer was served. */
  strongFailed?: boolean;
  /** Present when the policy names a judge: its grade, or why it failed (the local scorer decided). */
  judge?: JudgeVerdict;
}

/** A policy route: the router's own trace, and the policy version that decided. */
export interface PolicyTrace extends RouteTrace {
  policy: string;
  version: number;
}

/** Any other route (the requested model, a team or policy default): the steps taken. */
export interface StepsTrace {
  steps: string[];
}

/** What happened to the route after the decision: a cascade's verdict, a budget downgrade. */
export interface TraceExtras {
  cascadeResult?: CascadeVerdict;
  downgradedTo?: string;
  /** Answered from the policy's response cache: what the cached answer cost when it was made. */
  cache?: { hit: true; savedUsd: string };
}

/** The trace a request carries from the decision to its log row (`route_trace`) and the explain view. */
export type RequestTrace = (PolicyTrace | StepsTrace) & TraceExtras;
