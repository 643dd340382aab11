import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { createSandbox } from "@/lib/sandbox";
import { BASE, call, fakeNetwork, KEY, tempDir } from "./helpers";

// `npm start` runs the app on embedded PGlite: the engine's claims (FOR UPDATE SKIP LOCKED),
// transactions and jsonb updates must work there too.

const dataDir = tempDir("pglite");

describe("on PGlite", { timeout: 180_000 }, () => {
  it("creates, renders, notifies and resubmits", async () => {
    const handle = openDb({ dataDir });
    await handle.migrate();
    try {
      const net = fakeNetwork();
      const sandbox = createSandbox({
        db: handle.db,
        filesDir: tempDir("pglite-files"),
        publicBaseUrl: BASE,
        apiKey: KEY,
        fetch: net.fetch,
        defaults: { credits: 5 },
      });
      const created = await call(sandbox, "POST", "/media", {
        form: { prompt: "a paper boat", duration: "1", aspect_ratio: "1:1", webhook_url: "http://studio.test/hooks/n" },
      });
      expect(created.status).toBe(200);
      sandbox.startWorker();
      const id = created.body.data.id as string;
      for (let i = 0; i < 600 && net.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      await sandbox.stopWorker();
      const media = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
      expect(media).toMatchObject({ processing_status: "success", bullet_version: "1" });
      expect(net.calls.map((c) => c.body)).toEqual([
        { customer_id: media.customer_id, media_id: id, status: "success" },
      ]);
      expect((await call(sandbox, "POST", `/media/${id}/process`)).status).toBe(200);
      await sandbox.drain();
      expect((await call(sandbox, "GET", `/media/${id}`)).body.data.data.video_history).toHaveLength(2);
      expect((await sandbox.getSettings()).credits).toBe(3);
    } finally {
      await handle.close();
    }
  });
});
