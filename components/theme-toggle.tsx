import { Moon, Sun } from "lucide-react";
import { TOGGLE_ATTRIBUTE } from "@/components/theme-provider";
import { Button } from "@/components/ui/button";

// A server-rendered button: the root layout's inline theme script handles its clicks, so the
// landing page, whose only control this is, ships no component code of its own.
export function ThemeToggle() {
  return (
    <Button type="button" variant="ghost" size="icon" aria-label="Toggle dark mode" {...{ [TOGGLE_ATTRIBUTE]: "" }}>
      <Sun className="size-4 dark:hidden" />
      <Moon className="hidden size-4 dark:block" />
    </Button>
  );
}
