"use client";

import Link from "next/link";

import type { InboxItem } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { Countdown } from "@/components/Countdown";
import { useChainNow } from "@/lib/clock";
import { useWeconet, useWeconetRead } from "@/lib/weconet";

/** Where an inbox item is acted on in the dApp. */
export function inboxHref(item: InboxItem): string {
  switch (item.kind) {
    case "request":
      return "/connections";
    case "booking":
      return "/market#bookings-h";
    case "dispute":
      return "/leaders#disputes-h";
    case "proposal":
      return `/governance/${item.proposal.id.toString()}`;
  }
}

/**
 * What waits for the connected account, on every page (in the header): access requests to answer, bookings to
 * accept, deliver, claim or complete, disputes to rule, proposals closing soon that they have not voted on — the
 * SDK's `w.reads.inbox`, refreshed when its tables or the clock move. Each item links to where it is acted on.
 */
export function Inbox() {
  const { account } = useWeconet();
  const inbox = useWeconetRead("inbox", account === undefined ? undefined : [account]);
  const now = useChainNow();
  if (account === undefined || inbox.data === undefined) return null;
  const items = inbox.data;
  return (
    <details className="inbox" data-testid="inbox">
      <summary aria-label={`Inbox: ${items.length} waiting`}>
        Inbox{" "}
        <span className={items.length === 0 ? "badge" : "badge state-active"} data-testid="inbox-count">
          {items.length}
        </span>
      </summary>
      <div className="inbox-panel card">
        {items.length === 0 ? (
          <p className="muted small">Nothing waits for you.</p>
        ) : (
          <ul className="plain">
            {items.map((item) => (
              <li key={item.key} data-inbox={item.key}>
                <Link href={inboxHref(item)}>
                  <ItemText item={item} />
                </Link>
                {item.until !== undefined && item.until > 0 && (
                  <span className="muted small">
                    {" "}
                    · {item.kind === "proposal" ? "closes" : "until"} <Countdown at={item.until} now={now} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

function ItemText({ item }: { item: InboxItem }) {
  switch (item.kind) {
    case "request":
      return (
        <>
          Answer the access request of <AccountName address={item.request.grantee} />
        </>
      );
    case "booking": {
      const b = item.booking;
      const other = item.role === "provider" ? b.consumer : b.provider;
      const verb = {
        accept: "Accept or decline",
        mark_delivered: "Mark delivered",
        claim_payment: "Claim the payment of",
        complete: "Complete",
      }[item.action];
      return (
        <>
          {verb} booking {b.id.toString()} ({item.role === "provider" ? "for" : "from"} <AccountName address={other} />)
        </>
      );
    }
    case "dispute":
      return <>Rule on the dispute of booking {item.booking.id.toString()}</>;
    case "proposal":
      return <>Vote on “{item.proposal.title}”</>;
  }
}
