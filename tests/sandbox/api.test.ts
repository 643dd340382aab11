import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { createSandbox } from "@/lib/sandbox";
import { BASE_FAULTS } from "@/lib/sandbox/faults";
import { sandboxMedia, sandboxWebhooks } from "@/lib/sandbox/schema";
import { BASE, call, fakeNetwork, HOOKS, IMAGES, KEY, makeSandbox, OTHER_KEY, tempDir, testImage } from "./helpers";

// The HTTP contract, status codes and error bodies. Renders here are kept to 1 second.

let image: Blob;
beforeAll(async () => {
  image = await testImage(320, 180, 0);
});

const MEDIA_FIELDS = [
  "id",
  "title",
  "description",
  "rating",
  "customer_id",
  "batch_id",
  "is_transition",
  "duration_time",
  "progress_percentage",
  "processing_status",
  "visibility_status",
  "file_map",
  "intermediate_results",
  "submit_params",
  "pose_preset",
  "bullet_version",
  "video_history",
  "result",
  "webhook_url",
  "nsfw",
  "service_name",
  "service_version",
  "created_at",
  "updated_at",
  "version",
  "base_url",
];

describe("auth and routing", () => {
  it("asks for an API key (401) on every API path but not on /files", async () => {
    const { sandbox } = makeSandbox();
    for (const [method, p] of [
      ["POST", "/media"],
      ["GET", "/media/00000000-0000-4000-8000-000000000000"],
      ["GET", "/_sandbox/settings"],
      ["PUT", "/_sandbox/settings"],
      ["GET", "/nothing"],
    ]) {
      const r = await call(sandbox, method!, p!, {}, null);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ message: "UNAUTHORIZED" });
    }
    const blank = await call(sandbox, "GET", "/media/x", {}, "   ");
    expect(blank.status).toBe(401);
    const file = await call(sandbox, "GET", "/files/0123456789abcdef0123456789abcdef/g1/x.mp4", {}, null);
    expect(file.status).toBe(404);
  });

  it("accepts only its one key: any other gets the same bare 401 on media and settings, and nothing changes", async () => {
    const net = fakeNetwork();
    const spy = vi.fn(net.fetch);
    const { sandbox } = makeSandbox({ fetch: spy, openInput: net.openInput, defaults: { credits: 5 } });
    const before = await sandbox.getSettings();
    const mine = (await call(sandbox, "POST", "/media", { form: { prompt: "mine" } })).body.data.id as string;
    const count = async () => (await getDb().select({ id: sandboxMedia.id }).from(sandboxMedia)).length;
    const rows = await count();
    for (const key of [OTHER_KEY, "sandbox-local-key", `${KEY} `.repeat(2), KEY.slice(1), KEY.toUpperCase()]) {
      for (const [method, p, body] of [
        ["POST", "/media", { form: { prompt: "theirs", webhook_url: `${HOOKS}/x` } }],
        ["POST", "/media/prompt", { json: { prompt: "theirs" } }],
        ["GET", `/media/${mine}`, {}],
        ["PUT", `/media/${mine}/edit`, { form: { title: "taken", webhook_url: `${HOOKS}/y` } }],
        ["POST", `/media/${mine}/process`, {}],
        ["GET", "/_sandbox/settings", {}],
        ["PUT", "/_sandbox/settings", { json: { credits: 0, failRate: 1, dropWebhooks: true } }],
      ] as const) {
        const r = await call(sandbox, method, p, body, key);
        expect(r.status, `${method} ${p}`).toBe(401);
        expect(r.body).toEqual({ message: "UNAUTHORIZED" });
        expect(r.res.headers.get("www-authenticate")).toBeNull();
      }
    }
    expect(await sandbox.getSettings()).toEqual({ ...before, credits: 4 });
    expect(await count()).toBe(rows);
    const read = (await call(sandbox, "GET", `/media/${mine}`)).body.data.data;
    expect(read).toMatchObject({ title: "", webhook_url: "", processing_status: "queue_bullet" });
    expect(spy).not.toHaveBeenCalled();
  });

  it("needs a non-empty key to be created", () => {
    expect(() => createSandbox({ db: getDb(), filesDir: tempDir("nokey"), publicBaseUrl: BASE, apiKey: "" })).toThrow(
      /apiKey/,
    );
  });

  it("answers 404 for unknown paths and paths outside the mount, 405 for a wrong method", async () => {
    const { sandbox } = makeSandbox();
    expect((await call(sandbox, "GET", "/nothing")).status).toBe(404);
    const outside = await sandbox.handle(
      new Request("http://studio.test/api/other/media", { headers: { "x-api-key": KEY } }),
    );
    expect(outside.status).toBe(404);
    const wrong = await call(sandbox, "DELETE", "/media/abc");
    expect(wrong.status).toBe(405);
  });

  it("never serves files outside the files folder", async () => {
    const { sandbox } = makeSandbox();
    for (const p of [
      "/files/../../etc/passwd",
      "/files/%2e%2e/%2e%2e/etc/passwd",
      "/files/.work/x",
      "/files/0123456789abcdef0123456789abcdef/..%2f..%2fx",
    ]) {
      expect((await call(sandbox, "GET", p, {}, null)).status).toBe(404);
    }
  });
});

