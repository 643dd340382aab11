import { z } from "zod";
import { costModelOverride, DEFAULT_COST_MODEL } from "./billing/cost-model";

// The one place that reads process.env. Everything else asks env() so a bad setting fails
// at start-up with its name, not deep inside a request.

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Who may create an account (lib/auth/signup-policy.ts). */
export const SIGNUP_MODES = ["open", "invite", "domains"] as const;

// "example.com, Acme.org" → ["example.com", "acme.org"]: a bare host name per entry, no "@", no scheme.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const domainList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
  )
  .superRefine((list, ctx) => {
    const bad = list.find((d) => !DOMAIN.test(d));
    if (bad !== undefined || list.length === 0)
      ctx.addIssue({
        code: "custom",
        message: `must list domains like example.com,acme.org${bad === undefined ? "" : ` ("${bad}" is not one)`}`,
      });
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    DATA_DIR: optionalText.pipe(z.string().default(".data")),
    AUTH_SECRET: optionalText.pipe(
      z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    ),
    APP_URL: optionalText.pipe(
      z.url("must be an absolute URL such as https://studio.example.com").default("http://localhost:3000"),
    ),
    VIMMERSE_API_KEY: optionalText,
    VIMMERSE_API_URL: optionalText.pipe(z.url("must be an absolute URL").optional()),
    UPLOADTHING_TOKEN: optionalText,
    CRON_SECRET: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    AUTH_GOOGLE_ID: optionalText,
    AUTH_GOOGLE_SECRET: optionalText,
    EMAIL_SERVER: optionalText.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
        .optional(),
    ),
    EMAIL_FROM: optionalText.pipe(z.string().default("Vimmerse Studio <no-reply@localhost>")),
    SIGNUP_MODE: optionalText.pipe(
      z.enum(SIGNUP_MODES, { error: `must be one of ${SIGNUP_MODES.join(", ")}` }).default("open"),
    ),
    ALLOWED_EMAIL_DOMAINS: optionalText.pipe(domainList.optional()),
    // Credits a team may spend per calendar month (UTC) unless an operator sets its own; unset = unlimited.
    TEAM_MONTHLY_CREDITS: optionalText.pipe(
      z.string().regex(/^\d+$/, "must be a whole number of credits (0 or more)").transform(Number).optional(),
    ),
    // Overrides the estimated credits per video-second (lib/billing/cost-model.ts).
    COST_MODEL: optionalText.pipe(costModelOverride.optional()).transform((m) => m ?? DEFAULT_COST_MODEL),
  })
  .superRefine((v, ctx) => {
    const pairs = [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
    ] as const;
    for (const [a, b] of pairs) {
      if (Boolean(v[a]) !== Boolean(v[b])) {
        ctx.addIssue({ code: "custom", path: [v[a] ? b : a], message: `is required when ${v[a] ? a : b} is set` });
      }
    }
    // A list without the mode would look like a restriction while sign-up stays open: refuse it.
    if (v.SIGNUP_MODE === "domains" && !v.ALLOWED_EMAIL_DOMAINS) {
      ctx.addIssue({
        code: "custom",
        path: ["ALLOWED_EMAIL_DOMAINS"],
        message: "is required when SIGNUP_MODE is domains",
      });
    } else if (v.SIGNUP_MODE !== "domains" && v.ALLOWED_EMAIL_DOMAINS) {
      ctx.addIssue({
        code: "custom",
        path: ["ALLOWED_EMAIL_DOMAINS"],
        message: `applies only with SIGNUP_MODE=domains (it is ${v.SIGNUP_MODE}): set both, or remove it`,
      });
    }
    if (v.NODE_ENV === "production" && !v.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "(environment)"} ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The sandbox engine stands in for the Vimmerse cloud whenever no API key is configured. */
export function usesSandbox(e: Env = env()): boolean {
  return !e.VIMMERSE_API_KEY;
}
