"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import type { Address } from "viem";

import { createSocketClient, type SocketClient, type SocketSession } from "@weconet/sdk";

import type { WeconetWagmiConfig } from "./wagmi";
import { useWeconet, useWeconetRead, weconetKey } from "./weconet";

export type { SocketClient, SocketSession };

/**
 * Signed-in sessions by socket URL and address, kept in the tab's session storage until they expire (a reload or a
 * new page stays signed in; closing the tab forgets them).
 */
interface Sessions {
  get(url: string, address: Address): SocketSession | undefined;
  set(url: string, address: Address, session: SocketSession | undefined): void;
}

const SessionsContext = createContext<Sessions | null>(null);

const keyOf = (url: string, address: Address) => `${url}|${address.toLowerCase()}`;

const STORAGE_PREFIX = "weconet.socket-session:";

interface StoredSession {
  url: string;
  token: string;
  address: Address;
  expiresAt: string;
}

/** The sessions of this tab's session storage that have not expired, resumed. */
function storedSessions(): Map<string, SocketSession> {
  const sessions = new Map<string, SocketSession>();
  for (let i = 0; i < window.sessionStorage.length; i++) {
    const key = window.sessionStorage.key(i);
    if (key === null || !key.startsWith(STORAGE_PREFIX)) continue;
    try {
      const stored = JSON.parse(window.sessionStorage.getItem(key) ?? "") as StoredSession;
      if (Date.parse(stored.expiresAt) > Date.now()) {
        sessions.set(keyOf(stored.url, stored.address), createSocketClient({ url: stored.url }).resume(stored));
      }
    } catch {
      // Not a session this dApp wrote: ignore it.
    }
  }
  return sessions;
}

export function SocketSessionsProvider({ children }: { children: ReactNode }) {
  const [sessions, setSessions] = useState<ReadonlyMap<string, SocketSession>>(new Map());
  // Session storage exists only in the browser: read it after the first render (the server renders signed out).
  useEffect(() => setSessions(storedSessions()), []);
  const value = useMemo<Sessions>(
    () => ({
      get: (url, address) => {
        const session = sessions.get(keyOf(url, address));
        // An expired session is no session: the member signs in again rather than meeting a refusal.
        return session !== undefined && Date.parse(session.expiresAt) > Date.now() ? session : undefined;
      },
      set: (url, address, session) => {
        const key = keyOf(url, address);
        if (session === undefined) window.sessionStorage.removeItem(STORAGE_PREFIX + key);
        else {
          const stored: StoredSession = { url, token: session.token, address, expiresAt: session.expiresAt };
          window.sessionStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(stored));
        }
        setSessions((previous) => {
          const next = new Map(previous);
          if (session === undefined) next.delete(key);
          else next.set(key, session);
          return next;
        });
      },
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
  const found = useWeconetRead("socketUrl", [whose]);
  const url = found.data;
  const client = useMemo(() => (url == null ? undefined : createSocketClient({ url })), [url]);
  const sessions = useSessions();
  const config = useConfig() as WeconetWagmiConfig;
  const session = url == null || account === undefined ? undefined : sessions.get(url, account);

  const signIn = useCallback(async () => {
    if (client === undefined || url == null) throw new Error("This network names no data socket.");
    if (account === undefined) throw new Error("Connect a wallet on this network first.");
    // The wallet's client (viem's wallet actions) only when signing in, not with every page.
    const { getWalletClient } = await import("wagmi/actions");
    const walletClient = await getWalletClient(config, { chainId: chain.chainId });
    const signed = await client.signIn({ walletClient, chainId: chain.chainId });
    sessions.set(url, account, signed);
    return signed;
  }, [client, url, config, account, chain.chainId, sessions]);

  const signOut = useCallback(async () => {
    if (url == null || account === undefined) return;
    const current = sessions.get(url, account);
    sessions.set(url, account, undefined);
    // Ending it on the socket too; if that fails (already expired, socket gone), it is forgotten here all the same.
    await current?.signOut().catch(() => undefined);
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
