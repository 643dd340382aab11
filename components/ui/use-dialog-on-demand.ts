"use client";

import { useRef, useState } from "react";

/**
 * Open state for a dialog whose code is loaded when first wanted. Radix's dialog (focus scope,
 * dismissable layer, portal, scroll lock) is the largest part of a page's own JavaScript, yet most
 * visits never open one; so the trigger is a plain button and the dialog mounts on first open.
 * A pointer over the trigger, or focus on it, starts the download so the click rarely waits.
 * Once mounted the dialog stays mounted, so closing plays its exit. Radix gives the focus back to
 * its own Trigger only; the dialog passes `returnFocus` as its content's onCloseAutoFocus instead.
 */
export function useDialogOnDemand(load: () => Promise<unknown>) {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const warm = () => void load().catch(() => {});
  const change = (next: boolean) => {
    if (next) setMounted(true);
    setOpen(next);
  };
  const triggerProps = {
    "aria-haspopup": "dialog" as const,
    "aria-expanded": open,
    ref: trigger,
    onPointerEnter: warm,
    onFocus: warm,
  };
  const returnFocus = (e: Event) => {
    e.preventDefault();
    trigger.current?.focus();
  };
  return { open, mounted, setOpen: change, triggerProps, returnFocus };
}
