import { SwitchyardError } from "@switchyard/core";
import { z } from "zod";

/** Settings every provider accepts in ModelInfo.settings. */
export const commonSettingsSchema = z.looseObject({
  /** Extra headers sent to the upstream on every request. */
  headers: z.record(z.string(), z.string()).optional(),
});

/** Validate a model's provider settings (stored JSON) with a provider's schema. */
export function readSettings<S extends z.ZodType>(
  schema: S,
  settings: unknown,
  model: string,
): z.output<S> {
  const result = schema.safeParse(settings ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new SwitchyardError(
    `Model ${model} has invalid provider settings at ${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`,
    { status: 500, code: "invalid_model_settings", type: "api_error" },
  );
}

export const trimSlash = (url: string): string => url.replace(/\/+$/, "");
