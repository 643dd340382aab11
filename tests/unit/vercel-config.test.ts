import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// vercel.json must deploy on any Vercel plan: Hobby refuses a deployment whose cron runs more
// than once a day. Live progress does not depend on it (webhooks, and polls refresh watched
// renders: lib/media/watch-refresh.ts); the daily pass catches renders nobody watched.

const config = JSON.parse(readFileSync(path.resolve("vercel.json"), "utf8")) as {
  crons: { path: string; schedule: string }[];
};

describe("vercel.json", () => {
  it("schedules the reconciler route, which exists", () => {
    expect(config.crons).toHaveLength(1);
    const [cron] = config.crons;
    expect(cron!.path).toBe("/api/cron/reconcile");
    expect(existsSync(path.resolve("app/api/cron/reconcile/route.ts"))).toBe(true);
  });

  it("runs at most once a day, as the Hobby plan requires", () => {
    const [minute, hour, ...rest] = config.crons[0]!.schedule.split(" ");
    expect(minute).toMatch(/^\d{1,2}$/);
    expect(hour).toMatch(/^\d{1,2}$/);
    expect(rest).toEqual(["*", "*", "*"]);
  });
});
