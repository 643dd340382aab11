// Applies the committed SQL migrations in drizzle/ to DATABASE_URL, or to the embedded PGlite.
import { closeDb, dbHandle } from "../lib/db";

const handle = dbHandle();
await handle.migrate();
console.log(`Database migrated (${handle.kind}).`);
await closeDb();
