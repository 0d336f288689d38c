import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    exclude: ["**/node_modules/**", "src/generated/**"],
    // Integration tests create a database and migrate it first.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
