/**
 * The API endpoints the OpenAPI document describes beside the management API: those of the
 * gateway that are Switchyard's own (the OpenAI- and Anthropic-compatible ones are described by
 * those providers). Authenticated by an API key, errors in OpenAI's shape.
 */
import { feedbackRequestSchema } from "@switchyard/gateway";
import { z } from "zod";

const feedbackResponseSchema = z.object({
  object: z.literal("feedback"),
  request_id: z.string(),
  score: z.number().min(0).max(1).describe("The grade recorded for the served answer, 0..1"),
  created: z.number().int().describe("Seconds since the epoch"),
});

const openAIErrorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["message", "type"],
      properties: {
        message: { type: "string" },
        type: { type: "string" },
        code: { type: ["string", "null"] },
        param: { type: ["string", "null"] },
      },
    },
  },
} as const;

const json = (type: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(type, { io, unrepresentable: "any", target: "draft-2020-12" });

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/OpenAIError" } } },
});

export const gatewaySecurityScheme = {
  type: "http",
  scheme: "bearer",
  description: "A team's API key (sk-sy-...), as for /v1/chat/completions",
} as const;

export const gatewaySchemas = { OpenAIError: openAIErrorSchema };

export function gatewayPaths(): Record<string, Record<string, unknown>> {
  return {
    "/v1/feedback": {
      post: {
        operationId: "gateway.feedback",
        summary:
          "Grade an answer the team was served: exactly one of score (0..1) and thumbs; the same key grading the same request again replaces its grade",
        tags: ["gateway"],
        security: [{ apiKey: [] }],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: json(feedbackRequestSchema, "input") },
          },
        },
        responses: {
          "200": {
            description: "Recorded",
            content: {
              "application/json": { schema: json(feedbackResponseSchema, "output") },
            },
          },
          "400": error("Invalid body (param names the field) or a request that got no answer"),
          "401": error("Missing or invalid API key"),
          "404": error(
            "No such request in the key's team (or not recorded yet: retry in a few seconds)",
          ),
          "503": error("The feedback could not be stored right now: retry"),
        },
      },
    },
  };
}
