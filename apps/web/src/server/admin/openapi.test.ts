import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./openapi";
import { adminEndpoints } from "./registry";

describe("OpenAPI document", () => {
  it("describes every management endpoint with its parameters and response schema", () => {
    const document = buildOpenApi(adminEndpoints);
    expect(document.openapi).toBe("3.1.0");
    for (const endpoint of adminEndpoints) {
      const path = endpoint.path.replace(/:([A-Za-z]+)/g, "{$1}");
      const operation = document.paths[path]?.[endpoint.method.toLowerCase()] as
        | { operationId: string; parameters: { name: string; in: string }[] }
        | undefined;
      expect(operation?.operationId).toBe(endpoint.id);
      for (const name of endpoint.path.match(/:([A-Za-z]+)/g) ?? []) {
        expect(operation?.parameters).toContainEqual(
          expect.objectContaining({ name: name.slice(1), in: "path" }),
        );
      }
    }
    expect(Object.keys(document.paths)).toContain("/api/admin/teams");
  });

  it("describes POST /v1/feedback, authenticated by an API key, with its body's fields", () => {
    const document = buildOpenApi(adminEndpoints);
    const operation = document.paths["/v1/feedback"]?.post as {
      security: unknown[];
      requestBody: { content: { "application/json": { schema: { properties: object } } } };
    };
    expect(operation.security).toEqual([{ apiKey: [] }]);
    expect(
      Object.keys(operation.requestBody.content["application/json"].schema.properties).sort(),
    ).toEqual(["comment", "request_id", "score", "thumbs"]);
    expect(document.components.securitySchemes.apiKey.scheme).toBe("bearer");
  });
});
