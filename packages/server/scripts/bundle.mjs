/**
 * Bundles a server entry (the web app's server/main.ts, the standalone gateway) into one .mjs file
 * that runs on plain Node.js, with no TypeScript loader: the @switchyard/* TypeScript sources are
 * bundled, packages from node_modules stay external. A dependency of an internal package that the bundling
 * package does not depend on itself is imported by its path relative to the output (pnpm keeps it
 * out of that package's node_modules). import.meta.url in bundled package sources keeps pointing at the
 * original file, so files they read relative to themselves (migrations, wasm) are still found.
 */
import { readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const packageName = (specifier) => {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
};

const isBare = (specifier) =>
  !specifier.startsWith(".") && !specifier.startsWith("/") && !specifier.startsWith("#");

/**
 * @param {{ packageDir: string, entry: string, outfile: string }} input paths: the package whose
 *   dependencies stay external (its package.json), the entry file, the bundle to write.
 */
export async function bundleServer({ packageDir, entry, outfile }) {
  const packageJson = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8"));
  const ownDependencies = new Set(Object.keys(packageJson.dependencies ?? {}));
  const builtins = new Set(builtinModules);

  /** @type {import("esbuild").Plugin} */
  const externals = {
    name: "switchyard-externals",
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.resolving || !isBare(args.path)) return undefined;
        if (args.path.startsWith("node:") || builtins.has(packageName(args.path))) {
          return { path: args.path, external: true };
        }
        const name = packageName(args.path);
        if (name.startsWith("@switchyard/")) return undefined;
        if (ownDependencies.has(name)) return { path: args.path, external: true };
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { resolving: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        let relative = path
          .relative(path.dirname(outfile), resolved.path)
          .split(path.sep)
          .join("/");
        if (!relative.startsWith(".")) relative = `./${relative}`;
        return { path: relative, external: true };
      });

      builder.onLoad({ filter: /[\\/]packages[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        const url = JSON.stringify(pathToFileURL(args.path).href);
        const contents = source
          .replaceAll("import.meta.url", url)
          .replaceAll("import.meta.dirname", JSON.stringify(path.dirname(args.path)))
          .replaceAll("import.meta.filename", JSON.stringify(args.path));
        return { contents, loader: "ts", resolveDir: path.dirname(args.path) };
      });
    },
  };

  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
    legalComments: "none",
    plugins: [externals],
    banner: {
      js: [
        'import { createRequire as __switchyardCreateRequire } from "node:module";',
        "const require = __switchyardCreateRequire(import.meta.url);",
        'process.env.NODE_ENV = "production";',
      ].join("\n"),
    },
  });

  console.log(`built ${path.relative(process.cwd(), outfile)}`);
}
