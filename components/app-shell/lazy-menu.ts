"use client";

import { type MouseEvent, useState } from "react";

// Radix's DropdownMenu, with what it pulls in (popper, focus scope, portal, collections), is most
// of the JavaScript the team layout adds to every signed-in page, and nobody needs it until they
// open a menu. So the header renders a plain trigger; a pointer over it starts downloading the
// menus' module, and a click (Enter or Space too) swaps in the Radix menu already open. From then
// on Radix's trigger and keyboard access are Radix's own.
// The swap happens only with the click that opens: a swap on hover could land between a press and
// its click, and that click would reach Radix's trigger, which opens on pointerdown and ignores
// clicks; and a touch that turns into a scroll never clicks, so it never opens a menu.

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
  const triggerProps = {
    "aria-haspopup": "menu" as const,
    "aria-expanded": false,
    onPointerEnter: () => void menus().catch(() => {}),
    onClick: (_: MouseEvent<HTMLButtonElement>) =>
      void menus().then(
        (m) => {
          setLoaded(m);
          setOpen(true);
        },
        (err) => console.error("The menu could not be loaded; it is tried again on the next click.", err),
      ),
  };
  return { menus: loaded, open, onOpenChange: setOpen, triggerProps };
}
