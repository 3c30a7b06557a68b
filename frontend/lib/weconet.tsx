"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { useQuery, useQueryClient, type QueryClient, type QueryKey, type UseQueryResult } from "@tanstack/react-query";
import { useConfig, useConnection } from "wagmi";
import type { Address } from "viem";

import { readsToRefresh, type Head } from "./head";
import type { ChainConfig, NetworkConfig } from "./network";
import { listRead, pointRead, queryKeyOf } from "./page-reads";
import { readClientOf, type ReadClient } from "./read-client";
import {
  itemsOf,
  type ListItems,
  type ListName,
  type ListOptions,
  type ReadArgs,
  type ReadName,
  type ReadResult,
} from "./reads";
import { pollingIntervalOf, type WeconetWagmiConfig } from "./wagmi";

const NetworkContext = createContext<NetworkConfig | null>(null);

export function NetworkConfigProvider({ value, children }: { value: NetworkConfig; children: ReactNode }) {
  return <NetworkContext value={value}>{children}</NetworkContext>;
}

export function useNetworkConfig(): NetworkConfig {
  const config = useContext(NetworkContext);
  if (config === null) throw new Error("useNetworkConfig outside NetworkConfigProvider");
  return config;
}

/**
 * Which network the dApp shows: the wallet's chain when it has a Weconet deployment, otherwise the first one found
 * (the local chain when it runs). `wrongNetwork` says the wallet is connected to a chain without Weconet.
 */
export function useActiveChain(): { chain: ChainConfig; wrongNetwork: boolean; walletChainId: number | undefined } {
  const { chains } = useNetworkConfig();
  const { chainId: walletChainId, isConnected } = useConnection();
  const first = chains[0];
  if (first === undefined) throw new Error("no Weconet deployment");
  const matching = chains.find((c) => c.chainId === walletChainId);
  return { chain: matching ?? first, wrongNetwork: isConnected && matching === undefined, walletChainId };
}

export interface WeconetHandle {
  chain: ChainConfig;
  /** The connected account, when connected to the active network. */
  account: Address | undefined;
  wrongNetwork: boolean;
}

/** The active network and the connected account (reads: {@link useWeconetRead}; actions: useTransaction). */
export function useWeconet(): WeconetHandle {
  const { chain, wrongNetwork } = useActiveChain();
  const { address } = useConnection();
  return { chain, account: wrongNetwork ? undefined : address, wrongNetwork };
}

/** The active chain's read client: the dApp's server, or the wallet for a chain the server cannot reach. */
export function useReadClient(): ReadClient {
  const { chain } = useActiveChain();
  const config = useConfig() as WeconetWagmiConfig;
  return useMemo(() => readClientOf(chain, config), [chain, config]);
}

/** Query keys of Weconet reads start with this, per chain: `[...weconetKey(chainId), name, args]`. */
export const weconetKey = (chainId: number) => ["weconet", chainId] as const;

/** The read a query key names (its third part), if it is a Weconet query of `chainId`. */
export function readNameOf(key: QueryKey, chainId: number): string | undefined {
  return key[0] === "weconet" && key[1] === chainId && typeof key[2] === "string" ? key[2] : undefined;
}

function useRead<N extends ReadName, T = ReadResult<N>>(
  name: N,
  read: { args: readonly unknown[]; keyArgs: unknown } | undefined,
  select?: (answer: ReadResult<N>) => T,
): UseQueryResult<T> {
  const { chain } = useActiveChain();
  const client = useReadClient();
  const heads = useHeadStore();
  return useQuery({
    ...(select === undefined ? {} : { select }),
    queryKey: queryKeyOf(chain.chainId, { name, keyArgs: read?.keyArgs ?? null }),
    queryFn: () => {
      if (read === undefined) throw new Error(`${name}: nothing to read yet`);
      // The arguments are read `name`'s own (pointRead, listRead built them from its types).
      return client.read(name, read.args as ReadArgs<N>, heads.seen);
    },
    enabled: read !== undefined,
    // A refresh keeps showing the last answer meanwhile (the same query): lists never flash empty. Other arguments
    // are another question: their answer is not the last one's.
  });
}

