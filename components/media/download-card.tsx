import { DownloadForm } from "@/components/media/download-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { urls } from "@/lib/urls";

export function DownloadCard({
  slug,
  mediaId,
  variants,
  gifs,
}: {
  slug: string;
  mediaId: string;
  variants: string[];
  gifs: boolean;
}) {
  return (
    <Card id="download">
      <CardHeader>
        <CardTitle>Download</CardTitle>
        <CardDescription>
          {gifs ? "The original MP4 or GIF" : "The original MP4"}, or a smaller copy made to a width or a file size.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <DownloadForm action={urls.download(slug, mediaId)} variants={variants} gifs={gifs} />
      </CardContent>
    </Card>
  );
}
