import { describe, expect, it, vi } from "vitest";
import { appIdFromToken, ufsUrl, uploadthingStorage } from "@/lib/storage/uploadthing";

// The real service is out of reach here (no network): these cover the token, key and URL
// handling and the calls made, with the uploadthing API and fetch stubbed.

const token = Buffer.from(JSON.stringify({ apiKey: "sk_live_x", appId: "abc123", regions: ["sea1"] })).toString(
  "base64",
);

describe("uploadthing storage", () => {
  it("reads the app id from the token, and refuses a malformed token", () => {
    expect(appIdFromToken(token)).toBe("abc123");
    expect(() => appIdFromToken("not-base64-json")).toThrow(/UPLOADTHING_TOKEN/);
    expect(() => appIdFromToken(Buffer.from("{}").toString("base64"))).toThrow(/appId/);
  });

  it("builds public URLs and refuses keys that could escape the path", () => {
    expect(ufsUrl("abc123", "k3y_image.png")).toBe("https://abc123.ufs.sh/f/k3y_image.png");
    expect(() => ufsUrl("abc123", "../x")).toThrow();
    expect(() => ufsUrl("abc123", "a/b")).toThrow();
  });

  it("puts through uploadFiles and keeps uploadthing's key", async () => {
    const uploadFiles = vi.fn(async (file: File) => ({
      data: { key: "utkey123", size: file.size, ufsUrl: "https://abc123.ufs.sh/f/utkey123" },
      error: null,
    }));
    const s = uploadthingStorage(token, { api: { uploadFiles, deleteFiles: vi.fn() } as never });
    const stored = await s.put("uploads/team/x.png", new Uint8Array([1, 2, 3]), "image/png");
    expect(stored).toEqual({ key: "utkey123", bytes: 3, url: "https://abc123.ufs.sh/f/utkey123" });
    const file = uploadFiles.mock.calls[0]![0] as File;
    expect([file.name, file.type]).toEqual(["x.png", "image/png"]);
  });

  it("gets by fetching the public URL, null on 404; deletes by key", async () => {
    const fetcher = vi.fn(async (url: string | URL | Request) =>
      String(url).endsWith("/missing")
        ? new Response("no", { status: 404 })
        : new Response("bytes", { headers: { "content-type": "image/png", "content-length": "5" } }),
    );
    const deleteFiles = vi.fn(async () => ({ success: true, deletedCount: 1 }));
    const s = uploadthingStorage(token, {
      api: { uploadFiles: vi.fn(), deleteFiles } as never,
      fetch: fetcher as never,
    });
    const got = await s.get("utkey123");
    expect(fetcher).toHaveBeenCalledWith("https://abc123.ufs.sh/f/utkey123");
    expect(got?.contentType).toBe("image/png");
    expect(got?.bytes).toBe(5);
    expect(await new Response(got!.body).text()).toBe("bytes");
    expect(await s.get("missing")).toBeNull();
    await s.delete("utkey123");
    expect(deleteFiles).toHaveBeenCalledWith("utkey123");
  });
});
