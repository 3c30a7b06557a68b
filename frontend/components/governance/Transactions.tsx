import Link from "next/link";
import type { Hash } from "viem";

import { shortAddress, type ProposalSummary } from "@weconet/sdk";

import { explorerHref } from "@/lib/explorer";

/**
 * Where a transaction is shown: the chain's block explorer (`<explorer>/tx/<hash>`) when it has one, else the
 * dApp's audit trail filtered on the proposal (a local chain has no explorer).
 */
export function txHref(hash: Hash, explorer: string | null, proposalId: bigint): string {
  return explorerHref({ explorerUrl: explorer }, "tx", hash) ?? `/audit?proposal=${proposalId.toString()}`;
}

/** A transaction hash, shortened, linking to where it is shown. */
export function TxLink({ hash, explorer, proposalId }: { hash: Hash; explorer: string | null; proposalId: bigint }) {
  const href = txHref(hash, explorer, proposalId);
  const text = <code>{shortAddress(hash)}</code>;
  return explorer === null ? (
    <Link href={href} title={`${hash} (in the audit trail)`}>
      {text}
    </Link>
  ) : (
    <a href={href} title={hash} rel="noopener noreferrer" target="_blank">
      {text}
    </a>
  );
}

/** The transactions of a proposal's lifecycle: proposed, queued, executed, canceled — those that happened. */
export function Transactions({ proposal: p, explorer }: { proposal: ProposalSummary; explorer: string | null }) {
  const all: [string, Hash | null][] = [
    ["Proposed", p.txs.proposed],
    ["Queued", p.txs.queued],
    ["Executed", p.txs.executed],
    ["Canceled", p.txs.canceled],
  ];
  const steps = all.filter((step): step is [string, Hash] => step[1] !== null);
  return (
    <section aria-labelledby="txs-h">
      <h2 id="txs-h">Transactions</h2>
      <ul data-testid="proposal-txs">
        {steps.map(([label, hash]) => (
          <li key={label}>
            {label}: <TxLink hash={hash} explorer={explorer} proposalId={p.id} />
          </li>
        ))}
      </ul>
      {explorer === null && (
        <p className="muted small">This chain has no block explorer: the links open the audit trail of the proposal.</p>
      )}
    </section>
  );
}
