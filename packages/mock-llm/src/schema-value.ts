import type { Random } from "./hash";
import { WORDS } from "./words";

/**
 * Generates a value that conforms to a JSON Schema (the subset providers accept for tool
 * parameters and structured output): type (also Gemini's upper-case OpenAPI types), enum, const,
 * properties/required, items/prefixItems, min/max items, numeric bounds, string length and common
 * formats, anyOf/oneOf/allOf and local $ref. `pattern` is not honoured.
 */
type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;

const isSchema = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const numberOr = (value: unknown, fallback: number | undefined): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : fallback;

export function generateFromSchema(schema: unknown, random: Random): unknown {
  return valueFor(schema, random, isSchema(schema) ? schema : {}, 0);
}

function valueFor(input: unknown, random: Random, root: Schema, depth: number): unknown {
  if (!isSchema(input)) return words(random, 2);
  const schema = resolve(input, root);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return random.pick(schema.enum);
  const union = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : null;
  if (union && union.length > 0) {
    const options = union.filter(
      (option) => !(isSchema(option) && typeName(option, root) === "null"),
    );
    return valueFor(options.length > 0 ? options[0] : union[0], random, root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return valueFor(mergeAll(schema, root), random, root, depth + 1);
  }
  switch (typeName(schema, root)) {
    case "object":
      return depth >= MAX_DEPTH ? {} : objectFor(schema, random, root, depth);
    case "array":
      return depth >= MAX_DEPTH ? [] : arrayFor(schema, random, root, depth);
    case "integer":
      return integerFor(schema, random);
    case "number":
      return numberFor(schema, random);
    case "boolean":
      return random.next() < 0.5;
    case "null":
      return null;
    default:
      return stringFor(schema, random);
  }
}

function resolve(schema: Schema, root: Schema): Schema {
  let current = schema;
  for (let hops = 0; hops < MAX_DEPTH && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith("#")) break;
    let target: unknown = root;
    for (const segment of ref.slice(1).split("/").filter(Boolean)) {
      target = isSchema(target)
        ? target[decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~")]
        : undefined;
    }
    if (!isSchema(target)) break;
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

function typeName(schema: Schema, root: Schema): string {
  const resolved = resolve(schema, root);
  let type = resolved.type;
  if (Array.isArray(type))
    type = type.find((entry) => String(entry).toLowerCase() !== "null") ?? type[0];
  if (typeof type === "string") return type.toLowerCase();
  if (isSchema(resolved.properties)) return "object";
  if (resolved.items !== undefined || resolved.prefixItems !== undefined) return "array";
  return "string";
}

function mergeAll(schema: Schema, root: Schema): Schema {
  const merged: Schema = { ...schema, allOf: undefined };
  const properties: Schema = isSchema(schema.properties) ? { ...schema.properties } : {};
  const required = new Set<string>(
    Array.isArray(schema.required) ? schema.required.map(String) : [],
  );
  for (const part of schema.allOf as unknown[]) {
    if (!isSchema(part)) continue;
    const resolved = resolve(part, root);
    Object.assign(merged, resolved, { allOf: undefined });
    if (isSchema(resolved.properties)) Object.assign(properties, resolved.properties);
    if (Array.isArray(resolved.required))
      for (const name of resolved.required) required.add(String(name));
  }
  delete merged.allOf;
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

function objectFor(
  schema: Schema,
  random: Random,
  root: Schema,
  depth: number,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = isSchema(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    result[name] = valueFor(property, random, root, depth + 1);
  }
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) {
    if (typeof name === "string" && !(name in result)) result[name] = words(random, 1);
  }
  const minProperties = numberOr(schema.minProperties, 0) ?? 0;
  for (let index = Object.keys(result).length; index < minProperties; index++) {
    result[`field_${index}`] = valueFor(schema.additionalProperties, random, root, depth + 1);
  }
  return result;
}

function arrayFor(schema: Schema, random: Random, root: Schema, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const min = Math.max(numberOr(schema.minItems, 1) ?? 1, prefix.length);
  const max = Math.max(min, numberOr(schema.maxItems, Math.max(min, 3)) ?? 3);
  const count = Math.min(max, Math.max(min, random.int(1, 3)));
  const items: unknown[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; items.length < count && attempt < count * 5; attempt++) {
    const index = items.length;
    const itemSchema = index < prefix.length ? prefix[index] : schema.items;
    const value = valueFor(itemSchema, random, root, depth + 1);
    if (schema.uniqueItems === true) {
      const key = JSON.stringify(value);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    items.push(value);
  }
  return items;
}

function bounds(schema: Schema, step: number): { low: number; high: number } {
  const exclusiveLow = numberOr(schema.exclusiveMinimum, undefined);
  const exclusiveHigh = numberOr(schema.exclusiveMaximum, undefined);
  let low = numberOr(schema.minimum, exclusiveLow === undefined ? undefined : exclusiveLow + step);
  let high = numberOr(
    schema.maximum,
    exclusiveHigh === undefined ? undefined : exclusiveHigh - step,
  );
  if (low === undefined && high === undefined) {
    low = 1;
    high = 100;
  } else if (low === undefined) {
    low = (high as number) >= 0 ? 0 : (high as number) - 100;
  } else if (high === undefined) {
    high = low + 100;
  }
  return { low: low as number, high: Math.max(low as number, high as number) };
}

function integerFor(schema: Schema, random: Random): number {
  const { low, high } = bounds(schema, 1);
  const multiple = numberOr(schema.multipleOf, undefined);
  if (multiple !== undefined && multiple > 0 && Number.isInteger(multiple)) {
    const first = Math.ceil(low / multiple);
    const last = Math.floor(high / multiple);
    if (first <= last) return random.int(first, last) * multiple;
  }
  return random.int(Math.ceil(low), Math.max(Math.ceil(low), Math.floor(high)));
}

function numberFor(schema: Schema, random: Random): number {
  const { low, high } = bounds(schema, 0.01);
  const value = Math.round((low + random.next() * (high - low)) * 100) / 100;
  return Math.min(high, Math.max(low, value));
}

function stringFor(schema: Schema, random: Random): string {
  const format = typeof schema.format === "string" ? schema.format : "";
  let text = formatted(format, random) ?? words(random, random.int(1, 3));
  const minLength = numberOr(schema.minLength, 0) ?? 0;
  while (text.length < minLength) text += ` ${random.pick(WORDS)}`;
  const maxLength = numberOr(schema.maxLength, undefined);
  if (maxLength !== undefined && text.length > maxLength) text = text.slice(0, maxLength);
  return text;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function formatted(format: string, random: Random): string | undefined {
  const date = () =>
    `${random.int(2020, 2026)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
  const time = () =>
    `${pad(random.int(0, 23))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}`;
  const hex = (length: number) =>
    Array.from({ length }, () => random.int(0, 15).toString(16)).join("");
  switch (format) {
    case "date-time":
      return `${date()}T${time()}Z`;
    case "date":
      return date();
    case "time":
      return `${time()}Z`;
    case "email":
      return `${random.pick(WORDS)}.${random.pick(WORDS)}@example.com`;
    case "uri":
    case "url":
      return `https://example.com/${random.pick(WORDS)}`;
    case "hostname":
      return `${random.pick(WORDS)}.example.com`;
    case "ipv4":
      return `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
    case "uuid":
      return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    default:
      return undefined;
  }
}

function words(random: Random, count: number): string {
  const parts: string[] = [];
  for (let index = 0; index < count; index++) parts.push(random.pick(WORDS));
  return parts.join(" ");
}
