/**
 * A Ponder event as the SDK's `AuditEvent`: the very object `readEvents` yields for the same log (decoded by viem
 * from the raw topics and data with the contract's generated ABI, then normalized by `describeEvent`), so the
 * reducers see the same input whether they run in the auditor's memory or in the indexer.
 */
import { decodeEventLog, getAddress, toEventSelector, type Abi, type AbiEvent, type Hash, type Hex } from "viem";

import {
  abis,
  CONTRACT_NAMES,
  describeEvent,
  type AuditEvent,
  type ContractName,
  type EventArgs,
  type EventName,
} from "@weconet/sdk";

/** What the conversion needs of Ponder's event (`event.log`, `event.block`, `event.transaction`). */
export interface PonderEventInput {
  log: { address: Hex; topics: readonly Hex[]; data: Hex; logIndex: number };
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hash };
}

/** topic0 → the event's ABI, per contract. */
const EVENTS = new Map<ContractName, Map<Hex, AbiEvent>>(
  CONTRACT_NAMES.map((contract) => [
    contract,
    new Map(
      (abis[contract] as Abi)
        .filter((item): item is AbiEvent => item.type === "event")
        .map((item) => [toEventSelector(item), item]),
    ),
  ]),
);

/** Every (contract, event) pair of the Weconet ABIs: what the indexer registers a handler for. */
export function weconetEvents(): { contract: ContractName; event: string }[] {
  return [...EVENTS].flatMap(([contract, events]) => [...events.values()].map((e) => ({ contract, event: e.name })));
}

/** The SDK's audit event for a log of `contract` on chain `chainId`. */
export function auditEventOf(contract: ContractName, input: PonderEventInput, chainId: number): AuditEvent {
  const { log, block, transaction } = input;
  const [selector, ...rest] = log.topics;
  const abiEvent = selector === undefined ? undefined : EVENTS.get(contract)?.get(selector);
  if (selector === undefined || abiEvent === undefined) {
    throw new Error(`weconet indexer: ${contract} has no event with topic ${selector ?? "(none)"}`);
  }
  const { args } = decodeEventLog({ abi: [abiEvent], topics: [selector, ...rest], data: log.data, strict: true });
  const event = abiEvent.name as EventName<typeof contract>;
  const typedArgs = args as unknown as EventArgs<typeof contract, typeof event>;
  return {
    chainId,
    block: block.number,
    logIndex: log.logIndex,
    tx: transaction.hash,
    timestamp: Number(block.timestamp),
    address: getAddress(log.address),
    contract,
    event,
    args: typedArgs,
    ...describeEvent(contract, event, typedArgs),
  } as AuditEvent;
}
