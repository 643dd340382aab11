import { z } from "zod";

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

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeCallbackUrl(value: unknown, fallback = "/app"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
