import {
  BaseError,
  ContractFunctionRevertedError,
  ExecutionRevertedError,
  getContract,
  type Abi,
  parseEventLogs,
  type Account,
  type Address,
  type Chain,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type GetContractReturnType,
  type Hash,
  type Log,
  type ParseEventLogsReturnType,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";

import {
  abiOfKey,
  abis,
  CONTRACT_KEYS,
  CONTRACT_NAMES,
  nameOfKey,
  type AbiOf,
  type ContractKey,
  type Deployment,
  type NameOfKey,
} from "./contracts.js";
import { revertedTransactionError, toWeconetError, WeconetError } from "./errors.js";
import type { RowSource } from "./model/store.js";

/** A typed read-only contract for every Weconet contract, by SDK key. */
export type WeconetContracts = {
  [K in ContractKey]: GetContractReturnType<AbiOf<NameOfKey<K>>, PublicClient>;
};

/** A wallet client that signs as one account. */
export type SigningClient = WalletClient<Transport, Chain | undefined, Account>;

/**
 * What every action and read works with: the deployment, a public client, the rows lists read (an indexer's, or
 * the SDK's own fold of the node's events) and, to act, a signing wallet.
 */
export interface WeconetContext {
  deployment: Deployment;
  publicClient: PublicClient;
  walletClient?: SigningClient;
  contracts: WeconetContracts;
  rows: RowSource;
}

/** A mined transaction sent by an action, with its receipt. */
export interface Sent {
  hash: Hash;
  receipt: TransactionReceipt;
}

export function contractsOf(deployment: Deployment, publicClient: PublicClient): WeconetContracts {
  const entries = CONTRACT_NAMES.map((name) => {
    const key = CONTRACT_KEYS[name];
    return [key, getContract({ address: deployment.contracts[key], abi: abis[name], client: publicClient })];
  });
  return Object.fromEntries(entries) as WeconetContracts;
}

/** The account an action is sent from; a clear error when the SDK was created without one. */
export function signerOf(ctx: WeconetContext): SigningClient {
  if (ctx.walletClient === undefined) {
    throw new WeconetError("this action sends a transaction: create the Weconet client with a wallet (an account)");
  }
  return ctx.walletClient;
}

type WriteName<K extends ContractKey> = ContractFunctionName<AbiOf<NameOfKey<K>>, "nonpayable" | "payable">;

/**
 * The gas an action's transaction may use beyond the node's estimate. An estimate is the gas of one run on one
 * block, and the block the transaction lands in can differ: a node that estimates on the latest block (anvil
 * does, by default for "pending" too) runs it at that block's time, and a vote checkpoint of the same second is
 * updated in place there (about 5,000 gas) where the transaction, a second later, appends a new one: a fresh slot
 * (22,100 gas with its cold access) and the array's length (2,900). So at least 25,000, one checkpoint's whole
 * cost; and 20% for whatever else grew between the estimate and the block (unused gas is not charged).
 */
export const GAS_MARGIN = { percent: 20n, atLeast: 25_000n } as const;

/** A gas limit for a transaction estimated at `estimate`: the estimate plus {@link GAS_MARGIN}. */
export function withGasMargin(estimate: bigint): bigint {
  const byPercent = (estimate * GAS_MARGIN.percent + 99n) / 100n;
  return estimate + (byPercent > GAS_MARGIN.atLeast ? byPercent : GAS_MARGIN.atLeast);
}

/** Whether the node refused a call because the contract reverted (its reason is the answer, not a retry). */
function isRevert(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    error.walk((e) => e instanceof ContractFunctionRevertedError || e instanceof ExecutionRevertedError) !== null
  );
}

/**
 * The gas limit to send a simulated call with: estimated on the pending block (the one the transaction joins,
 * where the node supports it; else on the latest), plus {@link GAS_MARGIN}. Setting it here rather than leaving
 * it to the wallet means every wallet, whatever block it would estimate on, sends the same margin.
 */
async function gasLimitFor(publicClient: PublicClient, request: object): Promise<bigint> {
  // The call shape comes from simulateContract, which checked it against the ABI.
  const estimate = (blockTag: "pending" | "latest") =>
    publicClient.estimateContractGas({ ...request, blockTag } as never) as Promise<bigint>;
  let estimated: bigint;
  try {
    estimated = await estimate("pending");
  } catch (error) {
    if (isRevert(error)) throw error;
    // A node that does not estimate on "pending" (some providers refuse the tag): the latest block it is.
    estimated = await estimate("latest");
  }
  return withGasMargin(estimated);
}

