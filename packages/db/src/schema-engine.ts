/**
 * Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) and connects it
 * to PostgreSQL through the pg driver adapter. The CLI's native engine binary cannot be downloaded
 * here, so migrations are applied (and diffed) with this instead. The package's own entry imports
 * the .wasm file as an ES module, which Node 20 cannot do: instantiate it by hand.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

// The TypeScript libs in use (ES2023 + node) do not declare WebAssembly: the little we need.
type WasmImports = Record<string, unknown>;
type WasmExports = Record<string, unknown>;
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, WasmImports>,
  ): Promise<{ instance: { exports: WasmExports } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm") & {
  __wbg_set_wasm(exports: WasmExports): void;
};

let loading: Promise<SchemaEngineModule> | undefined;

async function instantiate(): Promise<SchemaEngineModule> {
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import(
    "@prisma/schema-engine-wasm/schema_engine_bg"
  )) as unknown as SchemaEngineModule;
  const bytes = await readFile(join(dirname(bindingsPath), "schema_engine_bg.wasm"));
  const imports: WasmImports = { ...(bindings as unknown as WasmImports) };
  // The engine races its operations against 10 s timers it never clears; unref them so a script
  // that ran a migration can exit as soon as it is done.
  for (const name of Object.keys(imports)) {
    if (name.startsWith("__wbg_setTimeout_")) {
      imports[name] = (callback: () => void, milliseconds: number) => {
        const timer = setTimeout(callback, milliseconds >>> 0);
        timer.unref();
        return timer;
      };
    }
  }
  const { instance } = await wasmApi.instantiate(bytes, { "./schema_engine_bg.js": imports });
  bindings.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === "function") start();
  return bindings;
}

/** The engine bindings, instantiated once per process. */
export function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** A datamodel that only names the provider: enough for applying and diffing migrations. */
export const POSTGRES_DATAMODEL = 'datasource db {\n  provider = "postgresql"\n}\n';

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/**
 * A schema engine connected to `databaseUrl`. `onLog` receives the engine's JSON log lines.
 * Always call close(): it frees the engine and ends the pg pool.
 */
export async function openSchemaEngine(
  databaseUrl: string,
  options: { datamodel?: string; onLog?: (line: string) => void } = {},
): Promise<OpenedSchemaEngine> {
  const module = await loadSchemaEngineModule();
  // Our own pool, so close() can end it (the engine never disposes its adapter).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", () => {
    // An idle client lost its connection; the next query reports the failure.
  });
  const adapterFactory = new PrismaPg(pool);
  let engine: SchemaEngine;
  try {
    engine = await module.SchemaEngine.new(
      { datamodels: [["schema.prisma", options.datamodel ?? POSTGRES_DATAMODEL]] },
      (line: string) => options.onLog?.(line),
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    engine,
    async close() {
      engine.free();
      await pool.end();
    },
  };
}
