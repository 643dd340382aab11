import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { listTeamsForUser } from "@/db/queries/teams";
import { getUserByEmail } from "@/db/queries/users";
import { createUserWithPersonalTeam } from "@/lib/teams/create";

// The start command's embedded path: no DATABASE_URL, PGlite in a folder, data kept across restarts.
const dataDir = mkdtempSync(path.join(tmpdir(), "studio-pglite-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("embedded PGlite database", () => {
  it("migrates, runs the sign-up transaction, and keeps the data after a restart", async () => {
    const first = openDb({ dataDir });
    expect(first.kind).toBe("pglite");
    await first.migrate();
    const made = await createUserWithPersonalTeam(first.db, {
      name: "Pat",
      email: "pat@example.com",
      passwordHash: "h",
    });
    expect(made?.teamSlug).toMatch(/^pat-s-team-/);
    expect(
      await createUserWithPersonalTeam(first.db, { name: "Pat", email: "PAT@example.com", passwordHash: "h" }),
    ).toBeNull();
    await first.close();

    const second = openDb({ dataDir });
    await second.migrate(); // idempotent on an existing database
    const user = await getUserByEmail(second.db, "pat@example.com");
    expect(user?.name).toBe("Pat");
    expect((await listTeamsForUser(second.db, user!.id)).map((t) => t.role)).toEqual(["owner"]);
    await second.close();
  });
});
