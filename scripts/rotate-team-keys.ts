// Re-encrypts every team's stored Vimmerse key with the current ENCRYPTION_KEY (or the key derived
// from AUTH_SECRET when none is set). To rotate: set the new ENCRYPTION_KEY, put the old one in
// ENCRYPTION_KEY_PREVIOUS, deploy, run `npm run keys:rotate`, then drop ENCRYPTION_KEY_PREVIOUS.
// Prints counts only, never a key.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "../lib/db";
import { ConfigError, env } from "../lib/env";
import { rotateTeamKeys } from "../lib/team-keys/rotate";
import { keyRingFrom } from "../lib/team-keys/secret-box";

// `npm start` keeps a generated AUTH_SECRET in the data folder; use it the same way (never create one here).
if (!process.env.AUTH_SECRET) {
  const file = path.resolve(process.env.DATA_DIR ?? ".data", "auth-secret");
  if (existsSync(file)) process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

try {
  const counts = await rotateTeamKeys(getDb(), keyRingFrom(env()));
  console.log(
    `Team keys: ${counts.total} stored, ${counts.resealed} re-encrypted, ${counts.current} already current, ${counts.unreadable} unreadable.`,
  );
  if (counts.unreadable > 0) {
    console.error(
      "Some keys could not be decrypted with ENCRYPTION_KEY or ENCRYPTION_KEY_PREVIOUS; they were left as they are.",
    );
    process.exitCode = 1;
  }
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
} finally {
  await closeDb();
}
