"use client";

import type { Address } from "viem";

import { TxStatus } from "@/components/TxStatus";
import { useChainNow } from "@/lib/clock";
import { formatTime } from "@/lib/format";
import { ETH_TOKEN, formatAmount, type TokenInfo } from "@/lib/market";
import { LOCAL_CHAIN_ID } from "@/lib/network";
import { useTransaction } from "@/lib/tx";
import { useWeconet, useWeconetRead } from "@/lib/weconet";

/** A balance to four decimals (rounded down: never more than is there), in the token's units and symbol. */
export function balanceText(amount: bigint, token: TokenInfo): string {
  const step = token.decimals > 4 ? 10n ** BigInt(token.decimals - 4) : 1n;
  return formatAmount((amount / step) * step, token);
}

/**
 * The connected account's ETH and demo euro, and on the local chain the demo's faucet (once a day, play money only:
 * the faucet is no part of Weconet and exists on no real network).
 */
export function Holdings({ account }: { account: Address }) {
  const { chain } = useWeconet();
  const holdings = useWeconetRead("holdings", [account]);
  const now = useChainNow();
  const tx = useTransaction();
  const h = holdings.data;
  if (h === undefined) return <span className="muted"> · reading your balance…</span>;
  const demo = h.demo;
  const faucet = chain.chainId === LOCAL_CHAIN_ID && demo !== null;
  const waiting = demo !== null && now !== undefined && now < demo.claimableFrom;
  return (
    <span data-testid="holdings">
      {" "}
      · balance: <strong data-testid="balance-eth">{balanceText(h.eth, ETH_TOKEN)}</strong>
      {demo !== null && (
        <>
          {", "}
          <strong data-testid="balance-demo">{balanceText(demo.balance, demo.token)}</strong>
        </>
      )}
      {faucet && (
        <>
          {" "}
          <button
            type="button"
            className="secondary"
            disabled={tx.busy || waiting}
            title="Play money for the local demo's market: no value, on the local chain only"
            onClick={() =>
              void tx.run(`Get ${formatAmount(demo.faucetAmount, demo.token)}`, (w) =>
                import("@/lib/acting").then((m) => m.claimFromFaucet(w, demo.token.address)),
              )
            }
          >
            Get {formatAmount(demo.faucetAmount, demo.token)} (demo faucet)
          </button>
          {waiting && <span className="muted small"> next claim from {formatTime(demo.claimableFrom)}</span>}
          <TxStatus state={tx.state} />
        </>
      )}
    </span>
  );
}
