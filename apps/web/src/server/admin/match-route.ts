/**
 * Finds the management endpoint for a request's method and path among the registered path
 * patterns (e.g. "/api/admin/teams/:teamId/keys/:keyId"). As with Next.js's file routes, the most
 * specific pattern wins: compared segment by segment from the left, a literal beats a parameter,
 * so "/teams/:teamId/models/health" is never read as a model id and "/policies/explain" never as
 * a policy. The method is looked up on that pattern only: a path that matches but has no endpoint
 * for the method is a 405 (HEAD is served by GET, as Next.js does for route files).
 */
import type { Endpoint, HttpMethod } from "@/lib/contract";

type Segment = { literal: string } | { param: string };

interface Candidate<T> {
  entry: T;
  segments: Segment[];
}

interface Pattern<T> {
  segments: Segment[];
  methods: Map<HttpMethod, Candidate<T>>;
}

export type RouteMatch<T> =
  | { kind: "found"; entry: T; params: Record<string, string> }
  | { kind: "method-not-allowed"; allow: HttpMethod[] }
  | { kind: "not-found" };

const segmentsOf = (path: string): Segment[] =>
  path
    .split("/")
    .slice(1)
    .map((part) => (part.startsWith(":") ? { param: part.slice(1) } : { literal: part }));

/** Same literals and parameters in the same places, whatever the parameters are called. */
const shapeOf = (segments: Segment[]) =>
  segments.map((s) => ("literal" in s ? `/${s.literal}` : "/:")).join("");

const rank = (segment: Segment | undefined) => (segment && "literal" in segment ? 0 : 1);

/** Literal before parameter, from the left: the more specific pattern sorts first. */
function bySpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = rank(a[i]) - rank(b[i]);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function matches(segments: Segment[], parts: (string | null)[]): boolean {
  if (segments.length !== parts.length) return false;
  return segments.every((segment, i) => {
    const part = parts[i];
    if (part === null || part === undefined) return false;
    return "literal" in segment ? segment.literal === part : part !== "";
  });
}

function paramsOf(segments: Segment[], parts: (string | null)[]): Record<string, string> {
  const params: Record<string, string> = {};
  segments.forEach((segment, i) => {
    if ("param" in segment) params[segment.param] = parts[i] ?? "";
  });
  return params;
}

/** A matcher over `entries`; two entries with the same method and path shape are refused. */
export function createRouteMatcher<T extends { endpoint: Endpoint }>(entries: readonly T[]) {
  const byShape = new Map<string, Pattern<T>>();
  for (const entry of entries) {
    const segments = segmentsOf(entry.endpoint.path);
    const shape = shapeOf(segments);
    const pattern = byShape.get(shape) ?? { segments, methods: new Map() };
    byShape.set(shape, pattern);
    const clash = pattern.methods.get(entry.endpoint.method);
    if (clash) {
      throw new Error(
        `${entry.endpoint.id} and ${clash.entry.endpoint.id} are both ${entry.endpoint.method} ${shape}`,
      );
    }
    pattern.methods.set(entry.endpoint.method, { entry, segments });
  }
  const patterns = [...byShape.values()].sort((a, b) => bySpecificity(a.segments, b.segments));

  return (method: string, pathname: string): RouteMatch<T> => {
    const parts = pathname.split("/").slice(1).map(decode);
    const pattern = patterns.find((p) => matches(p.segments, parts));
    if (!pattern) return { kind: "not-found" };
    const wanted = (method === "HEAD" ? "GET" : method) as HttpMethod;
    const candidate = pattern.methods.get(wanted);
    if (!candidate) return { kind: "method-not-allowed", allow: [...pattern.methods.keys()] };
    return {
      kind: "found",
      entry: candidate.entry,
      params: paramsOf(candidate.segments, parts),
    };
  };
}
