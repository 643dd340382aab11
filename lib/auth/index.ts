import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createTeamFor, personalTeamName } from "@/lib/teams/create";
import { authorizeCredentials } from "./credentials";
import { sendLink } from "./magic-link";
import { safeCallbackUrl } from "./schemas";
import { endSession, jwtWithSession, SESSION_MAX_AGE, SESSION_UPDATE_AGE, signInCallback } from "./server-sessions";
import { signupPolicy } from "./signup-policy";

/** The email provider that sends the sign-up's confirm link (lib/auth/sign-up.ts). */
export const CONFIRM_PROVIDER = "confirm-email";

function buildConfig(): NextAuthConfig {
  const e = env();
  const db = getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (raw, request) =>
        authorizeCredentials({ db, requireVerifiedEmail: Boolean(e.EMAIL_SERVER) }, raw, request.headers),
    }),
  ];
  if (e.AUTH_GITHUB_ID) providers.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  if (e.AUTH_GOOGLE_ID) providers.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  if (e.EMAIL_SERVER) {
    const mail = { server: e.EMAIL_SERVER, from: e.EMAIL_FROM };
    providers.push(Nodemailer({ ...mail, sendVerificationRequest: sendLink("sign-in") }));
    providers.push(Nodemailer({ ...mail, id: CONFIRM_PROVIDER, sendVerificationRequest: sendLink("confirm") }));
  }
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Credentials sign-in only works with JWT sessions. Each JWT names a row in `sessions`
    // (lib/auth/server-sessions.ts) checked on every read, so signing out ends it on the server;
    // the user is re-read from the database on every request (lib/auth/session.ts).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE, updateAge: SESSION_UPDATE_AGE },
    secret: e.AUTH_SECRET,
    trustHost: true,
    providers,
    logger: {
      // A wrong or throttled password is an everyday answer, not a fault: one line, no stack
      // (a stranger trying passwords would otherwise flood the log).
      error(error) {
        if (error instanceof CredentialsSignin) console.warn(`[auth] password sign-in refused (${error.code})`);
        else console.error(error);
      },
    },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in?check-email=1", error: "/sign-in" },
    callbacks: {
      // Every redirect Auth.js makes (our redirectTo, its callbackUrl cookie, sign-out) follows
      // lib/auth/schemas.ts: a path on this app (the origin it is served on, or APP_URL), else /app.
      // The default one passes a raw newline or non-ASCII path on to the Location header (a 500)
      // and throws on anything that is neither a path nor an absolute URL.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackUrl(url, "", baseUrl) || safeCallbackUrl(url, "/app", e.APP_URL)}`;
      },
      // A newcomer must pass the sign-up policy; a sign-in link lands on its address's account
      // (a password nobody proved is dropped first).
      signIn: (params) => signInCallback(db, params, signupPolicy(e)),
      jwt: ({ token, user }) => jwtWithSession(db, { token, user }),
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message) await endSession(db, message.token);
      },
      // Accounts made through GitHub, Google or an email link get their personal team too.
      async createUser({ user }) {
        if (user.id)
          await createTeamFor(db, {
            name: personalTeamName({ name: user.name ?? null, email: user.email ?? null }),
            ownerId: user.id,
          });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

/** Which sign-in methods to offer on the sign-in page. */
export function enabledProviders() {
  const e = env();
  return { github: Boolean(e.AUTH_GITHUB_ID), google: Boolean(e.AUTH_GOOGLE_ID), email: Boolean(e.EMAIL_SERVER) };
}
