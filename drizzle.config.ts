import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  // The sandbox engine's tables live in the same database but are defined by the engine.
  schema: ["./db/schema.ts", "./db/media-schema.ts", "./db/library-schema.ts", "./lib/sandbox/schema.ts"],
  out: "./drizzle",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test" },
});
