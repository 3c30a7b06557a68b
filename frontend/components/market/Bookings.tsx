"use client";

import { useState } from "react";

import type { Attribute, BookingView, OfferView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { SharedData } from "@/components/connections/SharedData";
import { attributeNames as attributeNamesOf } from "@/components/connections/Lists";
import { DisputeDeadlinesList } from "@/components/market/DisputeDeadlines";
import { SignIn } from "@/components/data/SignIn";
import { SocketStatus } from "@/components/data/SocketStatus";
import { TxStatus } from "@/components/TxStatus";
import { sameAddress } from "@/lib/format";
import { formatAmount, tokenOf, type TokenInfo } from "@/lib/market";
import { useSocket } from "@/lib/socket";
import { useSocketAction } from "@/lib/socket-action";
import { useTransaction } from "@/lib/tx";
import { useWeconet } from "@/lib/weconet";

/** While a booking's data connection may be open: from acceptance until it is settled. */
const SHARING = new Set(["accepted", "delivered", "disputed"]);

/**
 * A booking of mine (as consumer or provider), with what I can do next — as buttons — and what the other side can;
 * its provider reads what the booking shares (e.g. the delivery address) through the consumer's data socket.
 */
export function BookingRow({
  booking: b,
  offer,
  attributes,
  tokens,
  now,
}: {
  booking: BookingView;
  offer: OfferView | undefined;
  attributes: readonly Attribute[];
  tokens: readonly TokenInfo[] | undefined;
  now: number | undefined;
}) {
  const { account } = useWeconet();
  const tx = useTransaction();
  const [statement, setStatement] = useState("");
  // The booking's documents (dispute statements) live with the consumer's data, readable by both parties and leaders.
  const socket = useSocket(b.consumer);
  const store = useSocketAction(() => void socket.signOut());
  const token = tokenOf(tokens, b.token);
  const side = sameAddress(b.provider, account) ? "provider" : "consumer";
  const step = (label: string, act: Parameters<typeof tx.run>[1]) => (
    <button type="button" disabled={tx.busy} onClick={() => void tx.run(label, act)}>
      {label}
    </button>
  );
  const windowOpen = now !== undefined && b.windowEnds > 0 && now < b.windowEnds;
  const id = { bookingId: b.id };
  const canDispute = b.status === "accepted" || (b.status === "delivered" && windowOpen);
  return (
    <tr data-booking={b.id.toString()}>
      <td>#{b.id.toString()}</td>
      <td>
        offer #{b.offerId.toString()} · {b.quantity.toString()} unit(s) · {formatAmount(b.amount, token)}
        <div className="small muted">
          {side === "provider" ? "consumer " : "provider "}
          <AccountName address={side === "provider" ? b.consumer : b.provider} />
        </div>
      </td>
      <td>
        <span className="badge" data-testid="booking-status">
          {b.status}
        </span>
      </td>
      <td>
        <ul className="small plain">
          {b.next[side].map((n) => (
            <li key={n}>You: {n}</li>
          ))}
          {b.next[side === "provider" ? "consumer" : "provider"].map((n) => (
            <li key={n} className="muted">
              {side === "provider" ? "Consumer" : "Provider"}: {n}
            </li>
          ))}
          {b.next.leader.map((n) => (
            <li key={n} className="muted">
              Leader: {n}
            </li>
          ))}
          {b.next.members.map((n) => (
            <li key={n} className="muted">
              Members&apos; vote: {n}
            </li>
          ))}
          {b.next.anyone.map((n) => (
            <li key={n} className="muted">
              Anyone: {n}
            </li>
          ))}
        </ul>
        {b.deadlines !== undefined && <DisputeDeadlinesList deadlines={b.deadlines} />}
        {side === "provider" &&
          b.connectionId !== 0n &&
          SHARING.has(b.status) &&
          offer !== undefined &&
          offer.dataRequest.attributeIds.length > 0 && (
            <SharedData
              owner={b.consumer}
              attributeIds={offer.dataRequest.attributeIds}
              attributes={attributes}
              purpose={offer.dataRequest.purpose}
              label={`Read the ${attributeNamesOf(offer.dataRequest.attributeIds, attributes)} this booking shares`}
            />
          )}
        <div className="row">
          {side === "provider" && b.status === "booked" && (
            <>
              {step("Accept", (w) => w.market.acceptBooking(id))}
              {step("Decline", (w) => w.market.declineBooking(id))}
            </>
          )}
          {side === "consumer" && b.status === "booked" && step("Cancel", (w) => w.market.cancelBooking(id))}
          {side === "provider" && b.status === "accepted" && step("Mark delivered", (w) => w.market.markDelivered(id))}
          {side === "consumer" &&
            (b.status === "accepted" || b.status === "delivered") &&
            step("Complete", (w) => w.market.completeBooking(id))}
          {side === "provider" &&
            b.status === "delivered" &&
            !windowOpen &&
            step("Claim payment", (w) => w.market.claimPayment(id))}
          {b.status === "disputed" &&
            b.deadlines !== undefined &&
            now !== undefined &&
            now >= b.deadlines.finalDeadline &&
            step("Settle (full refund)", (w) => w.market.settleExpiredDispute(id))}
        </div>
        {canDispute && (
          <form
            className="row"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const text = statement.trim();
              if (text === "") return;
              const session = socket.session;
              void tx
                .run("Open dispute", (w) => w.market.openDispute({ bookingId: b.id, statement: text }))
                .then((sent) => {
                  if (sent === undefined || session === undefined) return;
                  void store.run(
                    "Store the statement",
                    () => session.bookingDocuments.put(b.id, text),
                    () => "stored with the booking: the leaders can read it.",
                  );
                });
            }}
          >
            <label className="small" htmlFor={`dispute-${b.id}`}>
              Dispute (statement)
            </label>
            <input
              id={`dispute-${b.id}`}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
              style={{ width: "14rem" }}
            />
            <button type="submit" className="secondary" disabled={tx.busy || statement.trim() === ""}>
              Open dispute
            </button>
          </form>
        )}
        {canDispute && statement.trim() !== "" && socket.session === undefined && (
          <SignIn
            socket={socket}
            why="Only the statement's hash goes on-chain: store its text so the leaders can read it."
          />
        )}
        <TxStatus state={tx.state} />
        <SocketStatus state={store.state} />
      </td>
    </tr>
  );
}

/** What I may withdraw from the market, per token. */
export function Credits({
  credits,
  tokens,
}: {
  credits: readonly { token: `0x${string}`; amount: bigint }[];
  tokens: readonly TokenInfo[] | undefined;
}) {
  const tx = useTransaction();
  if (credits.length === 0) return <p className="muted small">Nothing to withdraw.</p>;
  return (
    <div className="row" data-testid="credits">
      {credits.map((c) => (
        <button
          key={c.token}
          type="button"
          disabled={tx.busy}
          onClick={() => void tx.run("Withdraw", (w) => w.market.withdraw({ token: c.token }))}
        >
          Withdraw {formatAmount(c.amount, tokenOf(tokens, c.token))}
        </button>
      ))}
      <TxStatus state={tx.state} />
    </div>
  );
}
