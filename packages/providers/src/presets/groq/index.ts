import { completionUsageSchema } from "@switchyard/core";
import { z } from "zod";
import { createOpenAICompatibleAdapter } from "../../openai";

const groqUsageSchema = z.looseObject({ x_groq: z.looseObject({ usage: completionUsageSchema }) });

/** Groq: accepts both token-limit fields; reports usage in x_groq.usage of the last chunk; rejects logprobs, top_logprobs and logit_bias */
export const groqAdapter = createOpenAICompatibleAdapter({
  kind: "groq",
  displayName: "Groq",
  defaultBaseUrl: "https://api.groq.com/openai/v1",
  quirks: {
    maxTokensField: "as-sent",
    streamUsage: "stream_options",
    dropFields: ["logprobs", "top_logprobs", "logit_bias"],
    usageFromChunk: (chunk) => {
      const parsed = groqUsageSchema.safeParse(chunk);
      return parsed.success ? parsed.data.x_groq.usage : null;
    },
  },
});
