// A long-running server's background pass sleeps while nothing is pending (lib/background.ts);
// what makes work for it in this process (a render sent, a team deleted) wakes it here. Where no
// pass runs (Vercel, where Cron calls it, and tests) nothing is registered and a wake does nothing.

const g = globalThis as unknown as { __studioWakeBackground?: () => void };

export function setBackgroundWaker(wake: (() => void) | undefined): void {
  g.__studioWakeBackground = wake;
}

export function wakeBackground(): void {
  g.__studioWakeBackground?.();
}
