"use client";

import { ChevronsUpDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useLazyMenus } from "./lazy-menu";
import type { TeamItem } from "./menu-content";

export function TeamSwitcher({ current, teams }: { current: TeamItem; teams: TeamItem[] }) {
  const { menus, open, onOpenChange, triggerProps } = useLazyMenus();
  const trigger = (
    <Button
      variant="ghost"
      className="max-w-[14rem] justify-between gap-2 px-2"
      aria-label="Switch team"
      data-testid="team-switcher"
      {...(menus ? {} : triggerProps)}
    >
      <span className="grid size-6 shrink-0 place-items-center rounded-md bg-primary/15 text-xs font-semibold text-primary">
        {current.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="truncate">{current.name}</span>
      <ChevronsUpDown className="size-3.5 shrink-0 opacity-60" />
    </Button>
  );
  if (!menus) return trigger;
  return (
    <menus.TeamSwitcherMenu open={open} onOpenChange={onOpenChange} trigger={trigger} current={current} teams={teams} />
  );
}
