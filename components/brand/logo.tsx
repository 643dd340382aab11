import Link from "next/link";
import { cn } from "@/lib/utils";

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-7", className)}>
      <defs>
        <linearGradient id="vs-grad" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="oklch(0.62 0.22 285)" />
          <stop offset="1" stopColor="oklch(0.7 0.18 330)" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#vs-grad)" />
      <path
        d="M9 10.5 15.2 22h1.6L23 10.5"
        fill="none"
        stroke="white"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Logo({ href = "/", className }: { href?: string; className?: string }) {
  return (
    <Link
      href={href}
      className={cn("flex items-center gap-2 font-semibold tracking-tight whitespace-nowrap", className)}
    >
      <LogoMark />
      <span>Vimmerse Studio</span>
    </Link>
  );
}
