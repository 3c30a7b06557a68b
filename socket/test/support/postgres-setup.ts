import type { TestProject } from "vitest/node";

import { postgresBin, startThrowawayPostgres } from "../../../scripts/local-services.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A throwaway PostgreSQL server for the socket tests, or why there is none. */
    postgres: { url: string; bin: string } | { skipped: string };
  }
}

/**
 * Starts a throwaway PostgreSQL cluster (initdb + pg_ctl in a temp folder, on a free port) for the socket tests
 * against PostgreSQL. Without the binaries the tests skip with a message — except in CI (`CI` set), where a
 * missing PostgreSQL fails the run (.ci/run installs it).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = postgresBin();
  if (bin === undefined) {
    const message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql";
    if (process.env.CI !== undefined && process.env.CI !== "")
      throw new Error(`the socket's PostgreSQL tests need it in CI: ${message}`);
    console.warn(`socket tests: skipping the PostgreSQL runs: ${message}`);
    project.provide("postgres", { skipped: message });
    return async () => undefined;
  }
  const server = await startThrowawayPostgres({ bin, durable: false });
  project.provide("postgres", { url: server.url, bin });
  return async () => server.stop();
}