/**
 * Sends `functionName(args)` to contract `key` from the wallet's account: simulated first, so that a revert is
 * reported with the contract's decoded custom error before anything is sent; then sent and mined.
 */
export async function send<K extends ContractKey, F extends WriteName<K>>(
  ctx: WeconetContext,
  key: K,
  functionName: F,
  args: ContractFunctionArgs<AbiOf<NameOfKey<K>>, "nonpayable" | "payable", F>,
  options: { value?: bigint; doing?: string } = {},
): Promise<Sent> {
  return sendCall(ctx, {
    address: ctx.deployment.contracts[key],
    abi: abiOfKey(key),
    functionName,
    args,
    ...options,
    doing: options.doing ?? `${nameOfKey(key)}.${functionName}`,
  });
}

/**
 * Sends a call to any contract (a payment token, say) the way {@link send} does: simulated, sent, mined, every
 * failure a {@link WeconetError} that says what was being done.
 */
export async function sendCall<const A extends Abi, F extends ContractFunctionName<A, "nonpayable" | "payable">>(
  ctx: WeconetContext,
  call: {
    address: Address;
    abi: A;
    functionName: F;
    args: ContractFunctionArgs<A, "nonpayable" | "payable", F>;
    value?: bigint;
    doing: string;
  },
): Promise<Sent> {
  const wallet = signerOf(ctx);
  const request = {
    address: call.address,
    abi: call.abi,
    functionName: call.functionName,
    args: call.args,
    account: wallet.account,
    chain: wallet.chain,
    ...(call.value === undefined ? {} : { value: call.value }),
  };
  let hash: Hash;
  try {
    // The generic call shape is checked by the signature above; viem cannot re-derive it here.
    const { request: simulated } = await ctx.publicClient.simulateContract(request as never);
    const gas = await gasLimitFor(ctx.publicClient, simulated);
    hash = await wallet.writeContract({ ...(simulated as object), gas } as never);
  } catch (error) {
    throw toWeconetError(error, call.doing);
  }
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== "success") {
    // The limit the transaction really had: a wallet may have changed the one the SDK asked for.
    const { gas } = await ctx.publicClient.getTransaction({ hash });
    throw revertedTransactionError(call.doing, receipt, gas);
  }
  return { hash, receipt };
}

/** The events named `eventName` that contract `key` emitted in `receipt`, decoded. */
export function eventsIn<K extends ContractKey, E extends ContractEventName<AbiOf<NameOfKey<K>>>>(
  ctx: WeconetContext,
  receipt: { logs: Log[] },
  key: K,
  eventName: E,
): ParseEventLogsReturnType<AbiOf<NameOfKey<K>>, E, true> {
  const address = ctx.deployment.contracts[key].toLowerCase();
  const logs = receipt.logs.filter((log) => log.address.toLowerCase() === address);
  return parseEventLogs({ abi: abiOfKey(key), logs, eventName, strict: true }) as ParseEventLogsReturnType<
    AbiOf<NameOfKey<K>>,
    E
  >;
}

/** The one event named `eventName` of contract `key` in `receipt`; fails when it is missing. */
export function eventIn<K extends ContractKey, E extends ContractEventName<AbiOf<NameOfKey<K>>>>(
  ctx: WeconetContext,
  receipt: { logs: Log[] },
  key: K,
  eventName: E,
): ParseEventLogsReturnType<AbiOf<NameOfKey<K>>, E, true>[number] {
  const [event] = eventsIn(ctx, receipt, key, eventName);
  if (event === undefined) throw new WeconetError(`expected a ${String(eventName)} event in the receipt`);
  return event;
}

/** The account address acting through `ctx`. */
export function accountOf(ctx: WeconetContext): Address {
  return signerOf(ctx).account.address;
}

/** The chain's clock: the latest block's timestamp (what the contracts compare expiries with). */
export async function chainTime(ctx: WeconetContext): Promise<number> {
  return Number((await ctx.publicClient.getBlock({ blockTag: "latest" })).timestamp);
}

/**
 * The latest block number, uncached: viem caches it for a polling interval, and a read right after an action
 * must include the action's block.
 */
export function latestBlock(client: PublicClient): Promise<bigint> {
  return client.getBlockNumber({ cacheTime: 0 });
}
