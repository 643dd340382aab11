"use client";

import { useId } from "react";
import { FieldError } from "@/components/ui/field-error";
import { type SlotName, type SlotValue, slotValue, type UploadPath } from "@/lib/media/create-form-model";
import { SlotDropZone } from "./image-slot-drop-zone";
import { LinkModeToggle, SlotLinkInput } from "./image-slot-link";
import { SlotPreview } from "./image-slot-preview";
import { useImageSlot } from "./use-image-slot";

type Props = {
  name: SlotName;
  label: string;
  hint?: string;
  team: string;
  uploadPath: UploadPath;
  value: SlotValue | undefined;
  onChange: (v: SlotValue | undefined) => void;
  onBusy?: (busy: boolean) => void;
  errors?: string[];
};

/** One image input: drop or browse a file (uploaded at once, previewed), or paste a link. */
export function ImageSlot({ name, label, hint, team, uploadPath, value, onChange, onBusy, errors }: Props) {
  const id = useId();
  const slot = useImageSlot(uploadPath, team, onChange, onBusy);
  const messages = [...(slot.uploadError ? [slot.uploadError] : []), ...(errors ?? [])];
  const errorId = `${id}-error`;

  return (
    <div className="grid min-w-0 content-start gap-2" data-testid={`slot-${name}`}>
      <input type="hidden" name={name} value={slotValue(value)} />
      <div className="flex items-center justify-between gap-2">
        <span id={`${id}-label`} className="text-sm font-medium">
          {label}
        </span>
        {!value && !slot.busy && <LinkModeToggle linkMode={slot.linkMode} onToggle={slot.toggleLinkMode} />}
      </div>

      {value ? (
        <SlotPreview label={label} value={value} onRemove={() => onChange(undefined)} />
      ) : slot.linkMode ? (
        <SlotLinkInput label={label} link={slot.link} onLinkChange={slot.setLink} onApply={slot.applyLink} />
      ) : (
        <SlotDropZone
          inputId={`${id}-file`}
          labelId={`${id}-label`}
          errorId={errorId}
          invalid={messages.length > 0}
          busy={slot.busy}
          hint={hint}
          fileRef={slot.fileRef}
          onFile={slot.take}
        />
      )}
      <FieldError id={errorId} messages={messages.length ? messages : undefined} />
    </div>
  );
}
