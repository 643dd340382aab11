"use client";

import { useActionState, useEffect, useId, useState } from "react";
import { addCommentAction } from "@/app/(app)/t/[team]/media/[id]/review-actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { FormState } from "@/lib/form-state";
import { BODY_MAX } from "@/lib/review/limits";
import { formatTimecode } from "@/lib/review/timecode";
import { currentTimeMs } from "./player";

type Props = {
  team: string;
  mediaId: string;
  generationId: string | null;
  /** Set for a reply: no time of its own, it belongs to the thread. */
  parentId?: string;
  /** The page plays this version: offer "At current time". */
  playable?: boolean;
  onDone?: () => void;
};

/** A new comment (with an optional time, typed or read from the player) or a reply to a thread. */
export function CommentForm({ team, mediaId, generationId, parentId, playable = false, onDone }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(addCommentAction, {});
  const [atCurrent, setAtCurrent] = useState(false);
  const [now, setNow] = useState<number | null>(null);
  const ids = useId();
  const e = state.fieldErrors ?? {};
  const reply = Boolean(parentId);

  // While "At current time" is ticked the field follows the player (timeupdate does not bubble: captured).
  useEffect(() => {
    if (!atCurrent) return;
    const read = () => setNow(currentTimeMs());
    read();
    document.addEventListener("timeupdate", read, true);
    document.addEventListener("seeked", read, true);
    return () => {
      document.removeEventListener("timeupdate", read, true);
      document.removeEventListener("seeked", read, true);
    };
  }, [atCurrent]);
  useEffect(() => {
    if (state.ok) onDone?.();
  }, [state, onDone]);

  const submit = (fd: FormData) => {
    const ms = atCurrent ? currentTimeMs() : null;
    if (ms !== null) fd.set("timecodeMs", String(ms));
    action(fd);
  };

  return (
    <form action={submit} className="grid gap-2" data-testid={reply ? "reply-form" : "comment-form"} noValidate>
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="mediaId" value={mediaId} />
      {generationId && <input type="hidden" name="generationId" value={generationId} />}
      {parentId && <input type="hidden" name="parentId" value={parentId} />}
      <Label htmlFor={`${ids}-body`} className={reply ? "sr-only" : undefined}>
        {reply ? "Reply" : "Comment"}
      </Label>
      <Textarea
        id={`${ids}-body`}
        name="body"
        defaultValue={state.values?.body ?? ""}
        maxLength={BODY_MAX}
        rows={reply ? 2 : 3}
        placeholder={reply ? "Write a reply…" : "What do you see? Mention someone with @name."}
        aria-invalid={e.body?.length ? true : undefined}
        aria-describedby={`${ids}-body-error`}
      />
      <FieldError id={`${ids}-body-error`} messages={e.body} />
      {!reply && (
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
          <div className="grid gap-1.5">
            <Label htmlFor={`${ids}-time`}>Time (optional)</Label>
            {/* Two inputs, not one that switches: React keeps a field either typed into or driven. */}
            <Input
              key={atCurrent ? "player" : "typed"}
              id={`${ids}-time`}
              name="timecode"
              inputMode="decimal"
              placeholder="e.g. 1:23"
              className="w-28 font-mono tabular-nums"
              {...(atCurrent
                ? { readOnly: true, value: now === null ? "" : formatTimecode(now) }
                : { defaultValue: state.values?.timecode ?? "" })}
              aria-invalid={e.timecode?.length || e.timecodeMs?.length ? true : undefined}
              aria-describedby={`${ids}-time-error`}
            />
          </div>
          {playable && (
            <label className="flex h-9 items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                checked={atCurrent}
                onChange={(ev) => setAtCurrent(ev.target.checked)}
                className="size-4 accent-primary"
              />
              At current time
            </label>
          )}
        </div>
      )}
      <FieldError id={`${ids}-time-error`} messages={[...(e.timecode ?? []), ...(e.timecodeMs ?? [])]} />
      <FormMessage kind="error" message={state.error} />
      <Button type="submit" size="sm" disabled={pending} className="w-fit">
        {pending ? "Sending…" : reply ? "Reply" : "Comment"}
      </Button>
    </form>
  );
}
