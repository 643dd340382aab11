import { Film, Pause, Play, TriangleAlert } from "lucide-react";
import { StatusSymbols } from "@/components/media/status-badge";

// The gallery's icons drawn once per page as symbols; each card refers to them instead of
// repeating the same inline SVG 24 times in the HTML and in the React payload.

const ICONS = { play: Play, pause: Pause, film: Film, alert: TriangleAlert } as const;

export function CardIconSprite() {
  return (
    <>
      <StatusSymbols />
      <svg width="0" height="0" className="absolute" aria-hidden>
        {Object.entries(ICONS).map(([name, Icon]) => (
          <symbol key={name} id={`ci-${name}`} viewBox="0 0 24 24">
            <Icon />
          </symbol>
        ))}
      </svg>
    </>
  );
}
