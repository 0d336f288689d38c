// Prisma CLI configuration (Prisma 7 keeps the datasource URL here, not in schema.prisma).
// Kept free of imports so it loads from the repository root, where the prisma package is not
// installed (it is a dependency of packages/db). The app itself never reads this file: it passes
// its validated DATABASE_URL to createPrisma()/migrate() from @switchyard/db.
export default {
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "pnpm db:seed" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard",
  },
};
