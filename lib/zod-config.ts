import { z } from "zod";

// Zod compiles object schemas with `new Function` when it may, and probes for that the first time
// one parses. In the browser the page's CSP forbids eval (lib/http/security-headers.ts): the probe
// fails safely but is still reported as a violation, so the forms' schemas run without it.
// Imported for its effect by a client module every page loads (components/theme-provider.tsx).
z.config({ jitless: true });
