/**
 * Management API contracts: one zod-described endpoint per operation, shared by its handler's
 * registration (validation, authorisation: server/admin/register.ts), the console's React Query
 * hooks and the OpenAPI document.
 */
import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type Role = "owner" | "admin" | "member" | "viewer";

/**
 * Who may call an endpoint: a minimum role in the team named by the `teamId` path parameter,
 * "signed-in" (any user; the handler scopes what it returns), "instance-owner", or
 * "team-creator" (the instance owner, or any user when the instance settings let anyone create
 * teams).
 */
export type Access = { team: Role } | "signed-in" | "instance-owner" | "team-creator";

export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  /** Stable operation id, e.g. "keys.create". */
  id: string;
  method: HttpMethod;
  /** Path with `:name` parameters, e.g. "/api/admin/teams/:teamId/keys". */
  path: string;
  summary: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Writes are audited and refused to viewers whatever `access` says. */
  write?: boolean;
  /** Answer 201 instead of 200. */
  created?: boolean;
  /**
   * The response as a CSV file too: served instead of JSON when the query has `format=csv`
   * (declare `format` in the query schema so it is documented and validated).
   */
  csv?(output: z.output<R>): { filename: string; text: string };
}

export const endpoint = <
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(
  definition: Endpoint<P, Q, B, R>,
) => definition;

export type ParamsOf<E> =
  E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.input<P> : never;
export type QueryOf<E> =
  E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.input<Q> : never;
export type BodyOf<E> =
  E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ResponseOf<E> =
  E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;

/** Fill `:name` parameters; values are URI-encoded. */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

export const roleRank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** Error body of every management endpoint. */
export interface AdminErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
