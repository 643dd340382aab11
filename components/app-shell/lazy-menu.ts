"use client";

import { type MouseEvent, type PointerEvent, useRef, useState } from "react";

// Radix's DropdownMenu, with what it pulls in (popper, focus scope, portal, collections), is most
// of the JavaScript the team layout adds to every signed-in page, and nobody needs it until they
// open a menu. So the header renders a plain trigger; a pointer over it starts loading the menus'
// module, and a press (or Enter or Space) loads it if need be and opens the menu. From then on the
// Radix menu renders that same trigger and keyboard access is Radix's own.
// A press opens on pointerdown, as Radix's trigger does: the swap that the hover starts can land
// between the button going down and the click, and that click then reaches Radix's trigger, which
// ignores clicks; the menu would not open.

export function loadMenus() {
  return import("./menu-content");
}
type Menus = Awaited<ReturnType<typeof loadMenus>>;

let loading: Promise<Menus> | null = null;
const menus = () => {
  loading ??= loadMenus().catch((err) => {
    loading = null; // a failed download (offline, a new deploy) is tried again on the next click
    throw err;
  });
  return loading;
};

export function useLazyMenus() {
  const [loaded, setLoaded] = useState<Menus | null>(null);
  const [open, setOpen] = useState(false);
  const wanted = useRef(false);
  const fetchMenus = (andOpen: boolean) => {
    wanted.current ||= andOpen;
    void menus().then((m) => {
      setLoaded(m);
      if (wanted.current) setOpen(true);
    });
  };
  const triggerProps = {
    "aria-haspopup": "menu" as const,
    "aria-expanded": false,
    onPointerEnter: (e: PointerEvent<HTMLButtonElement>) => {
      // Swapping in the Radix trigger would take focus away from a keyboard user resting on it.
      if (document.activeElement !== e.currentTarget) fetchMenus(false);
    },
    onPointerDown: (e: PointerEvent<HTMLButtonElement>) => {
      if (e.button === 0 && !e.ctrlKey) fetchMenus(true);
    },
    onClick: (_: MouseEvent<HTMLButtonElement>) => fetchMenus(true),
  };
  const onOpenChange = (next: boolean) => {
    wanted.current = false;
    setOpen(next);
  };
  return { menus: loaded, open, onOpenChange, triggerProps };
}
