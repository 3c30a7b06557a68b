import { encodeFunctionData, type Address, type Hex, type TransactionReceipt } from "viem";

import { abiOfKey } from "../contracts.js";
import { accountOf, chainTime, eventIn, eventsIn, send, signerOf, type Sent, type WeconetContext } from "../client.js";
import { toBytes32Code } from "../codes.js";
import { purposeCode } from "../purposes.js";
import { APPLICATION_STATUSES, WeconetError } from "../errors.js";
import { TYPED_DATA } from "../vocabulary.js";
import { findPendingRequest } from "../reads/access.js";
import { attributeSetOf } from "../reads/taxonomy.js";

/** A taxonomy attribute by id or by name ("postal_address"). */
export type AttributeRef = number | string;

/** A moment: unix seconds, or a Date. */
export type Moment = number | bigint | Date;

/** Until when: a moment (`expiresAt`), or seconds from now by the chain's clock (`duration`). */
export type Expiry = { expiresAt: Moment; duration?: undefined } | { duration: number | bigint; expiresAt?: undefined };

/** What a connection covers, why, and until when. */
export type ConnectionTerms = {
  /** Person attributes, by id or name; the SDK sorts them and drops repeats. */
  attributes: readonly AttributeRef[];
  /**
   * What the grantee may use them for: a W3C DPV purpose of `PURPOSES` ("dpv:DeliveryOfGoods", its key or IRI),
   * or a purpose code as 32-byte hex (see `purposeCode`). Public forever, so never personal text.
   */
  purpose: Hex | string;
} & Expiry;

/** A grant signed by its owner (EIP-712 type `Grant` of AccessGrants), which anyone may submit. */
export interface SignedGrant {
  grant: {
    owner: Address;
    grantee: Address;
    attributeIds: readonly number[];
    purpose: Hex;
    expiresAt: number;
    /** When the owner signed (chain time): refused once the owner left and joined again, or if in the future. */
    issuedAt: number;
    nonce: bigint;
    deadline: bigint;
  };
  signature: Hex;
}

/** The EIP-712 type AccessGrants verifies (`GRANT_TYPEHASH`). */
export const GRANT_TYPES = TYPED_DATA.AccessGrants.GRANT_TYPEHASH.types;

/** One step of an all-or-nothing {@link accessActions.batch}. */
export type AccessBatchStep =
  | ({ action: "grant"; grantee: Address } & ConnectionTerms)
  | { action: "revoke"; grantee: Address }
  | { action: "relinquish"; owner: Address }
  | { action: "rejectRequest"; grantee: Address; reason?: string }
  | { action: "cancelRequest"; owner: Address };

/** A consent that a transaction opened or changed. */
export interface Granted {
  connectionId: bigint;
  /** `opened`: there was no live consent in the slot; `changed`: the live one was replaced. */
  change: "opened" | "changed";
  expiresAt: number;
  /** The consent's slot: 0 for the owner's own consent, 1..7 for a booking's. */
  slot: number;
}

const seconds = (moment: Moment): number =>
  moment instanceof Date ? Math.floor(moment.getTime() / 1000) : Number(moment);

/** The nonce key of signed grants to `grantee`: one sequence per grantee, so signatures can be used in any order. */
export function grantNonceKey(grantee: Address): bigint {
  return BigInt(grantee);
}

/** What a receipt says about connections: the opened or changed one (the last, for a batch see `batch`). */
function grantedIn(ctx: WeconetContext, receipt: TransactionReceipt): Granted[] {
  const opened = eventsIn(ctx, receipt, "accessGrants", "ConnectionOpened").map((e) => ({ ...e, change: "opened" }));
  const changed = eventsIn(ctx, receipt, "accessGrants", "ConnectionChanged").map((e) => ({ ...e, change: "changed" }));
  return [...opened, ...changed]
    .sort((a, b) => a.logIndex - b.logIndex)
    .map((e) => ({
      connectionId: e.args.connectionId,
      change: e.change as Granted["change"],
      expiresAt: e.args.expiresAt,
      slot: e.args.slot,
    }));
}

function oneGranted(ctx: WeconetContext, sent: Sent): Sent & Granted {
  const [granted] = grantedIn(ctx, sent.receipt);
  if (granted === undefined) throw new WeconetError(`expected a connection event in transaction ${sent.hash}`);
  return { ...sent, ...granted };
}

/**
 * Data connections: what owners, grantees and applications do in AccessGrants. Attribute values never go on-chain:
 * a connection says who may read which attributes of whom, for what purpose, until when.
 */
