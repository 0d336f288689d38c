import type { SwitchyardError } from "@switchyard/core";

/**
 * A request that failed after it was routed: the error to answer with (in the caller's dialect)
 * and where the request was going, for the x-switchyard-model and x-switchyard-route headers.
 */
export class RoutedFailure extends Error {
  constructor(
    readonly error: SwitchyardError,
    readonly routedModel: string | null,
    readonly routeReason: string,
  ) {
    super(error.message);
    this.name = "RoutedFailure";
  }
}
