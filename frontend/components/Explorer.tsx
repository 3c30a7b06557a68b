"use client";

import { createContext, useContext, type ReactNode } from "react";

import { explorerHref } from "@/lib/explorer";
import { useActiveChain } from "@/lib/weconet";

const ExplorerContext = createContext<string | null>(null);

/** Tells links below which explorer the active chain has (none outside it: a component alone links nowhere). */
export function ActiveExplorer({ children }: { children: ReactNode }) {
  const { chain } = useActiveChain();
  return <ExplorerContext value={chain.explorerUrl}>{children}</ExplorerContext>;
}

/** The explorer page of an address or transaction on the active chain; undefined where it has no explorer. */
export function useExplorerHref(kind: "address" | "tx", value: string): string | undefined {
  return explorerHref({ explorerUrl: useContext(ExplorerContext) }, kind, value);
}
