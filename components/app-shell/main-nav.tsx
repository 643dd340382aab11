"use client";

import { Gauge, History, Images, Settings, Sparkles, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

type Props = {
  slug: string;
  canCreate: boolean;
  /** Owners and admins: the usage page (anyone else gets its 404, so no link is offered). */
  canSeeUsage?: boolean;
  className?: string;
};

export function MainNav({ slug, canCreate, canSeeUsage = false, className }: Props) {
  const pathname = usePathname();
  const base = `/t/${slug}`;
  const items = [
    { href: base, label: "Gallery", icon: Images, active: pathname === base || pathname.startsWith(`${base}/media`) },
    // A viewer cannot create: no way in is offered (the page and its action refuse anyway).
    ...(canCreate
      ? [{ href: `${base}/create`, label: "Create", icon: Sparkles, active: pathname.startsWith(`${base}/create`) }]
      : []),
    // The Trash is for members and above, the ones who may delete.
    ...(canCreate
      ? [{ href: `${base}/trash`, label: "Trash", icon: Trash2, active: pathname.startsWith(`${base}/trash`) }]
      : []),
    // Everyone in the team, viewers included, sees what happens in it.
    { href: `${base}/activity`, label: "Activity", icon: History, active: pathname.startsWith(`${base}/activity`) },
    ...(canSeeUsage
      ? [{ href: `${base}/usage`, label: "Usage", icon: Gauge, active: pathname.startsWith(`${base}/usage`) }]
      : []),
    {
      href: `${base}/settings`,
      label: "Team settings",
      icon: Settings,
      active: pathname.startsWith(`${base}/settings`),
    },
  ];
  return (
    <nav aria-label="Main" className={cn("flex items-center gap-1", className)}>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.active ? "page" : undefined}
          className={cn(
            "inline-flex shrink-0 items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
            item.active && "bg-accent text-accent-foreground",
          )}
        >
          <item.icon className="size-4" aria-hidden />
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
