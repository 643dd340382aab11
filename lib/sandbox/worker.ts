import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { Origins } from "./access";
import type { Db } from "./db";
import type { FileStore } from "./files";
import { ClaimLost, JobFailure, type JobResult, runJob } from "./job";
import { Aborted } from "./render/ffmpeg";
import { SERVICE_VERSION } from "./render/plan";
import { type SandboxMediaRow, sandboxMedia } from "./schema";
import { claimJob, finishJob, type MediaPatch, releaseJob } from "./store";
import type { OpenInput, SandboxSettings } from "./types";
import { timestamp } from "./view";
import { deliverOne, enqueueWebhook } from "./webhooks";

// The background loops of one process: one renders jobs (one at a time: a render already uses
// both cores), the other delivers webhooks, so a long render never delays a notice. Both only
// talk to the database, so any number of processes can run them side by side.

/** A job whose worker died this many times is failed rather than tried forever. */
const MAX_ATTEMPTS = 3;
const JOB_POLL_MS = 1_000;
const HOOK_POLL_MS = 1_000;

export type WorkerDeps = {
  db: Db;
  files: FileStore;
  origins: Origins;
  openInput?: OpenInput;
  /** Delivers webhooks (to the host's origin only); never used for inputs. */
  fetch: typeof fetch;
  settings: () => Promise<SandboxSettings>;
  lockMs: number;
};

const log = (msg: string, e?: unknown) => console.error(`[sandbox] ${msg}`, e instanceof Error ? e.message : (e ?? ""));

export class Worker {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private running = false;
  private stopper = new AbortController();
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private active = new Set<Promise<boolean>>();

  constructor(private readonly deps: WorkerDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopper = new AbortController();
    this.loops = [
      this.loop(() => this.processOneJob(this.stopper.signal), JOB_POLL_MS),
      this.loop(() => this.deliverOne(), HOOK_POLL_MS),
    ];
  }

  /** Stops both loops; a render in progress is killed and its claim handed back for resumption. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopper.abort();
    this.wake();
    await Promise.allSettled(this.loops);
    await Promise.allSettled([...this.active]);
    this.loops = [];
  }

  /** Ends a poll wait early (a job was just queued). */
  wake(): void {
    for (const w of this.wakers) w();
  }

  /** Works until nothing is left to do now: no claimable job, no webhook due. */
  async drain(): Promise<void> {
    const never = new AbortController().signal;
    for (;;) {
      const didJob = await this.processOneJob(never);
      const didHook = await this.deliverOne();
      if (didJob || didHook) continue;
      if (this.active.size > 0) {
        await Promise.allSettled([...this.active]);
        continue;
      }
      return;
    }
  }

  private deliverOne(): Promise<boolean> {
    return deliverOne(this.deps.db, this.deps.fetch, (url) => this.deps.origins.onApp(url));
  }

  private async loop(step: () => Promise<boolean>, pollMs: number): Promise<void> {
    while (this.running) {
      let did = false;
      try {
        did = await step();
      } catch (e) {
        log("worker step failed", e);
      }
      if (!did && this.running) await this.pause(pollMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  private processOneJob(signal: AbortSignal): Promise<boolean> {
    const p = this.claimAndRun(signal);
    this.active.add(p);
    return p.finally(() => this.active.delete(p));
  }

  private async claimAndRun(signal: AbortSignal): Promise<boolean> {
    const { db } = this.deps;
    const row = await claimJob(db, this.owner, this.deps.lockMs);
    if (!row) return false;
    if (row.attempts > MAX_ATTEMPTS) {
      await this.complete(row, { ok: false, error: "RENDER_GAVE_UP: the render was interrupted too many times" });
      return true;
    }
    const settings = await this.deps.settings();
    try {
      const result = await runJob(
        {
          db,
          files: this.deps.files,
          origins: this.deps.origins,
          openInput: this.deps.openInput,
          owner: this.owner,
          lockMs: this.deps.lockMs,
          settings,
          signal,
        },
        row,
      );
      await this.complete(row, { ok: true, result });
    } catch (e) {
      if (e instanceof ClaimLost) return true;
      if (e instanceof Aborted && signal.aborted) {
        await releaseJob(db, row.id, this.owner).catch((err) => log("could not release a job", err));
        return true;
      }
      if (!(e instanceof JobFailure)) log(`render of ${row.id} failed`, e);
      const error =
        e instanceof JobFailure ? e.message : `RENDER_FAILED: ${e instanceof Error ? e.message : String(e)}`;
      await this.complete(row, { ok: false, error });
    }
    return true;
  }

  /** Final state and webhook notice, together or not at all. */
  private async complete(
    row: SandboxMediaRow,
    outcome: { ok: true; result: JobResult } | { ok: false; error: string },
  ): Promise<void> {
    const settings = await this.deps.settings();
    await this.deps.db.transaction(async (tx) => {
      let patch: MediaPatch;
      if (outcome.ok) {
        const { result } = outcome;
        const version = row.bulletVersion + 1;
        const entry = {
          generate_type: "GENERATE_VIDEO",
          pose_preset: row.posePreset,
          file_map: row.fileMap,
          service_name: row.serviceName,
          service_seeds: [Number.parseInt(row.id.slice(0, 4), 16) + row.generation],
          created_at: timestamp(new Date()),
          service_version: SERVICE_VERSION,
          bullet_version: String(version),
          resolution: result.resolution,
          submit_params: row.submitParams,
          generation: row.generation,
          variants: result.variants,
        };
        patch = {
          status: "success",
          progress: 100,
          error: null,
          bulletVersion: version,
          variants: result.variants,
          variantsGeneration: row.generation,
          durationTime: result.duration.toFixed(1),
          videoHistory: sql`${sandboxMedia.videoHistory} || ${JSON.stringify([entry])}::jsonb`,
        };
      } else {
        patch = { status: "fail", progress: 100, error: outcome.error };
      }
      const done = await finishJob(tx, row.id, row.generation, this.owner, patch);
      // A webhook goes to the host's origin only (a row older than that rule may name another).
      if (done?.webhookUrl && !settings.dropWebhooks && this.deps.origins.onApp(done.webhookUrl)) {
        await enqueueWebhook(tx, done.id, done.webhookUrl, {
          customer_id: done.customerId,
          media_id: done.id,
          status: done.status,
        });
      }
    });
    this.wake();
  }
}
