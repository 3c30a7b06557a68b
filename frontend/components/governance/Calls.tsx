"use client";

import type { Address } from "viem";

import { personName, personNames, type ProposalSummary } from "@weconet/sdk";

import { describeDecoded, type DescribedCall } from "@/lib/call-text";
import { useNetworkConfig, useWeconetRead } from "@/lib/weconet";

const UNDECIDED: readonly ProposalSummary["state"][] = ["pending", "active", "succeeded", "queued"];

/** What a proposal does when executed: each call in words, with its contract and function. */
export function Calls({
  proposal: p,
  currentRule,
}: {
  proposal: ProposalSummary;
  currentRule: (name: string) => bigint | undefined;
}) {
  const { devAccounts } = useNetworkConfig();
  const calls = useWeconetRead("decodeCalls", [
    p.targets.map((target, i) => ({ target, data: p.calldatas[i] ?? "0x" })),
  ]);
  // On the local chain the demo's names read better than addresses.
  const names = personNames(devAccounts);
  const name = (a: Address) => (names(a) === undefined ? a : personName(a, names));
  return (
    <div className="preview">
      <strong>What it does when executed</strong>
      <ul>
        {calls.data === undefined ? (
          <li className="muted">Reading the calls…</li>
        ) : (
          calls.data.map((decoded, i) => (
            <CallLine
              key={i}
              described={describeDecoded(decoded, {
                // "from <current value>" is news only while the proposal has not been executed (or failed).
                currentRule: UNDECIDED.includes(p.state) ? currentRule : undefined,
                name,
              })}
            />
          ))
        )}
      </ul>
    </div>
  );
}

function CallLine({ described }: { described: DescribedCall }) {
  return (
    <li>
      {described.sentence}{" "}
      <code className="small muted">
        {described.contract}.{described.signature}
      </code>
    </li>
  );
}
