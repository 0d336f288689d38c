import { completionUsageSchema } from "@switchyard/core";
import { z } from "zod";

/**
 * What an OpenAI-compatible server sends back. Lenient where compatible servers differ from
 * OpenAI (missing `object`/`created`, unusual finish reasons), strict where we rely on a field.
 */
const toolCall = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullable().optional() }),
});

export const upstreamCompletionSchema = z.looseObject({
  id: z.string().optional(),
  object: z.string().optional(),
  created: z.number().optional(),
  model: z.string().optional(),
  choices: z.array(
    z.looseObject({
      index: z.number().optional(),
      message: z.looseObject({
        role: z.string().optional(),
        content: z.string().nullable().optional(),
        refusal: z.string().nullable().optional(),
        tool_calls: z.array(toolCall).nullable().optional(),
      }),
      finish_reason: z.string().nullable().optional(),
    }),
  ),
  usage: completionUsageSchema.nullable().optional(),
});

export const upstreamChunkSchema = z.looseObject({
  id: z.string().optional(),
  object: z.string().optional(),
  created: z.number().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().optional(),
        delta: z
          .looseObject({
            role: z.string().nullable().optional(),
            content: z.string().nullable().optional(),
            refusal: z.string().nullable().optional(),
            tool_calls: z
              .array(
                z.looseObject({
                  index: z.number().optional(),
                  id: z.string().nullable().optional(),
                  type: z.string().nullable().optional(),
                  function: z
                    .looseObject({
                      name: z.string().nullable().optional(),
                      arguments: z.string().nullable().optional(),
                    })
                    .nullable()
                    .optional(),
                }),
              )
              .nullable()
              .optional(),
          })
          .optional(),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .optional(),
  usage: completionUsageSchema.nullable().optional(),
  error: z.looseObject({ message: z.string().optional() }).optional(),
});

export const openaiErrorBodySchema = z.looseObject({
  error: z.union([
    z.looseObject({
      message: z.string().optional(),
      type: z.string().nullable().optional(),
      code: z.union([z.string(), z.number()]).nullable().optional(),
      param: z.string().nullable().optional(),
    }),
    z.string(),
  ]),
});

export type UpstreamCompletion = z.infer<typeof upstreamCompletionSchema>;
export type UpstreamChunk = z.infer<typeof upstreamChunkSchema>;
