"use client";

import { useState } from "react";

import {
  actionsOf,
  BOOKING_ROLE_NAMES,
  describeBookingAction,
  SETTLED_STATUSES,
  type Attribute,
  type BookingAction,
  type BookingRole,
  type BookingView,
  type OfferView,
} from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { SharedData } from "@/components/connections/SharedData";
import { attributeNames as attributeNamesOf } from "@/lib/attributes";
import { DisputeDeadlinesList } from "@/components/market/DisputeDeadlines";
import { SignIn } from "@/components/data/SignIn";
import { SocketStatus } from "@/components/data/SocketStatus";
import { TxStatus } from "@/components/TxStatus";
import { formatTime, sameAddress } from "@/lib/format";
import { bookingControls } from "@/lib/booking-controls";
import { formatAmount, tokenOf, type TokenInfo } from "@/lib/market";
import { useSocket } from "@/lib/socket";
import { useSocketAction } from "@/lib/socket-action";
import { useTransaction } from "@/lib/tx";
import { useWeconet } from "@/lib/weconet";

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
  const others: BookingRole[] = [side === "provider" ? "consumer" : "provider", "leader", "members", "anyone"];
  const id = { bookingId: b.id };
  // The buttons and the dispute form come from the SDK's next actions: no rule of the market is restated here.
  const controls = bookingControls(b.next, side, now);
  const canDispute = controls.dispute;
  // The provider reads what the booking shares once they accepted it, until it is settled.
  // The statuses, not the SDK's isSettled: that lives with the market's reads, which a page does not load.
  const sharing = b.status !== "booked" && !SETTLED_STATUSES.includes(b.status);
  // Credits in the booking's token and times as local dates, as the rest of the page shows them.
  const words = { token, date: formatTime };
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
          {actionsOf(b.next, side).map((a) => (
            <li key={actionKey(a)}>You: {describeBookingAction(a, words)}</li>
          ))}
          {others.map((role) =>
            actionsOf(b.next, role).map((a) => (
              <li key={actionKey(a)} className="muted">
                {capitalized(BOOKING_ROLE_NAMES[role])}: {describeBookingAction(a, words)}
              </li>
            )),
          )}
        </ul>
        {b.deadlines !== undefined && <DisputeDeadlinesList deadlines={b.deadlines} />}
        {side === "provider" &&
          b.connectionId !== 0n &&
          sharing &&
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
          {controls.buttons.map((c) => (
            <button
              key={c.id}
              type="button"
              disabled={tx.busy}
              onClick={() => void tx.run(c.label, (w) => c.send(w, id))}
            >
              {c.label}
            </button>
          ))}
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

/** A stable key for an action in a list (a role has each action once). */
const actionKey = (a: BookingAction) => `${a.by}:${a.id}`;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

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
