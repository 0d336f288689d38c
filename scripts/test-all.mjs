#!/usr/bin/env node
// The whole test suite: typecheck, lint (incl. package boundaries), unit, integration (real
// PostgreSQL), e2e (Playwright in Chromium). Prints one summary line at the end.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureServices } from "./test-services.mjs";

const root = resolve(import.meta.dirname, "..");
const reportDir = join(root, ".switchyard", "test-reports");
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
for (const group of ["apps", "packages"]) {
  for (const name of readdirSync(join(root, group))) {
    rmSync(join(root, group, name, ".test-report"), { recursive: true, force: true });
  }
}

const only = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };

function run(name, command, args, extraEnv = {}) {
  if (only.length > 0 && !only.includes(name)) return;
  console.log(`\n━━ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...env, ...extraEnv },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    summary();
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}

function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const files = [join(reportDir, "e2e.json")];
  for (const group of ["apps", "packages"]) {
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name, ".test-report");
      if (existsSync(dir)) for (const f of readdirSync(dir)) files.push(join(dir, f));
    }
  }
  for (const file of files.filter((f) => existsSync(f))) {
    try {
      const report = JSON.parse(readFileSync(file, "utf8"));
      if (typeof report.numPassedTests === "number") {
        passed += report.numPassedTests;
        failed += report.numFailedTests;
        skipped += report.numPendingTests + (report.numTodoTests ?? 0);
      } else if (report.stats) {
        passed += report.stats.expected + report.stats.flaky;
        failed += report.stats.unexpected;
        skipped += report.stats.skipped;
      }
    } catch {
      console.error(`unreadable test report ${file}`);
      failed += 1;
    }
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}

const services = await ensureServices(env);
// Every package's vitest writes a JSON report beside it (.test-report/), collected for the summary.
const vitest = (script, kind) => [
  "-r",
  "--workspace-concurrency=1",
  "--if-present",
  "run",
  script,
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=.test-report/${kind}.json`,
];
try {
  run("typecheck", "pnpm", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]);
  run("lint", "pnpm", ["exec", "biome", "ci", "."]);
  run("unit", "pnpm", vitest("test", "unit"), services.env);
  run("integration", "pnpm", vitest("test:int", "int"), services.env);
  run("build", "pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]);
  run("e2e", "pnpm", ["--filter", "@switchyard/e2e", "e2e", "--reporter=list,json"], {
    ...services.env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: join(reportDir, "e2e.json"),
  });
} finally {
  await services.stop();
}
summary();
