/**
 * `@switchyard/core/network`: which addresses the instance may connect to for a team (provider
 * base URLs, budget webhooks), and the connect-time guard that enforces it. Node only (DNS).
 */
export * from "./address-policy";
export * from "./guarded-lookup";
