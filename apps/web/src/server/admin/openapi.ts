/** The OpenAPI 3.1 document of the management API, generated from the contracts. */
import { z } from "zod";
import type { Endpoint } from "@/lib/contract";
import { gatewayPaths, gatewaySchemas, gatewaySecurityScheme } from "./openapi-gateway";

const schema = (type: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(type, { io, unrepresentable: "any", target: "draft-2020-12" });

function parameters(endpoint: Endpoint) {
  const list: unknown[] = [];
  for (const [where, type] of [
    ["path", endpoint.params],
    ["query", endpoint.query],
  ] as const) {
    if (!type) continue;
    const json = schema(type, "input") as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return list;
}

export function buildOpenApi(endpoints: readonly Endpoint[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const path = endpoint.path.replace(/:([A-Za-z]+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][endpoint.method.toLowerCase()] = {
      operationId: endpoint.id,
      summary: endpoint.summary,
      tags: [endpoint.id.split(".")[0]],
      "x-switchyard-access": endpoint.access,
      parameters: parameters(endpoint),
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schema(endpoint.body, "input") } },
            },
          }
        : {}),
      responses: {
        [endpoint.created ? "201" : "200"]: {
          description: "OK",
          content: {
            "application/json": { schema: schema(endpoint.response, "output") },
            ...(endpoint.csv && { "text/csv": { schema: { type: "string" } } }),
          },
        },
        default: {
          description: "Error",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Switchyard management API", version: "1" },
    components: {
      securitySchemes: {
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "An admin token (sya-...) from the console",
        },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
        apiKey: gatewaySecurityScheme,
      },
      schemas: {
        ...gatewaySchemas,
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { path: { type: "string" }, message: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
    security: [{ adminToken: [] }, { session: [] }],
    paths: { ...paths, ...gatewayPaths() },
  };
}