describe("create", () => {
  it("creates a media from an uploaded image with upstream's fields and defaults", async () => {
    const { sandbox } = makeSandbox();
    const r = await call(sandbox, "POST", "/media", { form: { title: "Shoe", image_files: image } });
    expect(r.status).toBe(200);
    const m = r.body.data;
    for (const f of MEDIA_FIELDS) expect(m, f).toHaveProperty(f);
    expect(m).toMatchObject({
      title: "Shoe",
      description: "",
      rating: "",
      batch_id: "",
      is_transition: "No",
      duration_time: "0",
      progress_percentage: 0,
      processing_status: "queue_bullet",
      visibility_status: "1",
      file_map: [{ FileType: "Texture", FileName: "picture-0.png" }],
      intermediate_results: [],
      submit_params: { sound_effects: "No", pipeline_preset: "Fast", file_size: "", scale_factor: "1" },
      pose_preset: {
        MotionType: "Auto",
        Params: "CameraPath=|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
      },
      bullet_version: "0",
      video_history: [],
      result: [],
      webhook_url: "",
      nsfw: "0",
      service_name: "Sandbox (stand-in for Auto)",
      service_version: "sandbox-1",
      version: "2",
    });
    expect(m.customer_id).toMatch(/^sandbox_[0-9a-f]{12}$/);
    expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(m.base_url).toMatch(new RegExp(`^${BASE}/files/[0-9a-f]{32}/$`));
  });

  it("builds the Params string from the create parameters", async () => {
    const { sandbox } = makeSandbox();
    const r = await call(sandbox, "POST", "/media", {
      form: {
        prompt: "a red shoe | spinning",
        motion_type: "Parallax",
        camera_control: "StepIn",
        quantity: "2",
        duration: "3",
        loop: "2",
        motion_range: "7",
        aspect_ratio: "9:16",
        sound_effects: "Yes",
        visibility_status: "0",
        webhook_url: `${HOOKS}/a`,
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.data.pose_preset).toEqual({
      MotionType: "Parallax",
      Params:
        "CameraPath=StepIn|Prompt=a red shoe   spinning|Quantity=2|MotionAmount=7|MotionLength=3|Loop=2|AspectRatio=9:16",
    });
    expect(r.body.data.submit_params.sound_effects).toBe("Yes");
    expect(r.body.data.visibility_status).toBe("0");
    expect(r.body.data.webhook_url).toBe(`${HOOKS}/a`);
    expect(r.body.data.service_name).toBe("Sandbox (Parallax)");
  });

  it("accepts urlencoded and JSON bodies, image_urls repeated or as a JSON list, and media_items", async () => {
    const { sandbox } = makeSandbox();
    const urlencoded = await call(sandbox, "POST", "/media", { urlencoded: { prompt: "waves", quantity: "1" } });
    expect(urlencoded.status).toBe(200);
    const repeated = await call(sandbox, "POST", "/media", {
      form: { image_urls: [`${IMAGES}/a.png`, `${IMAGES}/b.png`] },
    });
    expect(repeated.status).toBe(200);
    expect(repeated.body.data.is_transition).toBe("Yes");
    expect(repeated.body.data.file_map).toEqual([
      { FileType: "Texture", FileName: "a.png" },
      { FileType: "Texture", FileName: "b.png" },
    ]);
    const jsonList = await call(sandbox, "POST", "/media", {
      form: { image_urls: '["http://studio.test/images/a.png"]' },
    });
    expect(jsonList.status).toBe(200);
    expect(jsonList.body.data.file_map).toHaveLength(1);
    const items = await call(sandbox, "POST", "/media", {
      json: {
        media_items: [{ type: "image", url: `${IMAGES}/a.png`, position: "Last" }],
        motion_type: "KlingAI",
      },
    });
    expect(items.status).toBe(200);
    expect(items.body.data.service_name).toBe("Sandbox (stand-in for KlingAI)");
  });

  it("validates like FastAPI: 422 with loc, msg and type", async () => {
    const { sandbox } = makeSandbox();
    const bad = await call(sandbox, "POST", "/media", {
      form: {
        prompt: "x",
        quantity: "5",
        duration: "abc",
        aspect_ratio: "2:1",
        sound_effects: "maybe",
        motion_type: "no spaces allowed",
        webhook_url: "ftp://x",
      },
    });
    expect(bad.status).toBe(422);
    const byField = Object.fromEntries(
      bad.body.detail.map((d: { loc: string[]; type: string; msg: string }) => [d.loc.join("."), d]),
    );
    expect(byField["body.quantity"]).toMatchObject({
      type: "less_than_equal",
      msg: "Input should be less than or equal to 4",
    });
    expect(byField["body.duration"]).toMatchObject({ type: "int_parsing" });
    expect(byField["body.aspect_ratio"]).toMatchObject({ type: "literal_error" });
    expect(byField["body.sound_effects"]).toMatchObject({
      type: "literal_error",
      msg: "Input should be 'Yes' or 'No'",
    });
    expect(byField["body.motion_type"]).toBeDefined();
    expect(byField["body.webhook_url"]).toMatchObject({ type: "url_scheme" });

    const low = await call(sandbox, "POST", "/media", { form: { prompt: "x", loop: "0", motion_range: "11" } });
    expect(low.body.detail.map((d: { loc: string[] }) => d.loc)).toEqual([
      ["body", "loop"],
      ["body", "motion_range"],
    ]);

    const urls = await call(sandbox, "POST", "/media", {
      form: { image_urls: [`${IMAGES}/a.png`, "not a url"] },
    });
    expect(urls.status).toBe(422);
    expect(urls.body.detail[0].loc).toEqual(["body", "image_urls", 1]);

    const items = await call(sandbox, "POST", "/media", {
      form: { media_items: '[{"type":"audio","url":"http://studio.test/images/a.png"}]' },
    });
    expect(items.status).toBe(422);
    expect(items.body.detail[0].loc).toEqual(["body", "media_items", 0, "type"]);

    const three = await call(sandbox, "POST", "/media", { form: { image_files: [image, image, image] } });
    expect(three.status).toBe(422);
    expect(three.body.detail[0].loc).toEqual(["body", "image_files"]);

    const notImage = await call(sandbox, "POST", "/media", {
      form: { image_files: new File(["hello"], "notes.png", { type: "image/png" }) },
    });
    expect(notImage.status).toBe(422);
    expect(notImage.body.detail[0].loc).toEqual(["body", "image_files", 0]);

    const badJson = await sandbox.handle(
      new Request(`${BASE}/media/prompt`, {
        method: "POST",
        headers: { "x-api-key": KEY, "content-type": "application/json" },
        body: "{nope",
      }),
    );
    expect(badJson.status).toBe(422);
    expect((await badJson.json()).detail[0].type).toBe("json_invalid");
  });

  it("needs a prompt or an image (400)", async () => {
    const { sandbox } = makeSandbox();
    const r = await call(sandbox, "POST", "/media", { form: { title: "nothing" } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: "PROMPT_OR_IMAGE_REQUIRED" });
    const p = await call(sandbox, "POST", "/media/prompt", { json: { title: "no prompt" } });
    expect(p.status).toBe(400);
    expect(p.body).toEqual({ message: "PROMPT_REQUIRED" });
  });

  it("creates from /media/upload with several pose presets (a list comes back as a list)", async () => {
    const { sandbox } = makeSandbox();
    const data = {
      title: "Several",
      pose_preset: [
        { MotionType: "Parallax", Params: "CameraPath=Cross|Quantity=1|MotionAmount=5|MotionLength=2|Loop=1" },
        { MotionType: "Auto", Params: "Prompt=|PromptStrength=1|Quantity=2|MotionAmount=5|MotionLength=2|Loop=1" },
      ],
      submit_params: { file_size: "1.6", sound_effects: "Yes" },
    };
    const r = await call(sandbox, "POST", "/media/upload", { form: { data: JSON.stringify(data), image: image } });
    expect(r.status).toBe(200);
    expect(r.body.data.pose_preset).toEqual([
      { MotionType: "Parallax", Params: "CameraPath=Cross|Prompt=|Quantity=1|MotionAmount=5|MotionLength=2|Loop=1" },
      {
        MotionType: "Auto",
        Params: "CameraPath=|Prompt=|PromptStrength=1|Quantity=2|MotionAmount=5|MotionLength=2|Loop=1",
      },
    ]);
    expect(r.body.data.submit_params).toEqual({
      sound_effects: "Yes",
      pipeline_preset: "Fast",
      file_size: "1.6",
      scale_factor: "1",
    });
    expect(r.body.data.service_name).toBe("Sandbox (stand-in for Auto)");

    const single = await call(sandbox, "POST", "/media/upload", {
      form: {
        data: JSON.stringify({ pose_preset: { MotionType: "Parallax", Params: "CameraPath=StepD|Zoom=1" } }),
        image,
      },
    });
    expect(single.body.data.pose_preset).toEqual({
      MotionType: "Parallax",
      Params: "CameraPath=StepD|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1|Zoom=1",
    });

    const bad = await call(sandbox, "POST", "/media/upload", {
      form: {
        data: JSON.stringify({ pose_preset: [{ MotionType: "Parallax", Params: "CameraPath=Sideways|Quantity=9" }] }),
        image,
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: { loc: unknown[] }) => d.loc)).toEqual([
      ["body", "data", "pose_preset", 0, "Params", "CameraPath"],
      ["body", "data", "pose_preset", 0, "Params", "Quantity"],
    ]);
    const notJson = await call(sandbox, "POST", "/media/upload", { form: { data: "{oops", image } });
    expect(notJson.status).toBe(422);
    expect(notJson.body.detail[0].loc).toEqual(["body", "data"]);
  });

  it("creates from /media/prompt with a JSON body", async () => {
    const { sandbox } = makeSandbox();
    const r = await call(sandbox, "POST", "/media/prompt", {
      json: {
        title: "Prompted",
        description: "d",
        pose_preset: [
          {
            MotionType: "Auto",
            Params: "Prompt=Nike shoes on colour|PromptStrength=5|MotionAmount=5|MotionLength=5|Loop=1|Quantity=2",
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.data.title).toBe("Prompted");
    // One motion comes back as an object, whichever way it was sent.
    expect(r.body.data.pose_preset).toEqual({
      MotionType: "Auto",
      Params:
        "CameraPath=|Prompt=Nike shoes on colour|PromptStrength=5|Quantity=2|MotionAmount=5|MotionLength=5|Loop=1",
    });
  });
});

describe("read, status, isolation", () => {
  it("reads the media nested twice and the status with progress as a string", async () => {
    const { sandbox } = makeSandbox();
    const id = (await call(sandbox, "POST", "/media", { form: { prompt: "hello" } })).body.data.id;
    const read = await call(sandbox, "GET", `/media/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.data.id).toBe(id);
    for (const f of MEDIA_FIELDS) expect(read.body.data.data).toHaveProperty(f);
    const status = await call(sandbox, "GET", `/media/${id}/processing-status`);
    expect(status.body).toEqual({ data: { progress_percentage: "0", processing_status: "queue_bullet" } });
  });

  it("answers 404 for a media it does not have, with the same body as upstream", async () => {
    const { sandbox } = makeSandbox();
    const id = (await call(sandbox, "POST", "/media", { form: { prompt: "mine" } })).body.data.id;
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const [method, p] of [
      ["GET", `/media/${unknown}`],
      ["GET", `/media/${unknown}/processing-status`],
      ["PUT", `/media/${unknown}/edit`],
      ["POST", `/media/${unknown}/process`],
      ["GET", `/media/${unknown}/download?object_type=bullet_video_mp4`],
    ]) {
      const r = await call(sandbox, method!, p!, {});
      expect(r.status, `${method} ${p}`).toBe(404);
      expect(r.body).toEqual({ message: "MEDIA_NOT_FOUND" });
    }
    expect((await call(sandbox, "GET", "/media/not-a-uuid")).status).toBe(404);
    expect((await call(sandbox, "GET", `/media/${id}`)).status).toBe(200);
  });
});

describe("only the studio's own files and addresses", () => {
  const foreign = [
    "http://127.0.0.1:3000/api/files/x.png",
    "http://localhost/secret",
    "http://169.254.169.254/latest/meta-data/",
    "http://images.test/a.png",
    "https://studio.test/images/a.png",
    "http://studio.test:8080/images/a.png",
    "http://studio.test.evil.test/images/a.png",
    "http://studio.test@evil.test/images/a.png",
  ];

  it("refuses image_urls and media_items off the studio's origin (422) without fetching anything", async () => {
    const net = fakeNetwork();
    const spy = vi.fn(net.fetch);
    const open = vi.fn(net.openInput);
    const { sandbox } = makeSandbox({ fetch: spy, openInput: open, defaults: { credits: 50 } });
    for (const url of foreign) {
      const urls = await call(sandbox, "POST", "/media", { form: { image_urls: [`${IMAGES}/a.png`, url] } });
      expect(urls.status, url).toBe(422);
      expect(urls.body.detail).toEqual([
        { loc: ["body", "image_urls", 1], msg: expect.stringContaining("http://studio.test"), type: "url_origin" },
      ]);
      const items = await call(sandbox, "POST", "/media", {
        json: { media_items: [{ type: "video", url, position: "First" }], extend_video: "Yes" },
      });
      expect(items.status, url).toBe(422);
      expect(items.body.detail[0]).toMatchObject({ loc: ["body", "media_items", 0, "url"], type: "url_origin" });
    }
    await sandbox.drain();
    expect(spy).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect((await sandbox.getSettings()).credits).toBe(50);
  });

  it("refuses a webhook_url off the studio's origin (422) at create and at edit", async () => {
    const net = fakeNetwork();
    const spy = vi.fn(net.fetch);
    const { sandbox } = makeSandbox({ fetch: spy, defaults: { credits: 50 } });
    const mine = (await call(sandbox, "POST", "/media", { form: { prompt: "p", webhook_url: `${HOOKS}/ok` } })).body
      .data.id as string;
    for (const url of foreign) {
      const form = await call(sandbox, "POST", "/media", { form: { prompt: "p", webhook_url: url } });
      expect(form.status, url).toBe(422);
      expect(form.body.detail).toEqual([
        { loc: ["body", "webhook_url"], msg: expect.stringContaining("http://studio.test"), type: "url_origin" },
      ]);
      const prompt = await call(sandbox, "POST", "/media/prompt", { json: { prompt: "p", webhook_url: url } });
      expect(prompt.status, url).toBe(422);
      expect(prompt.body.detail[0].loc).toEqual(["body", "webhook_url"]);
      const upload = await call(sandbox, "POST", "/media/upload", {
        form: { data: JSON.stringify({ prompt: "p", webhook_url: url }) },
      });
      expect(upload.status, url).toBe(422);
      expect(upload.body.detail[0].loc).toEqual(["body", "data", "webhook_url"]);
      const edit = await call(sandbox, "PUT", `/media/${mine}/edit`, { form: { title: "t", webhook_url: url } });
      expect(edit.status, url).toBe(422);
      expect(edit.body.detail[0].loc).toEqual(["body", "webhook_url"]);
    }
    const read = (await call(sandbox, "GET", `/media/${mine}`)).body.data.data;
    expect(read).toMatchObject({ title: "", webhook_url: `${HOOKS}/ok` });
    expect((await call(sandbox, "PUT", `/media/${mine}/edit`, { form: { webhook_url: "" } })).status).toBe(200);
    expect((await sandbox.getSettings()).credits).toBe(49);
    expect(spy).not.toHaveBeenCalled();
  });

  it("never reads an input or calls a webhook off the studio's origin, even from a row stored before", async () => {
    const net = fakeNetwork();
    net.images.set("/a.png", Buffer.from(await image.arrayBuffer()));
    const spy = vi.fn(net.fetch);
    const open = vi.fn(net.openInput);
    const { sandbox } = makeSandbox({ fetch: spy, openInput: open });
    const id = (
      await call(sandbox, "POST", "/media", { form: { image_urls: `${IMAGES}/a.png`, webhook_url: `${HOOKS}/ok` } })
    ).body.data.id as string;
    const [row] = await getDb().select().from(sandboxMedia).where(eq(sandboxMedia.id, id));
    await getDb()
      .update(sandboxMedia)
      .set({
        inputs: row!.inputs.map((i) => ({ ...i, url: "http://127.0.0.1:1/secret" })),
        webhookUrl: "http://hooks.test/x",
      })
      .where(eq(sandboxMedia.id, id));
    // A notice queued before the rule, to another host: failed without a request.
    const [hook] = await getDb()
      .insert(sandboxWebhooks)
      .values({ mediaId: id, url: "http://127.0.0.1:1/hook", payload: { media_id: id } })
      .returning();
    await sandbox.drain();
    const [after] = await getDb().select().from(sandboxMedia).where(eq(sandboxMedia.id, id));
    expect(after!.status).toBe("fail");
    expect(after!.error).toMatch(/^INPUT_DOWNLOAD_FAILED/);
    const [refused] = await getDb().select().from(sandboxWebhooks).where(eq(sandboxWebhooks.id, hook!.id));
    expect(refused).toMatchObject({ status: "failed", lastError: expect.stringMatching(/^REFUSED/) });
    expect(await getDb().select().from(sandboxWebhooks).where(eq(sandboxWebhooks.mediaId, id))).toHaveLength(1);
    expect(spy).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it("serves rendered results at /files but never the inputs", async () => {
    const { sandbox } = makeSandbox();
    const created = (await call(sandbox, "POST", "/media", { form: { image_files: image } })).body.data;
    const input = `${created.base_url}inputs/1-picture-0.png`.slice(BASE.length);
    expect((await call(sandbox, "GET", input, {}, null)).status).toBe(404);
    expect((await call(sandbox, "GET", input)).status).toBe(404);
    // Still there for the API's own source download (after a render) and own-URL inputs.
    const again = await call(sandbox, "POST", "/media", {
      form: { image_urls: `${created.base_url}inputs/1-picture-0.png` },
    });
    expect(again.status).toBe(200);
  });
  it("refuses downloads before success (400) and unknown object types (400)", async () => {
    const { sandbox } = makeSandbox();
    const id = (await call(sandbox, "POST", "/media", { form: { prompt: "later" } })).body.data.id;
    const early = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_mp4`);
    expect(early.status).toBe(400);
    expect(early.body).toEqual({ message: "MEDIA_NOT_READY" });
    const kind = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_avi`);
    expect(kind.status).toBe(400);
    expect(kind.body).toEqual({ message: "INVALID_OBJECT_TYPE" });
    const width = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_mp4&width=wide`);
    expect(width.status).toBe(422);
    expect(width.body.detail[0].loc).toEqual(["query", "width"]);
  });
});

describe("credits and settings", () => {
  it("charges quantity credits per create and answers 402 when short", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 3 } });
    expect((await sandbox.getSettings()).credits).toBe(3);
    expect((await call(sandbox, "POST", "/media", { form: { prompt: "a", quantity: "2" } })).status).toBe(200);
    expect((await sandbox.getSettings()).credits).toBe(1);
    const short = await call(sandbox, "POST", "/media", { form: { prompt: "b", quantity: "2" } });
    expect(short.status).toBe(402);
    expect(short.body).toEqual({ message: "INSUFFICIENT_CREDIT" });
    expect((await call(sandbox, "POST", "/media", { form: { prompt: "c" } })).status).toBe(200);
    const zero = await call(sandbox, "POST", "/media", { form: { prompt: "d" } });
    expect(zero.status).toBe(402);
    expect((await sandbox.getSettings()).credits).toBe(0);
  });

  it("exposes the settings over HTTP, validated", async () => {
    const { sandbox } = makeSandbox();
    const read = await call(sandbox, "GET", "/_sandbox/settings");
    expect(read.body).toEqual({
      data: { credits: null, failRate: 0, delayMs: 0, dropWebhooks: false, faults: BASE_FAULTS },
    });
    const put = await call(sandbox, "PUT", "/_sandbox/settings", { json: { credits: 0, dropWebhooks: true } });
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual({ credits: 0, failRate: 0, delayMs: 0, dropWebhooks: true, faults: BASE_FAULTS });
    expect((await call(sandbox, "POST", "/media", { form: { prompt: "x" } })).status).toBe(402);
    const bad = await call(sandbox, "PUT", "/_sandbox/settings", { json: { failRate: 2, extra: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: { loc: unknown[] }) => d.loc)).toContainEqual(["body", "failRate"]);
    expect(
      (await call(sandbox, "PUT", "/_sandbox/settings", { json: { credits: null } })).body.data.credits,
    ).toBeNull();
    expect((await sandbox.updateSettings({ failRate: 0.5 })).failRate).toBe(0.5);
  });
});

describe("edit and process", { timeout: 180_000 }, () => {
  it("edits title, description, rating, visibility and webhook for free", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 1 } });
    const id = (await call(sandbox, "POST", "/media", { form: { prompt: "p" } })).body.data.id;
    const r = await call(sandbox, "PUT", `/media/${id}/edit`, {
      form: {
        title: "New",
        description: "Desc",
        rating: "5",
        visibility_status: "2",
        webhook_url: `${HOOKS}/x`,
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      title: "New",
      description: "Desc",
      rating: "5",
      visibility_status: "2",
      webhook_url: `${HOOKS}/x`,
    });
    expect((await sandbox.getSettings()).credits).toBe(0);
    // Same values as now are not a change either.
    const same = await call(sandbox, "PUT", `/media/${id}/edit`, { urlencoded: { prompt: "p", quantity: "1" } });
    expect(same.status).toBe(200);
    const bad = await call(sandbox, "PUT", `/media/${id}/edit`, { form: { visibility_status: "7" } });
    expect(bad.status).toBe(422);
  });

  it("resubmits when a generation parameter changes, charging the new quantity (402 when short)", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ defaults: { credits: 10 }, net });
    const created = await call(sandbox, "POST", "/media", {
      form: { prompt: "first", duration: "1", aspect_ratio: "1:1" },
    });
    const id = created.body.data.id;
    await sandbox.drain();
    const done = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
    expect(done.processing_status).toBe("success");
    expect(done.bullet_version).toBe("1");
    expect(done.video_history).toHaveLength(1);

    const edited = await call(sandbox, "PUT", `/media/${id}/edit`, { form: { prompt: "second", quantity: "2" } });
    expect(edited.status).toBe(200);
    expect(edited.body.data.processing_status).toBe("queue_bullet");
    expect(edited.body.data.progress_percentage).toBe(0);
    expect(edited.body.data.pose_preset.Params).toContain("Prompt=second|Quantity=2");
    expect((await sandbox.getSettings()).credits).toBe(7);
    await sandbox.drain();
    const again = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
    expect(again.processing_status).toBe("success");
    expect(again.bullet_version).toBe("2");
    expect(again.video_history).toHaveLength(2);
    expect(again.video_history[1]).toMatchObject({
      generate_type: "GENERATE_VIDEO",
      bullet_version: "2",
      resolution: [720, 720],
    });
    expect(again.video_history[0].result).toHaveLength(1);
    expect(again.video_history[1].result).toHaveLength(2);
    expect(again.result.map((r: { motion_type: string }) => r.motion_type)).toEqual(["Auto1", "Auto2"]);

    await sandbox.updateSettings({ credits: 1 });
    const short = await call(sandbox, "PUT", `/media/${id}/edit`, { form: { loop: "2", title: "kept?" } });
    expect(short.status).toBe(402);
    expect((await call(sandbox, "GET", `/media/${id}`)).body.data.data.title).toBe("");
  });

  it("process resubmits and costs credit every time, even after success", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 3 } });
    const id = (
      await call(sandbox, "POST", "/media", { form: { prompt: "again", duration: "1", aspect_ratio: "1:1" } })
    ).body.data.id;
    await sandbox.drain();
    const p1 = await call(sandbox, "POST", `/media/${id}/process`);
    expect(p1.status).toBe(200);
    expect(p1.body.data.processing_status).toBe("queue_bullet");
    expect((await call(sandbox, "POST", `/media/${id}/process`)).status).toBe(200);
    expect((await sandbox.getSettings()).credits).toBe(0);
    const short = await call(sandbox, "POST", `/media/${id}/process`);
    expect(short.status).toBe(402);
    expect(short.body).toEqual({ message: "INSUFFICIENT_CREDIT" });
    await sandbox.drain();
    const m = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
    expect(m.processing_status).toBe("success");
    // Two resubmissions while queued collapse into one newer generation.
    expect(m.video_history).toHaveLength(2);
  });
});
