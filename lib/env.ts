import { z } from "zod";
import { DEFAULT_COST_MODEL } from "./billing/cost-model";
import { costModelOverride } from "./billing/cost-model-override";

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

// "Ops@Example.com, b@x.org" → ["ops@example.com", "b@x.org"].
const emailList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email("must list email addresses, comma-separated")).min(1, "must list at least one address"));

// 32 bytes for AES-256, given as base64 (44 characters) or hex (64).
const encryptionKey = z
  .string()
  .transform((v) => (/^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, "hex") : Buffer.from(v, "base64")))
  .refine((b) => b.length === 32, "must be 32 bytes as base64 or hex (openssl rand -base64 32)");

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
    // Operators: these addresses (once signed in) reach /admin. Unset: nobody does.
    ADMIN_EMAILS: optionalText.pipe(emailList.optional()),
    // Renders a team may have in flight at once; more wait in line ("Waiting") and are sent in order.
    MAX_ACTIVE_RENDERS_PER_TEAM: optionalText.pipe(
      z
        .string()
        .regex(/^[1-9]\d*$/, "must be a whole number of renders (1 or more)")
        .transform(Number)
        .default(8),
    ),
    // The key that encrypts teams' own Vimmerse keys at rest: 32 bytes, base64 or hex
    // (openssl rand -base64 32). Unset: derived from AUTH_SECRET with HKDF.
    ENCRYPTION_KEY: optionalText.pipe(encryptionKey.optional()),
    // While rotating: the keys used before, comma-separated, still accepted for reading.
    ENCRYPTION_KEY_PREVIOUS: optionalText.pipe(
      z
        .string()
        .transform((v) =>
          v
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean),
        )
        .pipe(z.array(encryptionKey))
        .optional(),
    ),
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
