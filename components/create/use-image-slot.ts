import { useRef, useState } from "react";
import type { SlotValue, UploadPath } from "@/lib/media/create-form-model";
import { uploadImage } from "./use-upload";

/**
 * The state of one image slot: the upload in flight, its error, and the paste-a-link box.
 * `onBusy` tells the form an upload is under way, so it is not sent without the photo.
 */
export function useImageSlot(
  uploadPath: UploadPath,
  team: string,
  onChange: (v: SlotValue | undefined) => void,
  onBusy?: (busy: boolean) => void,
) {
  const fileRef = useRef<HTMLInputElement>(null);
  // One upload at a time: the input is disabled while busy, but a drop still reaches take().
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const [linkMode, setLinkMode] = useState(false);
  const [link, setLink] = useState("");

  async function take(file: File | undefined) {
    if (!file || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    onBusy?.(true);
    setUploadError(undefined);
    const r = await uploadImage(uploadPath, team, file);
    inFlight.current = false;
    setBusy(false);
    onBusy?.(false);
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

  const toggleLinkMode = () => setLinkMode((m) => !m);

  return { fileRef, busy, uploadError, linkMode, toggleLinkMode, link, setLink, take, applyLink };
}
