import {
  decodeEventLog,
  getAddress,
  hexToBigInt,
  numberToHex,
  toEventSelector,
  type Abi,
  type AbiEvent,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
} from "viem";

import {
  abis,
  CONTRACT_KEYS,
  CONTRACT_NAMES,
  type ContractKey,
  type ContractName,
  type Deployment,
} from "../contracts.js";
import { latestBlock } from "../client.js";
import {
  describeEvent,
  TrailFacts,
  type AuditEvent,
  type DecodedEvent,
  type EventArgs,
  type EventName,
  type SummaryContext,
} from "./events.js";

/** A log as `eth_getLogs` returns it (quantities as hex). */
export interface RawLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  /** Returned by newer nodes; saves a block look-up. */
  blockTimestamp?: Hex;
  removed?: boolean;
}

/**
 * A topic filter, as `eth_getLogs` takes it: per position a value, any of several values, or `null` for any.
 */
export type TopicFilter = readonly (Hex | readonly Hex[] | null)[];

/** An `eth_getLogs` query: the contracts, a block range and optionally topics. */
export interface LogQuery {
  addresses: Address[];
  fromBlock: bigint;
  toBlock: bigint;
  topics?: TopicFilter;
}

/**
 * Where the trail's raw logs come from. The default reads the chain; tests inject sources that drop or alter
 * events to prove that verification notices.
 */
export interface LogSource {
  getLogs(query: LogQuery): Promise<RawLog[]>;
  getBlockTimestamp(block: bigint): Promise<number>;
}

/** The chain itself, over JSON-RPC. */
export function rpcLogSource(client: PublicClient): LogSource {
  return {
    async getLogs({ addresses, fromBlock, toBlock, topics }) {
      const range = { address: addresses, fromBlock: numberToHex(fromBlock), toBlock: numberToHex(toBlock) };
      return (await client.request({
        method: "eth_getLogs",
        params: [
          topics === undefined ? range : { ...range, topics: topics.map((t) => (Array.isArray(t) ? [...t] : t)) },
        ],
      })) as unknown as RawLog[];
    },
    async getBlockTimestamp(block) {
      const { timestamp } = await client.getBlock({ blockNumber: block, includeTransactions: false });
      return Number(timestamp);
    },
  };
}

/** How far a long read has come, for progress bars. */
export interface ReadProgress {
  fromBlock: bigint;
  toBlock: bigint;
  /** The last block read so far. */
  doneBlock: bigint;
  events: number;
}

export interface ReadEventsOptions {
  /** First block (default: the deployment's first block). */
  fromBlock?: bigint;
  /** Last block (default: the latest block when the read starts). */
  toBlock?: bigint;
  /** The most blocks per `eth_getLogs` call (default 10,000); halved when a node refuses a range as too large. */
  chunkSize?: bigint;
  /**
   * Logs per call to aim at (default 2,000): reading starts with small ranges that double while they hold few
   * logs and halve after a fuller one, so that memory stays bounded however dense the blocks are.
   */
  targetLogsPerChunk?: number;
  /** Attempts per call before giving up on a failing node (default 5, with exponential back-off). */
  attempts?: number;
  onProgress?: (progress: ReadProgress) => void;
  /** Where logs come from (default: the chain). */
  source?: LogSource;
  /** Only these contracts (default: all of them). */
  contracts?: readonly ContractKey[];
  /**
   * Only logs with these topics (`null` matches any, a list matches any of it): e.g. `[null, pad(owner)]` for
   * every AccessGrants event whose first indexed field is `owner`. Lets a read about one member skip everyone
   * else's events at the node.
   */
  topics?: TopicFilter;
  /**
   * What the summaries may know beyond the events (token symbols, names, the time zone; see SummaryContext). The
   * trail's own facts are added as it is read: each booking's token and each attribute's name (when the read
   * starts before them).
   */
  summary?: SummaryContext;
}

interface Decoder {
  contract: ContractName;
  event: AbiEvent;
}

