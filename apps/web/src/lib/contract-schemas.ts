/** Schema pieces shared by the management API contracts (features/<feature>/contract.ts). */
import { z } from "zod";

/** An http(s) URL, with an example in the message a wrong value gets. */
export const httpUrlSchema = (example: string) =>
  z
    .string()
    .trim()
    .url(`a URL such as ${example}`)
    .refine((value) => /^https?:\/\//.test(value), "http:// or https:// only");

/** A name a model is asked for by: a model alias or a policy's alias. */
export const modelAliasSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, "letters, digits and . _ : / - only");

/**
 * A create request's idempotency key: chosen by the client once per thing it means to create (the
 * console makes one per form and a new one after each success), sent again unchanged on a retry.
 */
export const idempotencyKeySchema = z
  .string()
  .min(16)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only")
  .optional()
  .describe(
    "Idempotency key (16-100 letters, digits, _ or -), one per resource the client means to create: a request repeating it (a double submit, a retry after a lost response) creates nothing new",
  );
