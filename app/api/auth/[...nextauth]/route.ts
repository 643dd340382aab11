import { handlers } from "@/lib/auth";
import { answerThrottledSignIn } from "@/lib/auth/credentials";

export const GET = handlers.GET;
// A throttled sign-in posted straight here gets a 429 with Retry-After, not Auth.js's redirect.
export const POST = answerThrottledSignIn(handlers.POST);
