import path from "node:path";
import { describe, expect, it } from "vitest";
import { importChain, root } from "../helpers/import-chain";

// Radix's dialog (focus scope, dismissable layer, portal, scroll lock) is ~10 kB of gzip and the
// collection and share dialogs bring their forms: the gallery and the media page load all of it
// on first open (components/ui/use-dialog-on-demand.ts), never with the page. This follows every
// static import from those pages and fails on one reaching a dialog.

const DIALOGS = new Set([
  "components/ui/dialog.tsx",
  "components/ui/alert-dialog.tsx",
  "components/ui/confirm-dialog.tsx",
  "components/share/dialog.tsx",
]);
// Radix comes through its umbrella package: `import { Dialog } from "radix-ui"`.
const isDialog = (spec: string, clause: string) =>
  DIALOGS.has(spec) ||
  /^@radix-ui\/react-(alert-)?dialog$/.test(spec) ||
  (spec === "radix-ui" && /\b(Alert)?Dialog\b/.test(clause));

const pages = [
  "app/(app)/t/[team]/page.tsx",
  "app/(app)/t/[team]/media/[id]/page.tsx",
  "app/(app)/t/[team]/layout.tsx",
];

describe("pages that open dialogs load them on demand", () => {
  it.each(pages)("%s imports no dialog with the page", (page) => {
    expect(importChain(path.join(root, page), isDialog)?.map((f) => path.relative(root, f))).toBeUndefined();
  });

  it("the check sees a dialog imported the ordinary way, or Radix's straight from its package", () => {
    const chain = importChain(path.join(root, "components/library/collection-manage-dialog.tsx"), isDialog);
    expect(chain?.map((f) => path.relative(root, f))).toEqual(["components/library/collection-manage-dialog.tsx"]);
    expect(isDialog("radix-ui", "{ Dialog as DialogPrimitive } ")).toBe(true);
    expect(isDialog("radix-ui", "{ DropdownMenu as DropdownMenuPrimitive } ")).toBe(false);
  });
});

// UploadThing's browser client (~13 kB of gzip) is needed only where the server sends uploads to
// UploadThing; the local path posts the file to the app.
describe("the Create page", () => {
  const isUploadthing = (spec: string) => spec.startsWith("@uploadthing/") || spec === "uploadthing/client";
  it("loads UploadThing's client only when an upload goes there", () => {
    const chain = importChain(path.join(root, "app/(app)/t/[team]/create/page.tsx"), isUploadthing);
    expect(chain?.map((f) => path.relative(root, f))).toBeUndefined();
  });

  it("the check sees UploadThing's client imported the ordinary way", () => {
    const chain = importChain(path.join(root, "components/create/uploadthing-client.ts"), isUploadthing);
    expect(chain).toHaveLength(1);
  });
});
