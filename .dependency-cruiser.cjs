// The house rules of the import graph, checked in `npm test` (npm run check:deps). Each rule
// says why it exists; ARCHITECTURE.md says the same in prose.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "An import loop makes a module impossible to read (or test) on its own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "db-stands-alone",
      comment: "db/ is the schema, the client and queries by table: it knows nothing of the app's rules or pages.",
      severity: "error",
      from: { path: "^db/" },
      to: { path: "^(lib|app|components)/" },
    },
    {
      name: "sandbox-knows-nothing-of-the-app",
      comment: "The sandbox engine stands in for the Vimmerse cloud; it must stay swappable for the real thing.",
      severity: "error",
      from: { path: "^lib/sandbox/" },
      to: { path: "^(?!lib/sandbox/)(lib|app|components|db)/" },
    },
    {
      name: "sandbox-through-its-door",
      comment: "The app reaches the sandbox only through lib/sandbox/index.ts (its schema goes to drizzle-kit).",
      severity: "error",
      from: { path: "^(app|components|lib)/", pathNot: "^lib/sandbox/" },
      to: { path: "^lib/sandbox/", pathNot: "^lib/sandbox/index\\.ts$" },
    },
    {
      name: "vimmerse-client-is-plain",
      comment: "lib/vimmerse is the upstream client: no React, no Next, no database, no other part of the app.",
      severity: "error",
      from: { path: "^lib/vimmerse/" },
      to: { path: "^(?!lib/vimmerse/)(lib|app|components|db)/|node_modules/(react|react-dom|next|drizzle-orm)/" },
    },
    {
      name: "lib-below-the-ui",
      comment: "lib/ holds the rules and view models; pages and components use it, never the other way round.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-call-lib-not-db",
      comment: "Components render what lib/ prepared; a query belongs in lib/ or a page, scoped by team.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^db/(client|queries)", dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|\\.data|tests/\\.artifacts)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
