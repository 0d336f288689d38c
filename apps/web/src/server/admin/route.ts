/**
 * Turns a contract and a handler into an HTTP handler: resolves the caller, checks access,
 * validates params, query and body with zod, runs the handler, and returns JSON that matches the
 * contract's response schema. Errors come back as `{ error: { code, message, issues? } }`.
 * Endpoints do not call this directly: they are registered with `register()` (register.ts) and
 * served by the catch-all route app/api/admin/[...path]/route.ts (registry.ts).
 */
import { Prisma as PrismaNamespace } from "@switchyard/db";
import { createLogger } from "@switchyard/server";
import type { z } from "zod";
import { readInstanceSettings } from "@/features/instance/server/instance-settings";
import type { Endpoint } from "@/lib/contract";
import { getPrisma, type Prisma } from "../db";
import { getEnv } from "../env";
import { type Actor, resolveActor } from "./actor";
import { AdminError, badRequest, unauthenticated } from "./errors";
import { checkAccess } from "./permissions";
import { publishChange } from "./publish-change";
import { checkSameOrigin, consoleOrigins } from "./same-origin";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  teamId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface HandlerContext<E extends Endpoint> {
  actor: Actor;
  params: z.output<NonNullable<E["params"]>>;
  query: z.output<NonNullable<E["query"]>>;
  body: z.output<NonNullable<E["body"]>>;
  request: Request;
  prisma: Prisma;
  /** Record a change in the audit log (actor and team filled in). */
  audit(entry: AuditEntry, client?: Pick<Prisma, "auditLog">): Promise<void>;
  /** Tell every gateway instance that keys, config or budgets changed. */
  publish: typeof publishChange;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** A management endpoint as an HTTP handler, called with the path's parameters by name. */
export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

let logger: ReturnType<typeof createLogger> | undefined;
const log = () => (logger ??= createLogger(getEnv().logLevel).child({ component: "admin-api" }));

function issuesOf(error: z.ZodError, prefix: string) {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = issuesOf(result.error, where);
    throw badRequest(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
  }
  return result.data;
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

const toJson = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null",
  );

export function errorResponse(error: unknown): Response {
  if (error instanceof AdminError) {
    const body = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      },
    };
    return Response.json(body, { status: error.status });
  }
  log().error({ err: error }, "management API request failed");
  return Response.json(
    { error: { code: "internal_error", message: "Internal server error" } },
    { status: 500 },
  );
}

export function route<E extends Endpoint>(
  endpoint: E,
  handler: (context: HandlerContext<E>) => Promise<z.input<E["response"]>>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const prisma = getPrisma();
      const actor = await resolveActor(prisma, request);
      if (!actor) throw unauthenticated();
      if (actor.via === "session") {
        checkSameOrigin(request, consoleOrigins(request, getEnv().nextAuthUrl));
      }
      const rawParams = await context.params;
      const params = parse(endpoint.params, rawParams, "params") as
        | Record<string, string>
        | undefined;
      const anyUserCreatesTeams =
        endpoint.access === "team-creator" &&
        (await readInstanceSettings(prisma)).teamCreation === "any_user";
      checkAccess(
        actor,
        endpoint.access,
        endpoint.write ?? false,
        params?.teamId,
        anyUserCreatesTeams,
      );
      const url = new URL(request.url);
      const query = parse(endpoint.query, Object.fromEntries(url.searchParams), "query");
      const body = endpoint.body
        ? parse(endpoint.body, await readBody(request), "body")
        : undefined;
      const audit: HandlerContext<E>["audit"] = async (entry, client = prisma) => {
        await client.auditLog.create({
          data: {
            actorId: actor.userId,
            teamId: entry.teamId === undefined ? (params?.teamId ?? null) : entry.teamId,
            action: entry.action,
            targetType: entry.targetType,
            targetId: entry.targetId ?? null,
            before: jsonColumn(entry.before),
            after: jsonColumn(entry.after),
          },
        });
      };
      const result = await handler({
        actor,
        params: params as HandlerContext<E>["params"],
        query: query as HandlerContext<E>["query"],
        body: body as HandlerContext<E>["body"],
        request,
        prisma,
        audit,
        publish: publishChange,
      });
      const output = endpoint.response.parse(toJson(result));
      if (endpoint.csv && url.searchParams.get("format") === "csv") {
        const file = endpoint.csv(output);
        return new Response(file.text, {
          headers: {
            "content-type": "text/csv; charset=utf-8",
            "content-disposition": `attachment; filename="${file.filename}"`,
          },
        });
      }
      return Response.json(output, { status: endpoint.created ? 201 : 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function jsonColumn(
  value: unknown,
): PrismaNamespace.InputJsonValue | typeof PrismaNamespace.DbNull {
  return value === undefined || value === null
    ? PrismaNamespace.DbNull
    : (toJson(value) as PrismaNamespace.InputJsonValue);
}
