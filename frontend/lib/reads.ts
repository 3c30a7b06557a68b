import type { Address, Hex } from "viem";

import type { AuditEvent, ViewPage, Weconet } from "@weconet/sdk";

import type { DecodedCall } from "./call-text";
import type { Holdings } from "./faucet";

/**
 * What the dApp reads beyond the SDK's `w.reads`: where a member's data lives, voting power, decoded calls, the audit
 * trail. They run where the SDK's reads run (the dApp's server, see server/reads.ts), under the same names.
 */
export interface DappReads {
  /**
   * The URL of the data socket holding `member`'s data (the network's default when undefined): the chain's
   * SocketDirectory, else the socket the server was told about; null when neither names one.
   */
  socketUrl(member: Address | undefined): Promise<string | null>;
  /**
   * `account`'s voting power for proposal `proposalId` — at its snapshot once that has passed, else now — and
   * whether they have voted on it.
   */
  voteOf(
    proposalId: bigint,
    account: Address,
    atSnapshot: bigint | undefined,
  ): Promise<{ votes: bigint; voted: boolean }>;
  /** A proposal's calls decoded by the contracts' ABIs (which the governance page need not load for it). */
  decodeCalls(calls: readonly { target: Address; data: Hex }[]): Promise<DecodedCall[]>;
  /** Every event of the deployment, in chain order, each with its sentence for people (see {@link ReadableAuditEvent}). */
  auditEvents(): Promise<ReadableAuditEvent[]>;
  /** `account`'s ETH, and its demo euro with the faucet's next claim when the chain has the demo token. */
  holdings(account: Address): Promise<Holdings>;
}

/** Every read the pages make: the SDK's reads and the dApp's own, each by its name. */
export type Reads = Weconet["reads"] & DappReads;
export type ReadName = keyof Reads & string;

type IsFunction<T> = T extends (...args: never[]) => unknown ? true : false;
/** Whether a value of type T holds a function (a callback, an object with methods): those stay in the browser. */
type HoldsFunction<T> =
  IsFunction<T> extends true
    ? true
    : T extends readonly unknown[]
      ? false
      : T extends object
        ? true extends { [K in keyof T]-?: IsFunction<NonNullable<T[K]>> }[keyof T]
          ? true
          : false
        : false;
/** An argument as it crosses to the server: data only (progress callbacks and log sources are the server's). */
type Wire<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T as HoldsFunction<NonNullable<T[K]>> extends true ? never : K]: T[K] }
    : T;

/** A parameter list as data (a mapped tuple type stays a tuple, optional parameters included). */
type WireTuple<P extends readonly unknown[]> = { [I in keyof P]: Wire<P[I]> };
/** The arguments of read `N`, as data. */
export type ReadArgs<N extends ReadName> = WireTuple<Parameters<Reads[N]>>;
/** What read `N` answers. */
export type ReadResult<N extends ReadName> = Awaited<ReturnType<Reads[N]>>;

/** The reads that take at most one argument, an optional object of options: the lists (and argument-less reads). */
export type ListName = {
  [N in ReadName]: ReadArgs<N>["length"] extends 0 | 1
    ? [] extends ReadArgs<N>
      ? ReadArgs<N>[0] extends object | undefined
        ? N
        : never
      : never
    : never;
}[ReadName];
/** The options of list `N` (undefined for a read without any). */
export type ListOptions<N extends ListName> = ReadArgs<N>[0];
/** What a page shows of list `N`: the items of its page (every item, without `limit`), or the list itself. */
export type ListItems<N extends ListName> = ReadResult<N> extends ViewPage<infer V> ? V[] : ReadResult<N>;

/** The items of a list's answer (see {@link ListItems}). */
export function itemsOf<N extends ListName>(answer: ReadResult<N>): ListItems<N> {
  const page = answer as unknown;
  // A page of the SDK's lists is the one answer with `items` and `next`; the other lists are arrays.
  return (
    typeof page === "object" && page !== null && !Array.isArray(page) && "items" in page && "next" in page
      ? page.items
      : page
  ) as ListItems<N>;
}

/** Where a page's reads run: the dApp's server (the usual case) or, for a chain it cannot reach, the browser. */
export interface ReadClient {
  read<N extends ReadName>(name: N, args: ReadArgs<N>): Promise<ReadResult<N>>;
}

/**
 * An audit event with its sentence for people: amounts in their token's units, people by name, ids short, dates in
 * UTC ("refund 0.005 ETH", not "refund 5000000000000000"). Told where the trail is read (the dApp's server), so the
 * page's JavaScript holds no summariser; `summary` stays the SDK's own, as the CSV and JSON downloads export it.
 */
export type ReadableAuditEvent = AuditEvent & { readable: string };
