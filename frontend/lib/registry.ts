import type { Address } from "viem";

import { formatDate, personName, shortId, type AuditEvent, type PersonNames, type Weconet } from "@weconet/sdk";

import { accountNames } from "./account-names";
import { eventKey, tokensIn } from "./audit";
import { readableSummaries } from "./audit-summaries";
import { decodeCall } from "./calls";
import { DEMO_EURO_ABI, type Holdings } from "./faucet";
import { deploymentOf, type ChainConfig } from "./network";
import type { ReadArgs, ReadName, ReadResult, Reads } from "./reads";
import { socketUrlOf } from "./socket-url";

/**
 * Every read of the pages over one SDK client: its own reads and the dApp's (see {@link DappReads}). `names` are
 * the names its sentences give accounts (default: the network's contracts).
 */
export function readsOf(w: Weconet, chain: ChainConfig, names: PersonNames = accountNames(chain.contracts, [])): Reads {
  return {
    ...w.reads,
    socketUrl: (member) => socketUrlOf(w, chain, member),
    async voteOf(proposalId, account, atSnapshot) {
      const { governor, membership } = w.contracts;
      const [votes, voted] = await Promise.all([
        atSnapshot === undefined ? membership.read.getVotes([account]) : governor.read.getVotes([account, atSnapshot]),
        governor.read.hasVoted([proposalId, account]),
      ]);
      return { votes, voted };
    },
    decodeCalls: async (calls) => calls.map((call) => decodeCall(deploymentOf(chain), call)),
    async auditEvents() {
      const all: AuditEvent[] = [];
      for await (const e of w.audit.events()) all.push(e);
      const tokens = await w.reads.tokens(tokensIn(all));
      const readable = readableSummaries(all, {
        token: (address) => tokens.find((t) => t.address.toLowerCase() === address.toLowerCase()),
        person: (address) => personName(address, names),
        longId: (id) => shortId(id),
        date: (seconds) => formatDate(seconds, { timeZone: "UTC" }),
      });
      return all.map((e) => ({ ...e, readable: readable.get(eventKey(e)) ?? e.summary }));
    },
    holdings: (account) => readHoldings(w, chain.demoToken, account),
  };
}

/** Whether `name` is one of the reads (and not, say, "constructor" or "__proto__" sent by anyone). */
export function isReadName(reads: Reads, name: unknown): name is ReadName {
  return typeof name === "string" && Object.hasOwn(reads, name) && typeof reads[name as ReadName] === "function";
}

/**
 * Runs read `name` with `args`. The arguments come as data from the browser; the read itself checks them (an SDK
 * read throws a WeconetError that says what is wrong).
 */
export function runRead<N extends ReadName>(reads: Reads, name: N, args: ReadArgs<N>): Promise<ReadResult<N>> {
  const read = reads[name] as (...a: readonly unknown[]) => Promise<ReadResult<N>>;
  return read(...(args as readonly unknown[]));
}

/** Symbol and decimals of each token (ETH is the zero address), read from the ERC-20 contracts. */
/** `account`'s ETH and, when the chain has the demo token, its balance and faucet (read in one round of calls). */
async function readHoldings(weconet: Weconet, demoToken: Address | null, account: Address): Promise<Holdings> {
  const client = weconet.publicClient;
  const demo = async (address: Address): Promise<Holdings["demo"]> => {
    const read = <F extends "symbol" | "decimals" | "FAUCET_AMOUNT" | "FAUCET_COOLDOWN">(functionName: F) =>
      client.readContract({ address, abi: DEMO_EURO_ABI, functionName });
    const [symbol, decimals, balance, last, amount, cooldown] = await Promise.all([
      read("symbol"),
      read("decimals"),
      client.readContract({ address, abi: DEMO_EURO_ABI, functionName: "balanceOf", args: [account] }),
      client.readContract({ address, abi: DEMO_EURO_ABI, functionName: "lastClaim", args: [account] }),
      read("FAUCET_AMOUNT"),
      read("FAUCET_COOLDOWN"),
    ]);
    return {
      token: { address, symbol, decimals },
      balance,
      faucetAmount: amount,
      claimableFrom: last === 0n ? 0 : Number(last + cooldown),
    };
  };
  const [eth, token] = await Promise.all([
    client.getBalance({ address: account }),
    demoToken === null ? null : demo(demoToken).catch(() => null),
  ]);
  return { account, eth, demo: token };
}