export function accessActions(ctx: WeconetContext) {
  const expiryOf = async (expiry: Expiry): Promise<number> => {
    if (expiry.expiresAt !== undefined && expiry.duration === undefined) return seconds(expiry.expiresAt);
    if (expiry.duration !== undefined && expiry.expiresAt === undefined) {
      return (await chainTime(ctx)) + Number(expiry.duration);
    }
    throw new WeconetError("a connection needs either expiresAt or duration (seconds from now), not both");
  };
  const termsOf = async (terms: ConnectionTerms) => ({
    attributeIds: await attributeSetOf(ctx, terms.attributes),
    purpose: purposeCode(terms.purpose),
    expiresAt: await expiryOf(terms),
  });
  const encode = async (step: AccessBatchStep): Promise<Hex> => {
    const abi = abiOfKey("accessGrants");
    switch (step.action) {
      case "grant": {
        const t = await termsOf(step);
        return encodeFunctionData({
          abi,
          functionName: "grant",
          args: [step.grantee, t.attributeIds, t.purpose, t.expiresAt],
        });
      }
      case "revoke":
        return encodeFunctionData({ abi, functionName: "revoke", args: [step.grantee] });
      case "relinquish":
        return encodeFunctionData({ abi, functionName: "relinquish", args: [step.owner] });
      case "rejectRequest":
        return encodeFunctionData({
          abi,
          functionName: "rejectRequest",
          args: [step.grantee, toBytes32Code(step.reason ?? "")],
        });
      case "cancelRequest":
        return encodeFunctionData({ abi, functionName: "cancelRequest", args: [step.owner] });
    }
  };

  const grant = async (p: { grantee: Address } & ConnectionTerms): Promise<Sent & Granted> => {
    const t = await termsOf(p);
    const sent = await send(ctx, "accessGrants", "grant", [p.grantee, t.attributeIds, t.purpose, t.expiresAt], {
      doing: `grant ${p.grantee} access`,
    });
    return oneGranted(ctx, sent);
  };

  return {
    /**
     * Opens a connection from the caller to `grantee` (a member or an application), or replaces the live one:
     * extend, shorten, widen or narrow it. Returns the connection id and whether it was opened or changed.
     */
    grant,
    /**
     * Connects the caller to an application with what it asks for (its registered attributes and purpose),
     * unless `attributes` or `purpose` say otherwise.
     */
    grantToApplication: async (
      p: { application: Address; attributes?: readonly AttributeRef[]; purpose?: Hex | string } & Expiry,
    ): Promise<Sent & Granted> => {
      const { application, attributes, purpose, ...expiry } = p;
      const app = await ctx.contracts.applications.read.application([application]);
      if (APPLICATION_STATUSES[app.status] === "none")
        throw new WeconetError(`there is no application with account ${application}`);
      return grant({
        grantee: application,
        attributes: attributes ?? app.attributeIds,
        purpose: purpose ?? app.purpose,
        ...expiry,
      });
    },
    /**
     * Closes the caller's connection to `grantee`: every consent of it, the caller's own and the bookings' (always
     * possible, also once expired).
     */
    revoke: ({ grantee }: { grantee: Address }): Promise<Sent> =>
      send(ctx, "accessGrants", "revoke", [grantee], { doing: `revoke the connection to ${grantee}` }),
    /** Gives up the caller's access to `owner`'s data (every consent of the connection). */
    relinquish: ({ owner }: { owner: Address }): Promise<Sent> =>
      send(ctx, "accessGrants", "relinquish", [owner], { doing: `relinquish the connection from ${owner}` }),
    /**
     * Asks `owner` for access (as a member or an application's account), for `duration` seconds from acceptance.
     * Replaces the caller's earlier pending request to `owner`; lapses after the network rule accessRequestLifetime.
     */
    requestAccess: async (p: {
      owner: Address;
      attributes: readonly AttributeRef[];
      purpose: Hex | string;
      duration: number | bigint;
    }): Promise<Sent & { connectionId: bigint; requestExpiresAt: number }> => {
      const attributeIds = await attributeSetOf(ctx, p.attributes);
      const sent = await send(
        ctx,
        "accessGrants",
        "requestAccess",
        [p.owner, attributeIds, purposeCode(p.purpose), Number(p.duration)],
        { doing: `request access to ${p.owner}` },
      );
      const { args } = eventIn(ctx, sent.receipt, "accessGrants", "AccessRequested");
      return { ...sent, connectionId: args.connectionId, requestExpiresAt: args.requestExpiresAt };
    },
    /**
     * Accepts `grantee`'s pending request to the caller: what it asks (attributes, purpose, duration) is read from
     * its row and checked against the digest the contract keeps, then repeated as the caller's consent.
     */
    acceptRequest: async ({ grantee }: { grantee: Address }): Promise<Sent & Granted> => {
      const owner = accountOf(ctx);
      const request = await findPendingRequest(ctx, { owner, grantee });
      const sent = await send(
        ctx,
        "accessGrants",
        "acceptRequest",
        [grantee, request.attributeIds, request.purpose, request.duration],
        { doing: `accept the request of ${grantee}` },
      );
      return oneGranted(ctx, sent);
    },
    /** Rejects `grantee`'s pending request, with a short reason code (optional). */
    rejectRequest: ({ grantee, reason }: { grantee: Address; reason?: string }): Promise<Sent> =>
      send(ctx, "accessGrants", "rejectRequest", [grantee, toBytes32Code(reason ?? "")], {
        doing: `reject the request of ${grantee}`,
      }),
    /** Withdraws the caller's pending request to `owner`. */
    cancelRequest: ({ owner }: { owner: Address }): Promise<Sent> =>
      send(ctx, "accessGrants", "cancelRequest", [owner], { doing: `cancel the request to ${owner}` }),
    /**
     * Signs a grant (EIP-712, domain "Weconet AccessGrants" version "1") without sending anything: gasless consent.
     * Anyone submits it with {@link submitSignedGrant} before `deadline` (default: one day by the chain's clock).
     * The nonce is the next of the key `nonceKey` (default: the grantee's own sequence, see {@link grantNonceKey}).
     */
    signGrant: async (
      p: { grantee: Address; deadline?: Moment; nonceKey?: bigint } & ConnectionTerms,
    ): Promise<SignedGrant> => {
      const wallet = signerOf(ctx);
      const owner = accountOf(ctx);
      const accessGrants = ctx.contracts.accessGrants;
      const [t, [, name, version, chainId, verifyingContract], nonce, now] = await Promise.all([
        termsOf(p),
        accessGrants.read.eip712Domain(),
        accessGrants.read.nonces([owner, p.nonceKey ?? grantNonceKey(p.grantee)]),
        chainTime(ctx),
      ]);
      const grant = {
        owner,
        grantee: p.grantee,
        attributeIds: t.attributeIds,
        purpose: t.purpose,
        expiresAt: t.expiresAt,
        // the chain's clock, not the wallet's: a signature from "the future" is refused
        issuedAt: now,
        nonce,
        deadline: BigInt(p.deadline === undefined ? now + 86_400 : seconds(p.deadline)),
      };
      const signature = await wallet.signTypedData({
        account: wallet.account,
        domain: { name, version, chainId, verifyingContract },
        types: GRANT_TYPES,
        primaryType: "Grant",
        message: grant,
      });
      return { grant, signature };
    },
    /** Submits a grant its owner signed; the sender pays the gas. */
    submitSignedGrant: async ({ grant, signature }: SignedGrant): Promise<Sent & Granted> => {
      const sent = await send(ctx, "accessGrants", "grantBySig", [grant, signature], {
        doing: `submit the signed grant of ${grant.owner} to ${grant.grantee}`,
      });
      return oneGranted(ctx, sent);
    },
    /**
     * Cancels a signature handed out but not yet submitted: uses up the next nonce of the key (by default the
     * grantee's key, see {@link grantNonceKey}).
     */
    invalidateNonce: async (p: { grantee: Address } | { key: bigint }): Promise<Sent & { nonce: bigint }> => {
      const key = "key" in p ? p.key : grantNonceKey(p.grantee);
      const sent = await send(ctx, "accessGrants", "invalidateNonce", [key], { doing: "invalidate a nonce" });
      return { ...sent, nonce: eventIn(ctx, sent.receipt, "accessGrants", "NonceInvalidated").args.nonce };
    },
    /**
     * Several steps in one transaction, all or nothing (AccessGrants' multicall): grant to several grantees, close
     * several connections, answer several requests. Returns what opened, changed and closed.
     */
    batch: async (steps: readonly AccessBatchStep[]): Promise<Sent & { granted: Granted[]; closed: bigint[] }> => {
      if (steps.length === 0) throw new WeconetError("a batch needs at least one step");
      const calls = await Promise.all(steps.map(encode));
      const sent = await send(ctx, "accessGrants", "multicall", [calls], {
        doing: `batch of ${steps.length} access steps`,
      });
      return {
        ...sent,
        granted: grantedIn(ctx, sent.receipt),
        closed: eventsIn(ctx, sent.receipt, "accessGrants", "ConnectionClosed").map((e) => e.args.connectionId),
      };
    },
  };
}
