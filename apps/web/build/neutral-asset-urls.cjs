/**
 * Turbopack loader for the @switchyard/* package sources: Turbopack treats
 * `new URL("<relative path>", import.meta.url)` as a reference to a bundled asset and fails on
 * directories (e.g. packages/db's prisma/migrations lookup, which only the production server's
 * start-up uses, never a page). Wrapping the base in String() keeps the same value at run time
 * while leaving the path alone at build time.
 */
module.exports = function neutralAssetUrls(source) {
  return source.replace(
    /new URL\(\s*((["'])[^"'\n]*\2)\s*,\s*import\.meta\.url\s*\)/g,
    "new URL($1, String(import.meta.url))",
  );
};
