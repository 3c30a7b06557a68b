"use client";

import type { Address } from "viem";

import type { ApplicationView, Attribute, ConnectionView, RequestView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { ConfirmButton } from "@/components/Confirm";
import { SharedData } from "@/components/connections/SharedData";
import { Countdown } from "@/components/Countdown";
import { PurposeName } from "@/components/PurposeName";
import { TxStatus } from "@/components/TxStatus";
import { attributeNames } from "@/lib/attributes";
import { formatDuration } from "@/lib/format";
import { useTransaction } from "@/lib/tx";

function Party({ address, applications }: { address: Address; applications: readonly ApplicationView[] }) {
  const app = applications.find((a) => a.account.toLowerCase() === address.toLowerCase());
  return app === undefined ? (
    <AccountName address={address} />
  ) : (
    <span>
      <strong>{app.name}</strong> <span className="muted small">(application)</span>
    </span>
  );
}

/**
 * One connection: with whom, what, why, until when; close it (given) or give up access (received). A received one
 * (also once closed) reads what it shares through the owner's data socket.
 */
export function ConnectionRow({
  connection: c,
  side,
  attributes,
  applications,
  now,
}: {
  connection: ConnectionView;
  side: "given" | "received";
  attributes: readonly Attribute[];
  applications: readonly ApplicationView[];
  now: number | undefined;
}) {
  const tx = useTransaction();
  const other = side === "given" ? c.grantee : c.owner;
  const partial = c.state === "live" && c.authorizedAttributes.length < c.attributeIds.length;
  return (
    <tr data-connection={c.id.toString()} data-slot={c.slot} data-party={other}>
      <td>
        <Party address={other} applications={applications} />
      </td>
      <td>{attributeNames(c.attributeIds, attributes)}</td>
      <td>
        <PurposeName code={c.purpose} />
        {/* each source on its own row: the owner's own consent, or a booking's (closed when it is settled) */}
        <div className="small muted" data-testid="consent-source">
          {c.source === "own" ? `own consent (${c.consent})` : `booking through the market (slot ${c.slot})`}
        </div>
      </td>
      <td>
        {c.state === "closed" ? (
          <span className="badge state-defeated" data-testid="connection-closed">
            closed
          </span>
        ) : (
          <>
            {c.state === "expired" ? "expired " : "until "}
            <Countdown at={c.expiresAt} now={now} />
          </>
        )}
        {partial && (
          <div className="small muted">
            authorizes now: {attributeNames(c.authorizedAttributes, attributes) || "nothing"} (a party or attribute is
            not in good standing)
          </div>
        )}
      </td>
      <td>
        {side === "received" && (
          <SharedData owner={c.owner} attributeIds={c.attributeIds} attributes={attributes} purpose={c.purpose} />
        )}
        {c.state !== "closed" && (
          <ConfirmButton
            label={side === "given" ? "Close" : "Give up access"}
            question={
              side === "given" ? (
                <>
                  Close this connection for good? It closes every consent to this grantee — your own and those of
                  bookings — at once; to share again you open a new one.
                </>
              ) : (
                <>Give up this access for good? Every consent from this owner closes; only they can open a new one.</>
              )
            }
            confirmLabel={side === "given" ? "Close the connection" : "Give up the access"}
            disabled={tx.busy}
            onConfirm={() =>
              void (side === "given"
                ? tx.run("Close connection", (w) => w.access.revoke({ grantee: c.grantee }))
                : tx.run("Give up access", (w) => w.access.relinquish({ owner: c.owner })))
            }
          />
        )}
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}

/** A request waiting for me: who asks, what, why, for how long; accept or reject. */
export function IncomingRequestRow({
  request: r,
  attributes,
  applications,
  now,
}: {
  request: RequestView;
  attributes: readonly Attribute[];
  applications: readonly ApplicationView[];
  now: number | undefined;
}) {
  const tx = useTransaction();
  return (
    <tr data-request={r.grantee}>
      <td>
        <Party address={r.grantee} applications={applications} />
      </td>
      <td>{attributeNames(r.attributeIds, attributes)}</td>
      <td>
        <PurposeName code={r.purpose} />
      </td>
      <td>
        {formatDuration(r.duration)}
        <div className="small muted">
          {r.lapsed ? "lapsed " : "answer "}
          <Countdown at={r.expiresAt} now={now} />
        </div>
      </td>
      <td>
        <div className="row">
          <button
            type="button"
            disabled={tx.busy || r.lapsed}
            onClick={() => void tx.run("Accept request", (w) => w.access.acceptRequest({ grantee: r.grantee }))}
          >
            Accept
          </button>
          <button
            type="button"
            className="secondary"
            disabled={tx.busy}
            onClick={() => void tx.run("Reject request", (w) => w.access.rejectRequest({ grantee: r.grantee }))}
          >
            Reject
          </button>
        </div>
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}

/** A request I sent that waits for its owner; withdraw it. */
export function OutgoingRequestRow({
  request: r,
  attributes,
}: {
  request: RequestView;
  attributes: readonly Attribute[];
}) {
  const tx = useTransaction();
  return (
    <tr>
      <td>
        <AccountName address={r.owner} />
      </td>
      <td>{attributeNames(r.attributeIds, attributes)}</td>
      <td>
        <PurposeName code={r.purpose} />
      </td>
      <td>
        <ConfirmButton
          label="Withdraw"
          question="Withdraw this request? The owner no longer sees it; to ask again you send a new one."
          confirmLabel="Withdraw the request"
          disabled={tx.busy}
          onConfirm={() => void tx.run("Withdraw request", (w) => w.access.cancelRequest({ owner: r.owner }))}
        />
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}
