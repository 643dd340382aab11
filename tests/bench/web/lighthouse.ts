// One Lighthouse run (mobile preset, its default) on the installed Chromium, and what the bench
// reads from it: JavaScript transferred on a cold load, performance, TBT, LCP, accessibility.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export type Run = {
  jsBytes: number;
  jsFiles: number;
  performance: number;
  tbt: number;
  lcp: number;
  accessibility: number;
  /** The accessibility audits that failed, by id: what to fix. */
  a11yFailures: string[];
  /** The largest scripts, for the report's "what is left". */
  biggestScripts: { url: string; bytes: number }[];
  /** Where the main thread's time went (Lighthouse's groups, largest first), and the LCP element. */
  mainThread: { group: string; ms: number }[];
  lcpElement: string;
};

type NetworkItem = { url: string; resourceType?: string; transferSize?: number };
type Details = { items?: Record<string, unknown>[] };

function lcpSnippet(details: unknown): string {
  // Lighthouse 12 nests it: a list whose first table holds the element.
  const first = (details as Details)?.items?.[0] as Details & { node?: { snippet?: string } };
  const node = first?.node ?? (first?.items?.[0] as { node?: { snippet?: string } })?.node;
  return node?.snippet?.slice(0, 160) ?? "?";
}

export async function launchChromium(): Promise<chromeLauncher.LaunchedChrome> {
  return chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/**
 * Lighthouse clears the cache before loading (a cold load) and keeps cookies: a signed-in page is
 * measured with the session the browser got at sign-up (tests/bench/web-bench.ts).
 */
export async function lighthouseRun(port: number, url: string): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
  // A page that redirected (to /sign-in, say) measured something else.
  if (lhr.finalDisplayedUrl !== url) throw new Error(`${url} ended at ${lhr.finalDisplayedUrl}`);
  const items = ((lhr.audits["network-requests"]?.details as { items?: NetworkItem[] })?.items ?? []).filter(
    (i) => i.resourceType === "Script",
  );
  const a11y = lhr.categories.accessibility;
  return {
    jsBytes: items.reduce((sum, i) => sum + (i.transferSize ?? 0), 0),
    jsFiles: items.length,
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    tbt: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
    lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
    accessibility: Math.round((a11y?.score ?? 0) * 100),
    a11yFailures: (a11y?.auditRefs ?? [])
      .filter((r) => r.weight > 0 && lhr.audits[r.id]?.score === 0)
      .map((r) => {
        // The first offending elements, so the report says what to fix.
        const items = (lhr.audits[r.id]?.details as { items?: { node?: { snippet?: string } }[] })?.items ?? [];
        const nodes = items.slice(0, 3).map((i) => i.node?.snippet?.slice(0, 140) ?? "?");
        return `${r.id}: ${nodes.join(" | ")}`;
      }),
    mainThread: (
      ((lhr.audits["mainthread-work-breakdown"]?.details as Details)?.items ?? []) as {
        groupLabel?: string;
        group?: string;
        duration?: number;
      }[]
    )
      .map((i) => ({ group: i.groupLabel ?? i.group ?? "?", ms: i.duration ?? 0 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 4),
    lcpElement: lcpSnippet(lhr.audits["largest-contentful-paint-element"]?.details),
    biggestScripts: items
      .map((i) => ({ url: new URL(i.url).pathname, bytes: i.transferSize ?? 0 }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 6),
  };
}

/** The run whose performance score is the median (ties: the first); figures stay from one run. */
export function medianRun(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor(sorted.length / 2)]!;
}