/** topic0 → event, per contract address (the same event, e.g. RoleGranted, exists in several contracts). */
function decodersFor(deployment: Deployment): Map<string, Map<Hex, Decoder>> {
  const byAddress = new Map<string, Map<Hex, Decoder>>();
  for (const contract of CONTRACT_NAMES) {
    const address = deployment.contracts[CONTRACT_KEYS[contract]].toLowerCase();
    const bySelector = new Map<Hex, Decoder>();
    for (const item of abis[contract] as Abi) {
      if (item.type === "event") bySelector.set(toEventSelector(item), { contract, event: item });
    }
    byAddress.set(address, bySelector);
  }
  return byAddress;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Errors by which nodes say a range holds too many logs (geth, Erigon, Alchemy, Infura, …). */
const RANGE_TOO_LARGE = /too many|limit|range|exceed|larger than|response size|query returned more/i;

const backoff = (attempt: number) => Math.min(100 * 2 ** attempt, 5_000);

async function withRetries<T>(attempts: number, what: string, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${what} failed after ${attempts} attempts: ${reason}`, { cause: error });
      }
      await sleep(backoff(attempt));
    }
  }
}

/**
 * Reads every event of every contract of `deployment` over a block range, in block order, decoded and
 * normalized. An async generator: events stream out chunk by chunk, so memory does not grow with the range.
 */
export async function* readEvents(
  client: PublicClient,
  deployment: Deployment,
  options: ReadEventsOptions = {},
): AsyncGenerator<AuditEvent> {
  const source = options.source ?? rpcLogSource(client);
  const attempts = options.attempts ?? 5;
  const fromBlock = options.fromBlock ?? deployment.fromBlock;
  const toBlock = options.toBlock ?? (await withRetries(attempts, "eth_blockNumber", () => latestBlock(client)));
  const decoders = decodersFor(deployment);
  const keys = options.contracts ?? (Object.keys(deployment.contracts) as ContractKey[]);
  const addresses = keys.map((key) => getAddress(deployment.contracts[key]));
  const checksummed = new Map(addresses.map((a) => [a.toLowerCase(), a]));
  let maxChunk = options.chunkSize ?? 10_000n;
  const target = options.targetLogsPerChunk ?? 2_000;
  let chunk = maxChunk < 16n ? maxChunk : 16n;
  let events = 0;
  let start = fromBlock;
  const facts = new TrailFacts();
  const context = facts.context(options.summary);
  while (start <= toBlock) {
    const end = start + chunk - 1n < toBlock ? start + chunk - 1n : toBlock;
    let logs: RawLog[] | undefined;
    for (let attempt = 1; logs === undefined; attempt++) {
      try {
        logs = await source.getLogs({
          addresses,
          fromBlock: start,
          toBlock: end,
          ...(options.topics === undefined ? {} : { topics: options.topics }),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A node that refuses the range as too large gets smaller ranges from now on.
        if (RANGE_TOO_LARGE.test(message) && end > start) break;
        if (attempt >= attempts) {
          throw new Error(`eth_getLogs ${start}–${end} failed after ${attempts} attempts: ${message}`, {
            cause: error,
          });
        }
        await sleep(backoff(attempt));
      }
    }
    if (logs === undefined) {
      chunk = (end - start + 1n) / 2n;
      maxChunk = chunk;
      continue;
    }
    const timestamps = new Map<bigint, number>();
    for (const log of logs) {
      if (log.removed === true) continue;
      const block = hexToBigInt(log.blockNumber);
      let timestamp = timestamps.get(block);
      if (timestamp === undefined) {
        timestamp =
          log.blockTimestamp !== undefined
            ? Number(hexToBigInt(log.blockTimestamp))
            : await withRetries(attempts, `block ${block}`, () => source.getBlockTimestamp(block));
        timestamps.set(block, timestamp);
      }
      const decoded = decodeLog(decoders, checksummed, log, deployment.chainId, block, timestamp, facts, context);
      if (decoded === undefined) continue;
      events++;
      yield decoded;
    }
    options.onProgress?.({ fromBlock, toBlock, doneBlock: end, events });
    start = end + 1n;
    if (logs.length > target && chunk > 1n) chunk /= 2n;
    else if (logs.length < target / 4 && chunk * 2n <= maxChunk) chunk *= 2n;
  }
}

function decodeLog(
  decoders: Map<string, Map<Hex, Decoder>>,
  checksummed: Map<string, Address>,
  log: RawLog,
  chainId: number,
  block: bigint,
  timestamp: number,
  facts: TrailFacts,
  context: SummaryContext,
): AuditEvent | undefined {
  const selector = log.topics[0];
  const emitter = log.address.toLowerCase();
  const decoder = selector === undefined ? undefined : decoders.get(emitter)?.get(selector);
  const address = checksummed.get(emitter);
  // A log no Weconet ABI knows (only possible from a foreign source): skipped rather than guessed at.
  if (decoder === undefined || address === undefined) return undefined;
  const { args } = decodeEventLog({
    abi: [decoder.event],
    topics: log.topics as [Hex, ...Hex[]],
    data: log.data,
    strict: true,
  });
  const contract = decoder.contract;
  const event = decoder.event.name as EventName<typeof contract>;
  const typedArgs = args as unknown as EventArgs<typeof contract, typeof event>;
  facts.note({ contract, event, args: typedArgs } as DecodedEvent);
  const described = describeEvent(contract, event, typedArgs, context);
  return {
    chainId,
    block,
    logIndex: Number(hexToBigInt(log.logIndex)),
    tx: log.transactionHash as Hash,
    timestamp,
    address,
    contract,
    event,
    args: typedArgs,
    ...described,
  } as AuditEvent;
}
