import { randomBytes } from "node:crypto";

/** An id in OpenAI's style, e.g. `chatcmpl-…`, `call_…`. */
export const makeId = (prefix: string): string =>
  `${prefix}${randomBytes(12).toString("base64url")}`;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
