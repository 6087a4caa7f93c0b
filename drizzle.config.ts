import { defineConfig } from 'drizzle-kit';

// db/schema.ts re-exports every module's db/schema-<module>.ts, so one file describes it all.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
