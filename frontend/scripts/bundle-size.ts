/**
 * The JavaScript each page of the production build loads on a first visit, from the build's manifests: the
 * framework's chunks every page loads (build-manifest.json `rootMainFiles`) and the chunks of the client components
 * of the page and its layouts (the page's client reference manifest; each client module lists the chunks of the
 * entry — page or layout — that holds it). Sizes gzip-compressed as `next start` sends them, and unpacked. Chunks
 * loaded later by `import()` (the SDK's actions, the wallet, …) are not counted: a first visit does not load them.
 *
 *   npx tsx frontend/scripts/bundle-size.ts [--json] [--check]
 *
 * `--check` exits 1 when a page exceeds the budget (scripts/budget.ts). Run `next build` first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { runInNewContext } from "node:vm";

import { BUDGET } from "./budget";

const NEXT = path.resolve(import.meta.dirname, "..", ".next");

interface ClientModule {
  chunks: string[];
}
interface ClientManifest {
  clientModules: Record<string, ClientModule>;
}

interface PageSize {
  page: string;
  /** gzip as sent, and unpacked, in bytes. */
  gzip: number;
  raw: number;
  /** Of which the page's own chunks (not shared with every page). */
  ownGzip: number;
  chunks: { file: string; gzip: number; raw: number }[];
}

const sizes = new Map<string, { gzip: number; raw: number }>();
function sizeOf(file: string): { gzip: number; raw: number } {
  let size = sizes.get(file);
  if (size === undefined) {
    const bytes = readFileSync(path.join(NEXT, file));
    size = { gzip: gzipSync(bytes).length, raw: bytes.length };
    sizes.set(file, size);
  }
  return size;
}

/** The manifest of one page, as Next writes it (a script assigning `globalThis.__RSC_MANIFEST[page]`). */
function clientManifest(file: string): ClientManifest {
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1 || manifests[0] === undefined) throw new Error(`${file}: not one client manifest`);
  return manifests[0];
}

/** Every page of the app router: its route ("/market") and its client reference manifest. */
function pages(): { route: string; manifest: string }[] {
  const app = path.join(NEXT, "server", "app");
  const found: { route: string; manifest: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "page_client-reference-manifest.js") {
        const route = `/${path.relative(app, dir).split(path.sep).join("/")}`.replace(/\/$/, "");
        if (!route.startsWith("/_")) found.push({ route: route === "" ? "/" : route, manifest: full });
      }
    }
  };
  walk(app);
  return found.sort((a, b) => a.route.localeCompare(b.route));
}

/** The entry (page or layout, e.g. "market/page", "layout") whose chunk list this is, by its own chunk. */
function entryOf(chunks: readonly string[]): string | undefined {
  for (const file of chunks) {
    const match = /static\/chunks\/app\/(?:(.*)\/)?(page|layout)-[^/]*\.js$/.exec(file);
    if (match !== null) return match[1] === undefined ? match[2] : `${match[1]}/${match[2]}`;
  }
  return undefined;
}

function pageSizes(): PageSize[] {
  if (!existsSync(path.join(NEXT, "build-manifest.json"))) throw new Error(`no build in ${NEXT}: run next build`);
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const root = new Set(build.rootMainFiles);
  return pages().map(({ route, manifest }) => {
    const segments = route === "/" ? [] : route.slice(1).split("/");
    // The entries a visit of this page renders: every layout on its path, and the page itself.
    const entries = new Set([segments.join("/") === "" ? "page" : `${segments.join("/")}/page`]);
    for (let i = 0; i <= segments.length; i++) entries.add([...segments.slice(0, i), "layout"].join("/"));
    const files = new Set(root);
    for (const module of Object.values(clientManifest(manifest).clientModules)) {
      // Chunk lists alternate id and file.
      const chunkFiles = module.chunks.filter((_, i) => i % 2 === 1).map((f) => decodeURI(f.replace(/^\/_next\//, "")));
      const entry = entryOf(chunkFiles);
      if (entry !== undefined && entries.has(entry)) for (const f of chunkFiles) files.add(f);
    }
    const chunks = [...files].map((file) => ({ file, ...sizeOf(file) })).sort((a, b) => b.gzip - a.gzip);
    return {
      page: route,
      gzip: chunks.reduce((s, c) => s + c.gzip, 0),
      raw: chunks.reduce((s, c) => s + c.raw, 0),
      ownGzip: chunks.filter((c) => !root.has(c.file)).reduce((s, c) => s + c.gzip, 0),
      chunks,
    };
  });
}

const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;

{
  const result = pageSizes();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.table(
      result.map((p) => ({
        page: p.page,
        "JS gzip kB": kB(p.gzip),
        "unpacked kB": kB(p.raw),
        "beyond the shared kB": kB(p.ownGzip),
        "largest chunk": `${p.chunks[0]?.file ?? ""} (${kB(p.chunks[0]?.gzip ?? 0)} kB)`,
      })),
    );
    console.log(`budget: ${BUDGET.jsGzipKB} kB gzip per page`);
  }
  const over = result.filter((p) => kB(p.gzip) > BUDGET.jsGzipKB);
  if (process.argv.includes("--check") && over.length > 0) {
    console.error(`over the budget: ${over.map((p) => `${p.page} ${kB(p.gzip)} kB`).join(", ")}`);
    process.exit(1);
  }
}
