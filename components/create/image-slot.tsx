"use client";

import { ImagePlus, Link2, LoaderCircle, X } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { ACCEPT_ATTR, ACCEPTED_LABEL, MAX_UPLOAD_LABEL } from "@/lib/uploads/limits";
import { cn } from "@/lib/utils";
import { type SlotName, type SlotValue, slotValue, type UploadPath } from "./types";
import { uploadImage } from "./use-upload";

type Props = {
  name: SlotName;
  label: string;
  hint?: string;
  team: string;
  uploadPath: UploadPath;
  value: SlotValue | undefined;
  onChange: (v: SlotValue | undefined) => void;
  errors?: string[];
};

/** One image input: drop or browse a file (uploaded at once, previewed), or paste a link. */
export function ImageSlot({ name, label, hint, team, uploadPath, value, onChange, errors }: Props) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const [linkMode, setLinkMode] = useState(false);
  const [link, setLink] = useState("");

  async function take(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setUploadError(undefined);
    const r = await uploadImage(uploadPath, team, file);
    setBusy(false);
    if (fileRef.current) fileRef.current.value = "";
    if (r.ok) onChange(r.value);
    else setUploadError(r.error);
  }

  function applyLink() {
    const v = link.trim();
    if (!/^https?:\/\/\S+$/i.test(v)) {
      setUploadError("Paste a link that starts with https://.");
      return;
    }
    setUploadError(undefined);
    onChange({ kind: "url", url: v });
    setLinkMode(false);
    setLink("");
  }

  const messages = [...(uploadError ? [uploadError] : []), ...(errors ?? [])];
  const errorId = `${id}-error`;
  const preview = value ? (value.kind === "upload" ? value.previewUrl : value.url) : undefined;

  return (
    <div className="grid min-w-0 content-start gap-2" data-testid={`slot-${name}`}>
      <input type="hidden" name={name} value={slotValue(value)} />
      <div className="flex items-center justify-between gap-2">
        <span id={`${id}-label`} className="text-sm font-medium">
          {label}
        </span>
        {!value && !busy && (
          <button
            type="button"
            className="inline-flex items-center gap-1 text-xs text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
            onClick={() => setLinkMode((m) => !m)}
          >
            <Link2 className="size-3" aria-hidden /> {linkMode ? "Upload a file instead" : "Use a link"}
          </button>
        )}
      </div>

      {value ? (
        <div className="relative overflow-hidden rounded-lg border bg-muted/40">
          {/* eslint-disable-next-line @next/next/no-img-element -- user images of any origin and size */}
          <img src={preview} alt={`${label} preview`} className="h-40 w-full object-contain sm:h-auto sm:aspect-[4/3]" />
          <div className="flex items-center justify-between gap-2 border-t bg-background/90 px-3 py-1.5 text-xs">
            <span className="truncate text-muted-foreground" title={value.kind === "upload" ? value.name : value.url}>
              {value.kind === "upload" ? value.name : value.url}
            </span>
            <Button type="button" variant="ghost" size="sm" className="h-7 shrink-0 px-2" onClick={() => onChange(undefined)} aria-label={`Remove ${label.toLowerCase()}`}>
              <X className="size-3.5" aria-hidden /> Remove
            </Button>
          </div>
        </div>
      ) : linkMode ? (
        <div className="grid gap-2 rounded-lg border border-dashed p-3">
          <div className="flex gap-2">
            <Input
              type="url"
              inputMode="url"
              placeholder="https://example.com/photo.jpg"
              aria-label={`${label} link`}
              value={link}
              onChange={(e) => setLink(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  applyLink();
                }
              }}
            />
            <Button type="button" variant="secondary" onClick={applyLink}>
              Use
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">A public link to a {ACCEPTED_LABEL} image.</p>
        </div>
      ) : (
        <label
          htmlFor={`${id}-file`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            void take(e.dataTransfer.files[0]);
          }}
          className={cn(
            "flex h-40 cursor-pointer flex-col sm:h-auto sm:aspect-[4/3] items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 text-center transition-colors hover:border-primary/60 hover:bg-accent/40 has-[:focus-visible]:border-ring has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
            over && "border-primary bg-primary/5",
            messages.length > 0 && "border-destructive/60",
          )}
        >
          {busy ? (
            <>
              <LoaderCircle className="size-6 animate-spin text-primary" aria-hidden />
              <span className="text-sm">Uploading…</span>
            </>
          ) : (
            <>
              <ImagePlus className="size-6 text-muted-foreground" aria-hidden />
              <span className="text-sm">
                <span className="font-medium text-primary">Choose a photo</span> or drop it here
              </span>
              <span className="text-xs text-muted-foreground">
                {hint ?? `${ACCEPTED_LABEL}, up to ${MAX_UPLOAD_LABEL}`}
              </span>
            </>
          )}
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            accept={ACCEPT_ATTR}
            className="sr-only"
            aria-labelledby={`${id}-label`}
            aria-invalid={messages.length ? true : undefined}
            aria-describedby={messages.length ? errorId : undefined}
            disabled={busy}
            onChange={(e) => void take(e.target.files?.[0])}
          />
        </label>
      )}
      <FieldError id={errorId} messages={messages.length ? messages : undefined} />
    </div>
  );
}
