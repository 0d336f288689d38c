/** Errors of the management API, turned into `{ error: { code, message, issues? } }`. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = "AdminError";
  }
}

export const badRequest = (message: string, issues?: { path: string; message: string }[]) =>
  new AdminError(400, "invalid_request", message, issues);
export const unauthenticated = () =>
  new AdminError(
    401,
    "unauthenticated",
    "Sign in, or send an admin token as Authorization: Bearer.",
  );
export const forbidden = (message = "Your role does not allow this.") =>
  new AdminError(403, "forbidden", message);
export const notFound = (what = "Not found") => new AdminError(404, "not_found", what);
export const conflict = (message: string) => new AdminError(409, "conflict", message);
export const methodNotAllowed = (method: string, allowed: readonly string[]) =>
  new AdminError(
    405,
    "method_not_allowed",
    `${method} is not allowed here; this path takes ${allowed.join(", ")}.`,
  );

/** A create repeated with an idempotency key that already made something (see the contract). */
export const alreadyCreated = (message: string) => new AdminError(409, "already_created", message);

/** True for PostgreSQL's unique violation as Prisma reports it (P2002). */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
