// The colour theme without a client-side provider: a few lines of inline script, run before the
// first paint with this request's CSP nonce, put `dark` on <html> from the visitor's choice
// (localStorage "theme": light, dark or system, as next-themes kept it) or the system setting,
// and follow changes: the system's, another tab's, setTheme() below, and a click on a theme toggle
// (components/theme-toggle.tsx). No React code ships for any of it.
//
// The same script makes zod skip its `new Function` probe in the browser: zod 4 reads its settings
// from globalThis.__zod_globalConfig, so setting `jitless` there first spares every page the zod
// bundle that `z.config()` in a shared client module used to cost (the CSP forbids eval, and the
// refused probe is reported as a violation). tests/unit/theme-script.test.ts holds zod to that.

export const THEME_KEY = "theme";
const CHANGED = "themechange";
export type Theme = "light" | "dark" | "system";

/** What a theme toggle carries: the inline script's click handler toggles light and dark. */
export const TOGGLE_ATTRIBUTE = "data-theme-toggle";

const KEY = JSON.stringify(THEME_KEY);
const SCRIPT = `(()=>{var g=globalThis;g.__zod_globalConfig=Object.assign(g.__zod_globalConfig||{},{jitless:true});
var d=document.documentElement,m=matchMedia("(prefers-color-scheme: dark)");
function a(){var t;try{t=localStorage.getItem(${KEY})}catch(e){}
var k=t==="dark"||(t!=="light"&&m.matches);d.classList.toggle("dark",k);d.style.colorScheme=k?"dark":"light"}
a();m.addEventListener("change",a);addEventListener("storage",function(e){if(e.key===${KEY})a()});
addEventListener(${JSON.stringify(CHANGED)},a);
document.addEventListener("click",function(e){var t=e.target;if(!t||!t.closest||!t.closest("[${TOGGLE_ATTRIBUTE}]"))return;
try{localStorage.setItem(${KEY},d.classList.contains("dark")?"light":"dark")}catch(e){}a()})})()`;

export function ThemeScript({ nonce }: { nonce?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, run with the CSP nonce.
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}

/** The visitor's stored choice; "system" when none (or storage is blocked). */
export function storedTheme(): Theme {
  try {
    const t = window.localStorage.getItem(THEME_KEY);
    return t === "light" || t === "dark" ? t : "system";
  } catch {
    return "system";
  }
}

/** Stores the choice and has the inline script apply it at once. */
export function setTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_KEY, theme);
  } catch {}
  window.dispatchEvent(new Event(CHANGED));
}

/** For tests: the script as the page gets it. */
export const themeScriptSource = SCRIPT;
