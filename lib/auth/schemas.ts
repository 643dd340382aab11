import { z } from "zod";
import { env } from "@/lib/env";

// Shared by the forms (for hints) and the server actions (for the decision).

export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

const COMMON = new Set(["password123", "1234567890", "qwertyuiop", "letmein123", "iloveyou12", "password1234"]);

export const newPasswordField = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "Mix letters with numbers or symbols.")
  .refine((p) => !COMMON.has(p.toLowerCase()), "That password is too common.");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80, "Use at most 80 characters."),
  email: emailField,
  password: newPasswordField,
});

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password.").max(200),
});

// Where to go after signing in (callbackUrl, redirectTo): a path on this app, or the fallback.
// The value is resolved the way a browser would, `new URL(value, origin)`, and kept only when it
// stays on the app's origin. Raw control characters and backslashes are refused outright
// (browsers drop a tab or newline and read "\" as "/", so "/\t/evil" becomes "//evil"), as is a
// path that is or decodes to "//" at its start. What comes back is path + search + hash,
// percent-encoded by the URL parser: plain ASCII, safe in a Location header.

const MAX_CALLBACK_URL = 2048;
// C0 controls, DEL, C1 controls and the backslash.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\\]/;
// What may leave: one leading "/" (never "//"), then printable ASCII with no space or backslash.
const SAFE_TARGET = /^\/(?![/\\])[\u0021-\u005b\u005d-\u007e]*$/;

/** Only paths on the app's own origin are followed after sign-in; anything else gets `fallback`. */
export function safeCallbackUrl(value: unknown, fallback = "/app", origin: string = env().APP_URL): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_CALLBACK_URL) return fallback;
  if (UNSAFE_CHAR.test(value) || value.trim() !== value) return fallback;
  let target: URL;
  let path: string;
  try {
    const base = new URL(origin);
    target = new URL(value, base);
    if (target.origin !== base.origin) return fallback;
    path = decodeURIComponent(target.pathname);
  } catch {
    return fallback;
  }
  if (UNSAFE_CHAR.test(path) || path.startsWith("//")) return fallback;
  const result = `${target.pathname}${target.search}${target.hash}`;
  return result.length <= MAX_CALLBACK_URL && SAFE_TARGET.test(result) ? result : fallback;
}

/** A page's `callbackUrl` search param, made safe for its hidden input; nothing when absent or unsafe. */
export function callbackUrlParam(value: unknown, origin?: string): string | undefined {
  return safeCallbackUrl(value, "", origin) || undefined;
}
