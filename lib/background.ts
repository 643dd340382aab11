import { usesSandbox } from "@/lib/env";

/** Background work of a long-running server (never on Vercel, where Cron does the same job). */
export function startBackgroundWork(): void {
  if (usesSandbox()) {
    void import("@/lib/sandbox-host").then((m) => m.startSandboxWorker());
  }
}
