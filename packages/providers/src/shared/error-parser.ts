import type { SwitchyardError } from "@switchyard/core";
import type { z } from "zod";
import {
  classifyUpstreamError,
  type HeaderBag,
  plainErrorMessage,
  type UpstreamErrorDetails,
} from "./upstream-error";

/** What a provider's error body says, once its schema matched. */
export interface ReadError {
  details: UpstreamErrorDetails;
  /** The status the error really stands for, when the provider's HTTP status says otherwise. */
  status?: number;
  /** Headers to classify with (e.g. a retry delay the body gave instead of retry-after). */
  headers?: HeaderBag;
}

/**
 * A provider's error parser: its body schema and how to read a matching body. A body that is not
 * JSON or does not match is classified from the status with a plain message; never a crash.
 */
export function errorParser<T>(
  displayName: string,
  schema: z.ZodType<T>,
  read: (body: T, status: number, headers: HeaderBag) => ReadError,
  unwrap: (json: unknown) => unknown = (json) => json,
): (status: number, headers: HeaderBag, bodyText: string) => SwitchyardError {
  return (status, headers, bodyText) => {
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
    const body = schema.safeParse(unwrap(json));
    if (!body.success) {
      return classifyUpstreamError(displayName, status, headers, {
        message: plainErrorMessage(status, bodyText),
      });
    }
    const found = read(body.data, status, headers);
    return classifyUpstreamError(
      displayName,
      found.status ?? status,
      found.headers ?? headers,
      found.details,
    );
  };
}
