"use client";

import { Button } from "@/components/ui/button";
import { useLazyMenus } from "./lazy-menu";
import type { UserMenuProps } from "./menu-content";
import { useSessionRefresh } from "./session-refresh";

export function initials(name: string | null, email: string | null): string {
  const source = name?.trim() || email || "?";
  return source
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join("");
}

export function UserMenu(props: UserMenuProps) {
  useSessionRefresh();
  const { menus, open, onOpenChange, triggerProps } = useLazyMenus();
  const trigger = (
    <Button
      variant="ghost"
      size="icon"
      className="rounded-full"
      aria-label="Account menu"
      data-testid="user-menu"
      {...(menus ? {} : triggerProps)}
    >
      <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold text-primary select-none">
        {initials(props.name, props.email)}
      </span>
    </Button>
  );
  if (!menus) return trigger;
  return <menus.UserMenuContent open={open} onOpenChange={onOpenChange} trigger={trigger} {...props} />;
}
