import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";
import { z } from "zod";
import { getUserByEmail } from "@/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createTeamFor, personalTeamName } from "@/lib/teams/create";
import { sendMagicLink } from "./magic-link";
import { burnPasswordCheck, verifyPassword } from "./password";
import { safeCallbackUrl } from "./schemas";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

function buildConfig(): NextAuthConfig {
  const e = env();
  const db = getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await getUserByEmail(db, parsed.data.email);
        if (!user?.passwordHash) {
          await burnPasswordCheck(parsed.data.password);
          return null;
        }
        if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ];
  if (e.AUTH_GITHUB_ID) providers.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  if (e.AUTH_GOOGLE_ID) providers.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  if (e.EMAIL_SERVER) {
    providers.push(Nodemailer({ server: e.EMAIL_SERVER, from: e.EMAIL_FROM, sendVerificationRequest: sendMagicLink }));
  }
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Credentials sign-in only works with JWT sessions; the user is re-read from the
    // database on every request (lib/auth/session.ts), so a stale cookie grants nothing.
    session: { strategy: "jwt" },
    secret: e.AUTH_SECRET,
    trustHost: true,
    providers,
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in?check-email=1", error: "/sign-in" },
    callbacks: {
      // Every redirect Auth.js makes (our redirectTo, its callbackUrl cookie, sign-out) follows
      // lib/auth/schemas.ts: a path on this app (the origin it is served on, or APP_URL), else /app.
      // The default one passes a raw newline or non-ASCII path on to the Location header (a 500)
      // and throws on anything that is neither a path nor an absolute URL.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackUrl(url, "", baseUrl) || safeCallbackUrl(url, "/app", e.APP_URL)}`;
      },
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
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
