import path from "node:path";

import type { NextConfig } from "next";

// The repository root: the SDK workspace and the deployments live beside frontend/, not under it.
const root = path.resolve(import.meta.dirname, "..");

const config: NextConfig = {
  // The SDK ships its TypeScript sources (no build step); the dApp compiles them with its own code.
  transpilePackages: ["@weconet/sdk"],
  // The SDK (and scripts/demo) import TypeScript files by their `.js` names, as Node's ESM resolution wants. Webpack
  // maps those with `extensionAlias`; Turbopack has no such option yet (vercel/next.js#82945), so the dApp builds
  // with webpack (`next build --webpack`).
  experimental: { extensionAlias: { ".js": [".ts", ".tsx", ".js"] } },
  outputFileTracingRoot: root,
  // `npm run lint` type-checks the dApp (tsc -p frontend/tsconfig.json); the production build of `npm start` need
  // not spend its time doing it again.
  typescript: { ignoreBuildErrors: true },
  // Nothing is fetched from the internet: no remote images, fonts or telemetry (NEXT_TELEMETRY_DISABLED=1).
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
