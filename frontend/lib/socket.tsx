"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useWalletClient } from "wagmi";
import type { Address } from "viem";

import { createSocketClient, type Weconet } from "@weconet/sdk";

import type { ChainConfig } from "./network";
import { useWeconet, useWeconetQuery, weconetKey } from "./weconet";

export type SocketClient = ReturnType<typeof createSocketClient>;
export type SocketSession = Awaited<ReturnType<SocketClient["signIn"]>>;

/** Signed-in sessions by socket URL and address: kept while the dApp is open (a reload signs in again). */
interface Sessions {
  get(url: string, address: Address): SocketSession | undefined;
  set(url: string, address: Address, session: SocketSession | undefined): void;
}

const SessionsContext = createContext<Sessions | null>(null);

const keyOf = (url: string, address: Address) => `${url}|${address.toLowerCase()}`;

export function SocketSessionsProvider({ children }: { children: ReactNode }) {
  const [sessions, setSessions] = useState<ReadonlyMap<string, SocketSession>>(new Map());
  const value = useMemo<Sessions>(
    () => ({
      get: (url, address) => {
        const session = sessions.get(keyOf(url, address));
        // An expired session is no session: the member signs in again rather than meeting a refusal.
        return session !== undefined && Date.parse(session.expiresAt) > Date.now() ? session : undefined;
      },
      set: (url, address, session) =>
        setSessions((previous) => {
          const next = new Map(previous);
          if (session === undefined) next.delete(keyOf(url, address));
          else next.set(keyOf(url, address), session);
          return next;
        }),
    }),
    [sessions],
  );
  return <SessionsContext value={value}>{children}</SessionsContext>;
}

function useSessions(): Sessions {
  const sessions = useContext(SessionsContext);
  if (sessions === null) throw new Error("useSocket outside SocketSessionsProvider");
  return sessions;
}

/**
 * Where `member`'s data lives: the URL their SocketDirectory entry names (their own, else the network's default);
 * the server's configured socket only when the deployment has no SocketDirectory or it names none.
 */
export async function socketUrlOf(w: Weconet, chain: ChainConfig, member: Address | undefined): Promise<string | null> {
  if ("socketDirectory" in chain.contracts) {
    const onChain = member === undefined ? await w.reads.defaultSocket() : await w.reads.socketOf(member);
    if (onChain !== undefined && onChain !== "") return onChain;
  }
  return chain.socketUrl;
}

export interface SocketHandle {
  /** The socket's URL, once known (null: the network names none). */
  url: string | null | undefined;
  client: SocketClient | undefined;
  /** The connected account's session with this socket, when signed in. */
  session: SocketSession | undefined;
  signIn(): Promise<SocketSession>;
  signOut(): Promise<void>;
  /** Why finding the socket failed, if it did. */
  error: unknown;
}

/** The data socket that holds `member`'s data (the connected account's own when omitted), and a session with it. */
export function useSocket(member?: Address): SocketHandle {
  const { chain, account } = useWeconet();
  const whose = member ?? account;
  const found = useWeconetQuery(["socket-url", whose], (w) => socketUrlOf(w, chain, whose));
  const url = found.data;
  const client = useMemo(() => (url == null ? undefined : createSocketClient({ url })), [url]);
  const sessions = useSessions();
  const { data: walletClient } = useWalletClient({ chainId: chain.chainId });
  const session = url == null || account === undefined ? undefined : sessions.get(url, account);

  const signIn = useCallback(async () => {
    if (client === undefined || url == null) throw new Error("This network names no data socket.");
    if (walletClient === undefined || account === undefined) throw new Error("Connect a wallet on this network first.");
    const signed = await client.signIn({ walletClient, chainId: chain.chainId });
    sessions.set(url, account, signed);
    return signed;
  }, [client, url, walletClient, account, chain.chainId, sessions]);

  const signOut = useCallback(async () => {
    if (url == null || account === undefined) return;
    const current = sessions.get(url, account);
    sessions.set(url, account, undefined);
    await current?.signOut();
  }, [url, account, sessions]);

  return { url, client, session, signIn, signOut, error: found.error };
}

/**
 * A read through a signed-in session, cached and refreshed with the chain's reads (on every new block), so that
 * what the owner sees follows the connections. Disabled until signed in.
 */
export function useSocketQuery<T>(
  session: SocketSession | undefined,
  key: readonly unknown[],
  read: (session: SocketSession) => Promise<T>,
): UseQueryResult<T> {
  const { chain } = useWeconet();
  return useQuery({
    queryKey: [...weconetKey(chain.chainId), "socket", session?.token, ...key],
    queryFn: () => {
      if (session === undefined) throw new Error("Sign in to the data socket first.");
      return read(session);
    },
    enabled: session !== undefined,
    placeholderData: (previous) => previous,
  });
}

/** A content-addressed document from a socket (verified against its hash by the SDK); documents never change. */
export function useDocument(client: SocketClient | undefined, hash: `0x${string}` | undefined): UseQueryResult<string> {
  return useQuery({
    queryKey: ["socket-document", hash],
    queryFn: () => {
      if (client === undefined || hash === undefined) throw new Error("no socket");
      return client.documents.get(hash);
    },
    enabled: client !== undefined && hash !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
