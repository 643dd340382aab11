import { it } from "vitest";
import { call, makeSandbox, testImage } from "./helpers";
it("dbg", async () => {
  const img = await testImage(360, 640, 2);
  const { sandbox } = makeSandbox();
  const t0 = Date.now();
  const r = await call(sandbox, "POST", "/media", { form: { image_files: img, duration: "1" } });
  console.log("created", Date.now() - t0);
  await sandbox.drain();
  console.log("drained", Date.now() - t0, new Date().toISOString().slice(17,23));
});
