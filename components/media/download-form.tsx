import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { variantLabel } from "./variant-players";

// A plain GET form to the download route: works without JavaScript, and the browser saves the
// file under the name the route gives it. The original comes from the studio's own copy; a
// width or a size cap asks Vimmerse to make the file.

export function DownloadForm({ action, variants, gifs }: { action: string; variants: string[]; gifs: boolean }) {
  return (
    <form
      action={action}
      method="get"
      className="grid grid-cols-2 gap-3 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] lg:items-end"
      data-testid="download-form"
    >
      <div className="grid gap-1.5">
        <Label htmlFor="dl-variant">Video</Label>
        <NativeSelect id="dl-variant" name="variant" defaultValue={variants[0]}>
          {variants.map((v) => (
            <option key={v} value={v}>
              {variantLabel(v)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="dl-format">Format</Label>
        <NativeSelect id="dl-format" name="format" defaultValue="mp4">
          <option value="mp4">MP4 video</option>
          {gifs && <option value="gif">GIF animation</option>}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="dl-width">Width</Label>
        <NativeSelect id="dl-width" name="width" defaultValue="original">
          <option value="original">Original</option>
          <option value="1080">1080 px</option>
          <option value="720">720 px</option>
          <option value="480">480 px</option>
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="dl-size">File size</Label>
        <NativeSelect id="dl-size" name="size" defaultValue="none">
          <option value="none">No limit</option>
          <option value="16">Up to 16 MB</option>
          <option value="8">Up to 8 MB</option>
          <option value="4">Up to 4 MB</option>
          <option value="2">Up to 2 MB</option>
          <option value="1">Up to 1 MB</option>
        </NativeSelect>
      </div>
      <Button type="submit" className="col-span-2 lg:col-span-1">
        <Download aria-hidden /> Download
      </Button>
    </form>
  );
}
