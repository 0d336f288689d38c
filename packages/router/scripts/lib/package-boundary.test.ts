import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { routerDir } from "./paths";

// The gateway depends on the router; the router takes the gateway and mock-llm as devDependencies
// for its eval script only. Its source must never import them.
const forbidden =
  /from\s+["'](@switchyard\/gateway|@switchyard\/mock-llm|pino)(\/[^"']*)?["']|import\(\s*["']@switchyard\/(gateway|mock-llm)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("package boundary", () => {
  it("src/ imports neither the gateway, mock-llm nor pino (scripts only)", () => {
    const files = sourceFiles(join(routerDir, "src"));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => forbidden.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the check recognises such an import", () => {
    expect(forbidden.test('import { createGateway } from "@switchyard/gateway";')).toBe(true);
    expect(forbidden.test('import { x } from "@switchyard/gateway/testing";')).toBe(true);
    expect(forbidden.test('import { compilePolicy } from "@switchyard/router";')).toBe(false);
  });
});
