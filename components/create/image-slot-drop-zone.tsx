import { ImagePlus, LoaderCircle } from "lucide-react";
import { type Ref, useState } from "react";
import { ACCEPT_ATTR, ACCEPTED_LABEL, MAX_UPLOAD_LABEL } from "@/lib/uploads/limits";
import { cn } from "@/lib/utils";

type Props = {
  /** Ids from the slot: the file input's own, the slot's label, and its error list. */
  inputId: string;
  labelId: string;
  errorId: string;
  invalid: boolean;
  busy: boolean;
  hint?: string;
  fileRef: Ref<HTMLInputElement>;
  onFile: (file: File | undefined) => Promise<void>;
};

/** The area to drop a photo on or click to browse for one; it shows a spinner while uploading. */
export function SlotDropZone({ inputId, labelId, errorId, invalid, busy, hint, fileRef, onFile }: Props) {
  const [over, setOver] = useState(false);
  return (
    <label
      htmlFor={inputId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void onFile(e.dataTransfer.files[0]);
      }}
      className={cn(
        "flex h-40 cursor-pointer flex-col sm:h-auto sm:aspect-[4/3] items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 text-center transition-colors hover:border-primary/60 hover:bg-accent/40 has-[:focus-visible]:border-ring has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
        over && "border-primary bg-primary/5",
        invalid && "border-destructive/60",
      )}
    >
      {busy ? <Uploading /> : <DropPrompt hint={hint} />}
      <input
        ref={fileRef}
        id={inputId}
        type="file"
        accept={ACCEPT_ATTR}
        className="sr-only"
        aria-labelledby={labelId}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? errorId : undefined}
        disabled={busy}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
    </label>
  );
}

function Uploading() {
  return (
    <>
      <LoaderCircle className="size-6 animate-spin text-primary" aria-hidden />
      <span className="text-sm">Uploading…</span>
    </>
  );
}

function DropPrompt({ hint }: { hint?: string }) {
  return (
    <>
      <ImagePlus className="size-6 text-muted-foreground" aria-hidden />
      <span className="text-sm">
        <span className="font-medium text-primary">Choose a photo</span> or drop it here
      </span>
      <span className="text-xs text-muted-foreground">{hint ?? `${ACCEPTED_LABEL}, up to ${MAX_UPLOAD_LABEL}`}</span>
    </>
  );
}
