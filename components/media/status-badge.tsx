import {
  CircleAlert,
  CircleCheck,
  CircleSlash,
  Clock,
  Hourglass,
  LoaderCircle,
  Search,
  TriangleAlert,
} from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { STATUS_LABEL } from "@/lib/media/status";
import { cn } from "@/lib/utils";

// One look per status, everywhere a media's state is shown (cards, detail page, history).

export type Status = keyof typeof STATUS_LABEL;

const LOOK: Record<
  Status,
  { variant: "secondary" | "warning" | "success" | "destructive" | "outline"; icon: typeof Clock }
> = {
  not_submitted: { variant: "outline", icon: TriangleAlert },
  waiting: { variant: "secondary", icon: Hourglass },
  checking: { variant: "secondary", icon: Search },
  queued: { variant: "secondary", icon: Clock },
  processing: { variant: "warning", icon: LoaderCircle },
  success: { variant: "success", icon: CircleCheck },
  fail: { variant: "destructive", icon: CircleAlert },
  cancel: { variant: "outline", icon: CircleSlash },
};

export function StatusBadge({
  status,
  progress,
  className,
  symbol = false,
}: {
  status: Status;
  progress?: number;
  className?: string;
  /** Draw the icon from the page's symbols (StatusSymbols), as the gallery's 24 cards do. */
  symbol?: boolean;
}) {
  const { variant, icon: Icon } = LOOK[status];
  const label =
    status === "processing" && progress !== undefined ? `${STATUS_LABEL[status]} ${progress}%` : STATUS_LABEL[status];
  return (
    <Badge
      variant={variant}
      className={cn("backdrop-blur-sm", className)}
      data-testid="status-badge"
      data-status={status}
    >
      {symbol ? (
        <svg className={cn(status === "processing" && "animate-spin motion-reduce:animate-none")} aria-hidden>
          <use href={`#si-${status}`} />
        </svg>
      ) : (
        <Icon className={cn(status === "processing" && "animate-spin motion-reduce:animate-none")} aria-hidden />
      )}
      {label}
    </Badge>
  );
}

/** Every status icon once, as symbols, for pages that show many badges. */
export function StatusSymbols() {
  return (
    <svg width="0" height="0" className="absolute" aria-hidden>
      {Object.entries(LOOK).map(([status, { icon: Icon }]) => (
        <symbol key={status} id={`si-${status}`} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
}
