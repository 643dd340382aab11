import { keyChecker, Origins } from "./access";
import type { Db } from "./db";
import { FileStore } from "./files";
import { handle } from "./http";
import { readSettings, resolveDefaults, writeSettings } from "./settings";
import type { OpenInput, SandboxSettings, SandboxSettingsPatch } from "./types";
import { Worker } from "./worker";

// The sandbox's one door. It exists so the studio runs and is tested end to end with no cloud
// account and no network: a stand-in for the Vimmerse Media API cloud (like a payment
// provider's test mode) that speaks the same API and renders real videos with ffmpeg. It knows
// nothing of the app: the host hands it a database handle, a folder, the URL it is mounted at,
// the API key it accepts (and, optionally, which other "account" keys it accepts) and a way to
// open the host's own files. It serves that host only: other keys get 401, inputs and webhooks
// off the host's origin are refused. See README.md.

export type {
  LostAnswerKind,
  OpenInput,
  SandboxFaults,
  SandboxFaultsPatch,
  SandboxSettings,
  SandboxSettingsPatch,
} from "./types";

export interface Sandbox {
  /** Answers an API request; publicBaseUrl's path prefix is stripped from req.url. */
  handle(req: Request): Promise<Response>;
  /** Background loop: picks up queued/in-progress jobs (also after a restart), renders, delivers webhooks with retries. */
  startWorker(): void;
  stopWorker(): Promise<void>;
  /** For tests: process until nothing is pending (including webhook retries that are due). */
  drain(): Promise<void>;
  getSettings(): Promise<SandboxSettings>;
  /** Changes some knobs; `faults` groups are merged into the stored ones (see faults.ts). */
  updateSettings(patch: SandboxSettingsPatch): Promise<SandboxSettings>;
}

/** How long a claim on a job lasts without renewal; a dead worker's job is resumed after it. */
const LOCK_MS = 30_000;

export function createSandbox(opts: {
  db: Db; // postgres-js or pglite drizzle handle
  filesDir: string; // uploaded inputs and rendered outputs live here
  publicBaseUrl: string; // absolute URL where the API is mounted, e.g. http://localhost:3000/api/sandbox
  apiKey: string; // the host's x-api-key (compared in constant time)
  /**
   * Other keys accepted, each as its own account (media made with one are 404 to every other key).
   * The predicate must compare in constant time; without it only apiKey is accepted.
   */
  acceptsKey?: (key: string) => boolean;
  /** The host's origin: inputs are read from it only and webhooks sent to it only. Default: publicBaseUrl's. */
  appOrigin?: string;
  /** How inputs on the host's origin are read (never over the network); without it only the sandbox's own files are. */
  openInput?: OpenInput;
  fetch?: typeof fetch; // used to deliver webhooks, never to read inputs (tests inject one)
  defaults?: SandboxSettingsPatch;
}): Sandbox {
  const base = new URL(opts.publicBaseUrl);
  const publicBaseUrl = `${base.origin}${base.pathname.replace(/\/+$/, "")}`;
  const basePath = base.pathname.replace(/\/+$/, "");
  const keyHolder = keyChecker(opts.apiKey, opts.acceptsKey);
  const origins = new Origins(opts.appOrigin ?? base.origin, publicBaseUrl);
  const db = opts.db;
  const files = new FileStore(opts.filesDir, publicBaseUrl);
  const defaults = resolveDefaults(opts.defaults);
  const fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const getSettings = () => readSettings(db, defaults);
  const updateSettings = (patch: SandboxSettingsPatch) => writeSettings(db, defaults, patch);
  const worker = new Worker({
    db,
    files,
    origins,
    openInput: opts.openInput,
    fetch: fetchFn,
    settings: getSettings,
    lockMs: LOCK_MS,
  });
  const ctx = {
    db,
    files,
    origins,
    keyHolder,
    defaults,
    basePath,
    getSettings,
    updateSettings,
    queued: () => worker.wake(),
  };

  return {
    handle: (req) => handle(ctx, req),
    startWorker: () => worker.start(),
    stopWorker: () => worker.stop(),
    drain: () => worker.drain(),
    getSettings,
    updateSettings,
  };
}