/**
 * A read by name (`w.reads.<name>` of the SDK, or one of the dApp's, see lib/reads.ts) with its arguments, cached
 * under `["weconet", chainId, name, args]` and refreshed when what it reads changed (see lib/refresh.ts). `args`
 * undefined: not yet (e.g. no account connected), the query waits.
 */
export function useWeconetRead<N extends ReadName>(
  name: N,
  args: ReadArgs<N> | undefined,
): UseQueryResult<ReadResult<N>> {
  return useRead(name, args === undefined ? undefined : pointRead(name, args));
}

/**
 * A list (a read whose only argument is its options), cached under `["weconet", chainId, name, options]`: its items
 * (a page's items; every item without `limit`). `enabled: false` waits (e.g. for an account).
 */
export function useWeconetList<N extends ListName>(
  name: N,
  options?: ListOptions<N>,
  config: { enabled?: boolean } = {},
): UseQueryResult<ListItems<N>> {
  return useRead(name, config.enabled === false ? undefined : listRead(name, options), itemsOf<N>);
}

/**
 * The chain's head as last seen, shared by every component (the chain's clock reads it), and the latest block the
 * browser knows of (a head's, or its own transaction's): reads ask for answers that include it.
 */
interface HeadStore {
  head: { head: Head; readAt: number } | undefined;
  seen: bigint | undefined;
  listeners: Set<() => void>;
}
const HeadContext = createContext<HeadStore | null>(null);

export function HeadProvider({ children }: { children: ReactNode }) {
  const store = useMemo<HeadStore>(() => ({ head: undefined, seen: undefined, listeners: new Set() }), []);
  return <HeadContext value={store}>{children}</HeadContext>;
}

function useHeadStore(): HeadStore {
  const store = useContext(HeadContext);
  if (store === null) throw new Error("Weconet reads outside HeadProvider");
  return store;
}

/** Notes that block `block` exists (a transaction of ours was mined in it): reads from now on include it. */
export function useNoteBlock(): (block: bigint) => void {
  const store = useHeadStore();
  return useCallback(
    (block: bigint) => {
      if (store.seen === undefined || block > store.seen) store.seen = block;
    },
    [store],
  );
}

/** The latest head seen on the active chain and the wall-clock time it was read, once known. */
export function useChainHead(): { head: Head; readAt: number } | undefined {
  const store = useHeadStore();
  return useSyncExternalStore(
    (listener) => {
      store.listeners.add(listener);
      return () => store.listeners.delete(listener);
    },
    () => store.head,
    () => undefined,
  );
}

/**
 * Polls `client.head()` every `intervalMs` and refreshes, in `queryClient`, only the Weconet queries of `chainId`
 * whose read's version changed since the last head (its tables, contracts or clock moved: see lib/refresh.ts).
 * Returns the stop.
 */
export function watchChanges(options: {
  client: Pick<ReadClient, "head">;
  queryClient: QueryClient;
  chainId: number;
  intervalMs: number;
  onHead?: (head: Head) => void;
}): () => void {
  const { client, queryClient, chainId, intervalMs, onHead } = options;
  let previous: Head | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const head = await client.head();
      if (stopped) return;
      const names = readsToRefresh(previous, head);
      previous = head;
      onHead?.(head);
      if (names.size > 0) {
        await queryClient.invalidateQueries({ predicate: (q) => names.has(readNameOf(q.queryKey, chainId) ?? "") });
      }
    } catch {
      // The server or the node did not answer this time: the next look catches up (reads show their own errors).
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * Keeps the reads live by what changed: polls the chain's head (through the dApp's server: one look at the node
 * and the read model per interval, whoever asks) and refreshes only the reads whose tables, contracts or clock moved
 * — a block without a Weconet event refreshes nothing but the block number.
 */
export function LiveUpdates() {
  const { chain } = useActiveChain();
  const client = useReadClient();
  const queryClient = useQueryClient();
  const store = useHeadStore();
  useEffect(
    () =>
      watchChanges({
        client,
        queryClient,
        chainId: chain.chainId,
        intervalMs: pollingIntervalOf(chain.chainId),
        onHead(head) {
          store.head = { head, readAt: Date.now() };
          if (store.seen === undefined || head.block > store.seen) store.seen = head.block;
          for (const listener of store.listeners) listener();
        },
      }),
    [client, queryClient, store, chain.chainId],
  );
  return null;
}
