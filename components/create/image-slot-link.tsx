import { Link2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ACCEPTED_LABEL } from "@/lib/uploads/limits";

/** The small text button that switches a slot between uploading a file and pasting a link. */
export function LinkModeToggle({ linkMode, onToggle }: { linkMode: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 text-xs text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
      onClick={onToggle}
    >
      <Link2 className="size-3" aria-hidden /> {linkMode ? "Upload a file instead" : "Use a link"}
    </button>
  );
}

type Props = { label: string; link: string; onLinkChange: (link: string) => void; onApply: () => void };

/** A box to paste a public image link into; Enter or "Use" takes it. */
export function SlotLinkInput({ label, link, onLinkChange, onApply }: Props) {
  return (
    <div className="grid gap-2 rounded-lg border border-dashed p-3">
      <div className="flex gap-2">
        <Input
          type="url"
          inputMode="url"
          placeholder="https://example.com/photo.jpg"
          aria-label={`${label} link`}
          value={link}
          onChange={(e) => onLinkChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onApply();
            }
          }}
        />
        <Button type="button" variant="secondary" onClick={onApply}>
          Use
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">A public link to a {ACCEPTED_LABEL} image.</p>
    </div>
  );
}
