import Link from "next/link";
import type { Part } from "@/lib/activity/describe";

/** A feed or bell sentence: people in bold, the video linked when it can still be opened. */
export function Sentence({ parts, href }: { parts: Part[]; href?: string | null }) {
  return (
    <>
      {parts.map((p, i) => {
        const key = `${i}-${p.kind}`;
        if (p.kind === "text") return <span key={key}>{p.text}</span>;
        if (p.kind === "media")
          return href ? (
            <Link key={key} href={href} className="font-medium text-foreground underline-offset-4 hover:underline">
              {p.text}
            </Link>
          ) : (
            <span key={key} className="font-medium text-foreground">
              {p.text}
            </span>
          );
        return (
          <span key={key} className="font-medium text-foreground">
            {p.text}
          </span>
        );
      })}
    </>
  );
}
