"use client";

import type { ReactNode } from "react";
import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";

/**
 * The server's first reads, into the browser's query cache. A client component of the dApp's own: a server
 * component importing TanStack's HydrationBoundary itself would make every client export of the package part of
 * the page's JavaScript.
 */
export function Hydrate({ state, children }: { state: DehydratedState; children: ReactNode }) {
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
