import { describe, expect, it } from "vitest";
import { createRandom } from "./hash";
import { generateFromSchema } from "./schema-value";
import { conforms } from "./test-helpers";

const generate = (schema: unknown, seed = 7) => generateFromSchema(schema, createRandom(seed));

describe("generateFromSchema", () => {
  const schemas: Array<[string, Record<string, unknown>]> = [
    ["string with length bounds", { type: "string", minLength: 30, maxLength: 40 }],
    ["enum", { enum: ["red", "green", "blue"] }],
    ["const", { const: 42 }],
    ["integer range", { type: "integer", minimum: -5, maximum: 5 }],
    ["exclusive number bounds", { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 }],
    ["multipleOf", { type: "integer", minimum: 10, maximum: 100, multipleOf: 7 }],
    ["only a maximum", { type: "integer", maximum: -50 }],
    ["nullable type list", { type: ["string", "null"] }],
    [
      "array bounds and unique items",
      {
        type: "array",
        items: { enum: ["a", "b", "c", "d"] },
        minItems: 3,
        maxItems: 3,
        uniqueItems: true,
      },
    ],
    [
      "tuple",
      { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], minItems: 2 },
    ],
    [
      "nested objects with required",
      {
        type: "object",
        properties: {
          order: {
            type: "object",
            properties: {
              items: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    sku: { type: "string", format: "uuid" },
                    quantity: { type: "integer", minimum: 1 },
                  },
                  required: ["sku", "quantity"],
                  additionalProperties: false,
                },
              },
              email: { type: "string", format: "email" },
            },
            required: ["items", "email"],
          },
        },
        required: ["order"],
      },
    ],
    [
      "$ref to $defs",
      {
        type: "object",
        properties: { home: { $ref: "#/$defs/address" }, work: { $ref: "#/$defs/address" } },
        required: ["home"],
        $defs: {
          address: {
            type: "object",
            properties: { street: { type: "string" }, zip: { type: "string", maxLength: 5 } },
            required: ["street", "zip"],
          },
        },
      },
    ],
    [
      "allOf merge",
      {
        allOf: [
          { type: "object", properties: { a: { type: "integer" } }, required: ["a"] },
          { properties: { b: { type: "boolean" } }, required: ["b"] },
        ],
      },
    ],
    [
      "anyOf",
      {
        anyOf: [
          { type: "null" },
          { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
        ],
      },
    ],
    ["required without properties", { type: "object", required: ["note"] }],
  ];

  for (const [name, schema] of schemas) {
    it(`conforms: ${name}`, () => {
      for (const seed of [1, 2, 3, 99, 12345])
        expect(conforms(schema, generate(schema, seed))).toBe(true);
    });
  }

  it("treats Gemini's upper-case types like JSON Schema types", () => {
    const value = generate({
      type: "OBJECT",
      properties: { n: { type: "INTEGER" }, ok: { type: "BOOLEAN" } },
    });
    expect(
      conforms(
        { type: "object", properties: { n: { type: "integer" }, ok: { type: "boolean" } } },
        value,
      ),
    ).toBe(true);
  });

  it("produces well-formed formats", () => {
    expect(
      Number.isNaN(Date.parse(generate({ type: "string", format: "date-time" }) as string)),
    ).toBe(false);
    expect(generate({ type: "string", format: "uuid" })).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(generate({ type: "string", format: "uri" })).toMatch(/^https:\/\/example\.com\/\w+$/);
  });

  it("is deterministic for a seed and terminates on recursive schemas", () => {
    const schema = {
      type: "object",
      properties: { word: { type: "string" }, count: { type: "integer" } },
    };
    expect(generate(schema, 5)).toEqual(generate(schema, 5));
    const tree = {
      $ref: "#/$defs/node",
      $defs: { node: { type: "object", properties: { child: { $ref: "#/$defs/node" } } } },
    };
    expect(() => generate(tree)).not.toThrow();
  });
});
