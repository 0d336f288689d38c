import { z } from "zod";

/** Longest feedback comment (characters). */
export const FEEDBACK_COMMENT_MAX = 2_000;

/**
 * POST /v1/feedback: a grade of one answer the gateway served, by the key's team. Exactly one of
 * `score` (0 to 1) and `thumbs` ("up" = 1, "down" = 0).
 */
export const feedbackRequestSchema = z
  .object({
    request_id: z
      .string()
      .trim()
      .min(1, "request_id is required: the x-request-id of the response")
      .max(256),
    score: z.number().min(0).max(1).optional(),
    thumbs: z.enum(["up", "down"]).optional(),
    comment: z.string().max(FEEDBACK_COMMENT_MAX).nullable().optional(),
  })
  .superRefine((body, context) => {
    if ((body.score === undefined) === (body.thumbs === undefined)) {
      context.addIssue({
        code: "custom",
        path: [body.score === undefined ? "score" : "thumbs"],
        message: 'send exactly one of score (a number from 0 to 1) and thumbs ("up" or "down")',
      });
    }
  });

export type FeedbackRequest = z.output<typeof feedbackRequestSchema>;

/** The quality a feedback gives the served answer, 0..1. */
export const feedbackQuality = (body: FeedbackRequest): number =>
  body.score ?? (body.thumbs === "up" ? 1 : 0);

/** What POST /v1/feedback answers (200). */
export interface FeedbackResponse {
  object: "feedback";
  request_id: string;
  score: number;
  /** Seconds since the epoch, when the feedback was recorded. */
  created: number;
}
