import { afterEach, describe, expect, it, vi } from "vitest";
import { globalConfig } from "zod/v4/core";
import { setTheme, storedTheme, themeScriptSource } from "@/components/theme-provider";

// The inline theme script of the root layout (components/theme-provider.tsx), run against a stub
// browser: the class on <html> before paint, its changes, and zod's jitless switch.

afterEach(() => vi.unstubAllGlobals());

function browser(stored: string | null, systemDark: boolean) {
  const store = new Map<string, string>(stored ? [["theme", stored]] : []);
  const localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
  const classes = new Set<string>();
  const html = {
    classList: {
      toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c)),
      contains: (c: string) => classes.has(c),
    },
    style: {} as Record<string, string>,
  };
  const system = Object.assign(new EventTarget(), { matches: systemDark });
  const win = Object.assign(new EventTarget(), { localStorage });
  vi.stubGlobal("window", win);
  const doc = Object.assign(new EventTarget(), { documentElement: html });
  vi.stubGlobal("document", doc);
  vi.stubGlobal("localStorage", localStorage);
  vi.stubGlobal("matchMedia", () => system);
  vi.stubGlobal("addEventListener", win.addEventListener.bind(win));
  new Function(themeScriptSource)();
  return {
    dark: () => classes.has("dark"),
    scheme: () => html.style.colorScheme,
    systemTurns: (dark: boolean) => {
      system.matches = dark;
      system.dispatchEvent(new Event("change"));
    },
    store,
    /** A click on an element inside (or on) one matching `selector`, as the browser would deliver it. */
    click: (selector: string | null) => {
      const target = { closest: (s: string) => (s === selector ? {} : null) };
      const event = new Event("click");
      Object.defineProperty(event, "target", { value: target });
      doc.dispatchEvent(event);
    },
  };
}

describe("theme script", () => {
  it("applies a stored choice before anything else runs, whatever the system says", () => {
    const b = browser("dark", false);
    expect(b.dark()).toBe(true);
    expect(b.scheme()).toBe("dark");
    expect(browser("light", true).dark()).toBe(false);
  });

  it("follows the system when nothing is stored, and when the system changes", () => {
    const b = browser(null, true);
    expect(b.dark()).toBe(true);
    b.systemTurns(false);
    expect(b.dark()).toBe(false);
    expect(b.scheme()).toBe("light");
  });

  it("setTheme stores the choice and applies it at once; storedTheme reads it back", () => {
    const b = browser(null, false);
    expect(storedTheme()).toBe("system");
    setTheme("dark");
    expect(b.store.get("theme")).toBe("dark");
    expect(b.dark()).toBe(true);
    expect(storedTheme()).toBe("dark");
    setTheme("system");
    expect(b.dark()).toBe(false);
  });

  it("a click on a theme toggle flips the theme and keeps the choice; other clicks do nothing", () => {
    const b = browser(null, true);
    b.click("[data-theme-toggle]");
    expect(b.dark()).toBe(false);
    expect(b.store.get("theme")).toBe("light");
    b.click(null);
    expect(b.dark()).toBe(false);
    b.click("[data-theme-toggle]");
    expect(b.dark()).toBe(true);
    expect(b.store.get("theme")).toBe("dark");
  });

  it("turns zod's eval probe off through the global zod reads its settings from", () => {
    // zod keeps its settings on globalThis.__zod_globalConfig: the script's switch is zod's own.
    expect(globalConfig).toBe((globalThis as { __zod_globalConfig?: object }).__zod_globalConfig);
    delete globalConfig.jitless;
    browser(null, false);
    expect(globalConfig.jitless).toBe(true);
  });
});
