import { describe, expect, it } from "vitest";
import { isEmptyMigration, migrationFolderName } from "./create-migration";

describe("migration folder names", () => {
  it("prefixes a UTC timestamp and slugs the name", () => {
    const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(migrationFolderName("Add budgets!", now)).toBe("20260102030405_add_budgets");
  });

  it("rejects names with nothing usable", () => {
    expect(() => migrationFolderName("  ***  ", new Date())).toThrow(/invalid migration name/);
  });
});

describe("empty migrations", () => {
  it("treats comment-only scripts as empty", () => {
    expect(isEmptyMigration("-- This is an empty migration.\n\n")).toBe(true);
    expect(isEmptyMigration('-- CreateTable\nCREATE TABLE "x" ();\n')).toBe(false);
  });
});
