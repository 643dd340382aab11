"use client";

import { useEffect } from "react";

// Pages cannot set cookies, so reading the session there never renews it. Once an hour at most,
// the app shell asks Auth.js for the session, which re-issues the cookie for another week (and,
// once a day, moves the server-side session's end with it: lib/auth/server-sessions.ts).

const KEY = "session-refreshed-at";
const EVERY_MS = 60 * 60 * 1000;

export function useSessionRefresh(): void {
  useEffect(() => {
    const last = Number(window.localStorage.getItem(KEY) ?? 0);
    if (Date.now() - last < EVERY_MS) return;
    window.localStorage.setItem(KEY, String(Date.now()));
    void fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" }).catch(() => {});
  }, []);
}
