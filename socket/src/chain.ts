import { abis, ROLES, toAttribute, type Attribute, type Deployment, type RefusalReason } from "@weconet/sdk";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  http,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
} from "viem";

import { ApiError, chainUnreachable } from "./errors.js";

/**
 * The socket's view of the chain. Every authorization is asked live: the block number comes from an
 * `eth_blockNumber` that started after the request arrived (one in flight at a time, shared by the requests that
 * arrived before it started), and `isAuthorized` is then called at exactly that block. A result is reused only for
 * the same (owner, grantee, attribute, block): state at a block never changes, so a revocation, a suspension or a
 * deprecation mined in block N is seen by every request whose check runs at N or later. Concurrent checks go out
 * as one JSON-RPC batch (viem's http transport batching).
 */
export function chainGateway(options: { rpcUrl: string; chainId: number; deployment: Deployment }) {
  const chain: Chain = {
    id: options.chainId,
    name: `chain ${options.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  };
  const client: PublicClient = createPublicClient({
    chain,
    transport: http(options.rpcUrl, { batch: { wait: 0, batchSize: 1000 }, retryCount: 0, timeout: 10_000 }),
  });
  const c = options.deployment.contracts;

  let inflight: { startedAt: number; promise: Promise<bigint> } | undefined;
  /** The latest block number, asked no earlier than `arrivedAt` (performance.now() when the request came in). */
  function blockNumber(arrivedAt: number): Promise<bigint> {
    if (inflight !== undefined && inflight.startedAt >= arrivedAt) return inflight.promise;
    const startedAt = performance.now();
    const promise = client.request({ method: "eth_blockNumber" }).then(
      (hex) => BigInt(hex),
      (error: unknown) => {
        throw chainUnreachable(error);
      },
    );
    const mine = { startedAt, promise };
    inflight = mine;
    void promise
      .finally(() => {
        if (inflight === mine) inflight = undefined;
      })
      .catch(() => undefined);
    return promise;
  }

  // One map per block; older blocks are dropped as soon as a newer one is asked, so memory stays flat.
  let cacheBlock = -1n;
  let cache = new Map<string, Promise<boolean>>();
  function isAuthorized(owner: Address, grantee: Address, attributeId: number, block: bigint): Promise<boolean> {
    if (block > cacheBlock) {
      cacheBlock = block;
      cache = new Map();
    }
    const key = `${owner}|${grantee}|${attributeId}`;
    const useCache = block === cacheBlock;
    const cached = useCache ? cache.get(key) : undefined;
    if (cached !== undefined) return cached;
    const promise = client
      .readContract({
        address: c.accessGrants,
        abi: abis.AccessGrants,
        functionName: "isAuthorized",
        args: [owner, grantee, attributeId],
        blockNumber: block,
      })
      .catch((error: unknown) => {
        if (useCache) cache.delete(key);
        throw unreachableOrRevert(error, "ask AccessGrants.isAuthorized");
      });
    if (useCache) cache.set(key, promise);
    return promise;
  }

  // Name, domain, data type and parent of an attribute never change once it exists; deprecation is read live.
  const metadata = new Map<number, Attribute>();
  /** Attribute `id` at `block` (latest when omitted), or undefined when the taxonomy has no such attribute. */
  async function attribute(id: number, block?: bigint): Promise<Attribute | undefined> {
    try {
      const a = await client.readContract({
        address: c.taxonomy,
        abi: abis.Taxonomy,
        functionName: "attribute",
        args: [id],
        ...(block === undefined ? {} : { blockNumber: block }),
      });
      const found = toAttribute(id, a);
      metadata.set(id, found);
      return found;
    } catch (error) {
      if (isRevert(error)) return undefined;
      throw chainUnreachable(error);
    }
  }
  /** Name and data type of an attribute (cached), for answers; undefined when it does not exist. */
  async function describe(id: number): Promise<Attribute | undefined> {
    return metadata.get(id) ?? (await attribute(id));
  }

  const read = <T>(promise: Promise<T>, doing: string): Promise<T> =>
    promise.catch((error: unknown) => {
      throw unreachableOrRevert(error, doing);
    });

  /** Why `grantee` may not read `attributeId` of `owner` at `block`, from the views AccessGrants judges by. */
  async function refusalReason(
    owner: Address,
    grantee: Address,
    attributeId: number,
    block: bigint,
  ): Promise<RefusalReason> {
    const at = { blockNumber: block };
    const [active, ownerSince, appStatus, appSince, memberSince, consents, header] = await Promise.all([
      read(
        client.readContract({
          address: c.taxonomy,
          abi: abis.Taxonomy,
          functionName: "isActive",
          args: [attributeId, 0],
          ...at,
        }),
        "ask the taxonomy",
      ),
      read(
        client.readContract({
          address: c.membership,
          abi: abis.Membership,
          functionName: "activeSince",
          args: [owner],
          ...at,
        }),
        "ask Membership",
      ),
      read(
        client.readContract({
          address: c.applications,
          abi: abis.Applications,
          functionName: "statusOf",
          args: [grantee],
          ...at,
        }),
        "ask Applications",
      ),
      read(
        client.readContract({
          address: c.applications,
          abi: abis.Applications,
          functionName: "liveSince",
          args: [grantee],
          ...at,
        }),
        "ask Applications",
      ),
      read(
        client.readContract({
          address: c.membership,
          abi: abis.Membership,
          functionName: "activeSince",
          args: [grantee],
          ...at,
        }),
        "ask Membership",
      ),
      read(
        client.readContract({
          address: c.accessGrants,
          abi: abis.AccessGrants,
          functionName: "consentsOf",
          args: [owner, grantee],
          ...at,
        }),
        "ask AccessGrants.consentsOf",
      ),
      read(client.getBlock({ blockNumber: block }), "read the block"),
    ]);
    if (!active) return "attribute_deprecated";
    if (ownerSince === 0) return "owner_not_active";
    const isApplication = appStatus !== 0;
    if (isApplication && appSince === 0) return "application_not_live";
    if (!isApplication && memberSince === 0) return "grantee_not_active";
    const [infos] = consents;
    const covering = infos.filter((info) => info.expiresAt !== 0 && info.attributeIds.includes(attributeId));
    if (covering.length === 0) return "no_consent";
    const now = header.timestamp;
    const live = covering.filter((info) => BigInt(info.expiresAt) > now);
    if (live.length === 0) return "expired";
    // Live consents that still do not count were given before a party's current standing (it left and came back).
    const latest = Math.max(...live.map((info) => info.grantedAt));
    if (ownerSince > latest) return "owner_not_active";
    const granteeSince = isApplication ? appSince : memberSince;
    return granteeSince > latest ? (isApplication ? "application_not_live" : "grantee_not_active") : "no_consent";
  }

  /** Whether `account` is an active member now (`block`). */
  function isActiveMember(account: Address, block: bigint): Promise<boolean> {
    return read(
      client.readContract({
        address: c.membership,
        abi: abis.Membership,
        functionName: "isActiveMember",
        args: [account],
        blockNumber: block,
      }),
      "ask Membership",
    );
  }

  /**
   * Whether `account`'s application or membership names `hash` as its profile now (`block`): an applicant may
   * publish the one document its application points to, before any member would vouch for it.
   */
  async function isOwnProfile(account: Address, hash: Hex, block: bigint): Promise<boolean> {
    const profile = await read(
      client.readContract({
        address: c.membership,
        abi: abis.Membership,
        functionName: "profileOf",
        args: [account],
        blockNumber: block,
      }),
      "ask Membership",
    );
    return profile.toLowerCase() === hash.toLowerCase();
  }

  /** Whether `account` may see the documents of booking `bookingId`: its consumer, its provider, or an active leader. */
  async function bookingParty(
    bookingId: bigint,
    account: Address,
    block: bigint,
  ): Promise<"party" | "leader" | "none" | "no_booking"> {
    const at = { blockNumber: block };
    let booking;
    try {
      booking = await client.readContract({
        address: c.market,
        abi: abis.Market,
        functionName: "booking",
        args: [bookingId],
        ...at,
      });
    } catch (error) {
      if (isRevert(error)) return "no_booking";
      throw chainUnreachable(error);
    }
    const [offer, leader] = await Promise.all([
      read(
        client.readContract({
          address: c.market,
          abi: abis.Market,
          functionName: "offer",
          args: [booking.offerId],
          ...at,
        }),
        "ask the Market",
      ),
      read(
        client.readContract({
          address: c.membership,
          abi: abis.Membership,
          functionName: "hasActiveRole",
          args: [ROLES.leader, account],
          ...at,
        }),
        "ask Membership",
      ),
    ]);
    const lower = account.toLowerCase();
    if (booking.consumer.toLowerCase() === lower || offer.provider.toLowerCase() === lower) return "party";
    return leader ? "leader" : "none";
  }

  return {
    client,
    chain,
    blockNumber,
    isAuthorized,
    attribute,
    describe,
    refusalReason,
    isActiveMember,
    isOwnProfile,
    bookingParty,
  };
}
export type ChainGateway = ReturnType<typeof chainGateway>;

function isRevert(error: unknown): boolean {
  return error instanceof BaseError && error.walk((e) => e instanceof ContractFunctionRevertedError) !== null;
}

/** A revert is the contract's answer (a bug here: these views do not revert); anything else is an unreachable chain. */
function unreachableOrRevert(error: unknown, doing: string): ApiError {
  if (isRevert(error)) return new ApiError("internal", `${doing} reverted: ${(error as Error).message.split("\n")[0]}`);
  return chainUnreachable(error);
}
