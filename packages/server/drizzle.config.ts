/**
 * drizzle-kit configuration. Generate a migration after changing the schema:
 *   cd packages/server && npx drizzle-kit generate --name <what_changed>
 * Custom SQL (functions, triggers): npx drizzle-kit generate --custom --name <what>
 * Migrations are append-only: never edit one that has been committed; add a new one.
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  migrations: { prefix: 'timestamp' },
  strict: true,
  verbose: true,
});
