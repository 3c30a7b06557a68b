"use client";

import type { ApplicationView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { Countdown } from "@/components/Countdown";
import { PurposeName } from "@/components/PurposeName";
import type { Reader } from "@/lib/readers";

/** Who may read one of my values now (from my live connections), and why and until when. */
export function Readers({
  readers,
  applications,
  now,
}: {
  readers: readonly Reader[];
  applications: readonly ApplicationView[];
  now: number | undefined;
}) {
  if (readers.length === 0) return <span className="muted small">nobody</span>;
  return (
    <ul className="plain small" data-testid="readers">
      {readers.map((r) => {
        const app = applications.find((a) => a.account.toLowerCase() === r.grantee.toLowerCase());
        return (
          <li key={`${r.grantee}:${r.source}`} data-reader={r.grantee}>
            {app === undefined ? <AccountName address={r.grantee} /> : <strong>{app.name}</strong>}{" "}
            <span className="muted">
              ({r.source === "booking" ? "a booking" : <PurposeName code={r.purpose} />}, ends{" "}
              <Countdown at={r.expiresAt} now={now} />)
            </span>
          </li>
        );
      })}
    </ul>
  );
}
