import { connectionIdOf, type GranteeValue, type ManyValue, type RefusalReason } from "@weconet/sdk";
import type { Address, Hex } from "viem";

import type { ChainGateway } from "./chain.js";
import { ApiError } from "./errors.js";
import type { ReceiptLog } from "./receipts.js";
import type { ValueStore } from "./values.js";

/**
 * Grantees' reads. Each attribute is checked live (`AccessGrants.isAuthorized` at a block asked after the request
 * arrived) and leaves a receipt in the owner's log whether it was allowed or refused; a refusal says why.
 */
export function granteeReads(options: {
  chain: ChainGateway;
  values: ValueStore;
  receipts: ReceiptLog;
  checkAuthorization: boolean;
}) {
  const { chain, values, receipts, checkAuthorization } = options;

  async function attributeOf(attributeId: number) {
    const a = await chain.describe(attributeId);
    if (a === undefined) throw new ApiError("unknown_attribute", `the taxonomy has no attribute ${attributeId}`);
    return a;
  }

  /** Whether `grantee` may read `attributeId` of `owner` at `block` (always, with the check switched off). */
  function allowedAt(owner: Address, grantee: Address, attributeId: number, block: bigint): Promise<boolean> {
    return checkAuthorization ? chain.isAuthorized(owner, grantee, attributeId, block) : Promise.resolve(true);
  }

  /** The refusal reason of a decision (null when allowed), once its receipt is committed. */
  async function decide(
    owner: Address,
    grantee: Address,
    attributeId: number,
    block: bigint,
    purpose: Hex | null,
    allowed: boolean,
    connectionId = connectionIdOf(owner, grantee),
  ): Promise<RefusalReason | null> {
    const reason = allowed ? null : await chain.refusalReason(owner, grantee, attributeId, block);
    await receipts.append({
      owner,
      grantee,
      attributeId,
      connectionId,
      purpose,
      block,
      decision: allowed ? "allowed" : "refused",
      reason,
    });
    return reason;
  }

  async function readOne(input: {
    owner: Address;
    grantee: Address;
    attributeId: number;
    purpose: Hex | null;
    arrivedAt: number;
  }): Promise<GranteeValue> {
    const { owner, grantee, attributeId } = input;
    const a = await attributeOf(attributeId);
    const block = await chain.blockNumber(input.arrivedAt);
    const allowed = await allowedAt(owner, grantee, attributeId, block);
    const connectionId = connectionIdOf(owner, grantee);
    // The value is fetched while its receipt is written, but given out only once that receipt is committed.
    const [refused, stored] = await Promise.all([
      decide(owner, grantee, attributeId, block, input.purpose, allowed, connectionId),
      allowed ? values.readOne(owner, attributeId) : Promise.resolve(undefined),
    ]);
    if (refused !== null) {
      throw new ApiError(
        "not_authorized",
        `${grantee} may not read ${a.name} of ${owner} (at block ${block})`,
        refused,
      );
    }
    if (stored === undefined) throw new ApiError("no_value", `${owner} keeps no value of ${a.name} here`);
    return {
      owner,
      attributeId,
      name: a.name,
      dataType: a.dataType,
      value: stored.value,
      version: stored.version,
      block: block.toString(),
      connectionId: connectionId.toString(),
    };
  }

  async function readMany(input: {
    owner: Address;
    grantee: Address;
    attributeIds: readonly number[];
    purpose: Hex | null;
    arrivedAt: number;
  }) {
    const { owner, grantee } = input;
    const attributes = await Promise.all(input.attributeIds.map(attributeOf));
    const block = await chain.blockNumber(input.arrivedAt);
    const decisions = await Promise.all(
      attributes.map(async (a) =>
        decide(owner, grantee, a.id, block, input.purpose, await allowedAt(owner, grantee, a.id, block)),
      ),
    );
    const allowedIds = attributes.filter((_, i) => decisions[i] === null).map((a) => a.id);
    const stored = new Map((await values.read(owner, allowedIds)).map((v) => [v.attributeId, v]));
    const out: ManyValue[] = [];
    attributes.forEach((a, i) => {
      const refused = decisions[i];
      if (refused !== null && refused !== undefined) {
        out.push({ attributeId: a.id, refused });
        return;
      }
      const v = stored.get(a.id);
      // Allowed but never stored (or erased): nothing to show, and nothing is invented.
      if (v !== undefined)
        out.push({ attributeId: a.id, name: a.name, dataType: a.dataType, value: v.value, version: v.version });
    });
    return { owner, block: block.toString(), values: out };
  }

  return { readOne, readMany };
}
