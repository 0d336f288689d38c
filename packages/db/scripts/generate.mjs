// Generates the Prisma client into src/generated (run by the root postinstall).
// Offline: `prisma generate` only checks that a schema-engine binary exists (it never runs it), and
// the CLI cannot download one here, so point it at a stub that exits 1.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");

const stubDir = join(tmpdir(), "switchyard-prisma");
const stub = join(stubDir, "schema-engine-stub");
if (!existsSync(stub)) {
  mkdirSync(stubDir, { recursive: true });
  writeFileSync(
    stub,
    "#!/bin/sh\necho 'schema-engine stub: use @switchyard/db migrate()' >&2\nexit 1\n",
  );
  chmodSync(stub, 0o755);
}

const prismaBin = join(packageDir, "node_modules", ".bin", "prisma");
const result = spawnSync(
  prismaBin,
  ["generate", "--config", join(repoRoot, "prisma.config.ts"), "--no-hints"],
  {
    cwd: repoRoot,
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
    },
  },
);
if (result.error) {
  console.error(`prisma generate failed to start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
