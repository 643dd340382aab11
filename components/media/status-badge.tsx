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
}: {
  status: Status;
  progress?: number;
  className?: string;
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
      <Icon className={cn(status === "processing" && "animate-spin motion-reduce:animate-none")} aria-hidden />
      {label}
    </Badge>
  );
}
