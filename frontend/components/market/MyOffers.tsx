"use client";

import { useState } from "react";
import type { Attribute, ResourceView } from "@weconet/sdk";

import { ConfirmButton } from "@/components/Confirm";
import { SignIn } from "@/components/data/SignIn";
import { SocketStatus } from "@/components/data/SocketStatus";
import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { useChainNow } from "@/lib/clock";
import { formatAmount, parseAmount, parseCount, tokenOf } from "@/lib/market";
import { checkOffer, type OfferDraft } from "@/lib/offer-draft";
import { useSocket } from "@/lib/socket";
import { useSocketAction } from "@/lib/socket-action";
import { useTransaction } from "@/lib/tx";

import { OfferDetails, type OfferProps } from "./Offers";

const EMPTY: OfferDraft = { resourceId: "", unitPrice: "", capacity: "", days: "", description: "" };

/** A provider lists an offer for one of their resources (priced in ETH). */
export function ListOfferForm({
  resources,
  attributes,
}: {
  resources: readonly ResourceView[];
  attributes: readonly Attribute[];
}) {
  const tx = useTransaction();
  const now = useChainNow();
  // The description goes to my data socket's documents (the chain keeps its hash), where consumers read it.
  const socket = useSocket();
  const publish = useSocketAction(() => void socket.signOut());
  const [draft, setDraft] = useState<OfferDraft>(EMPTY);
  const [showErrors, setShowErrors] = useState(false);
  const set = (patch: Partial<OfferDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { listing, errors } = checkOffer(draft, now);
  const shown = showErrors ? errors : {};
  const nameOf = (id: number) => attributes.find((a) => a.id === id)?.name ?? `#${id}`;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (listing === undefined) return tx.reset();
    const session = socket.session;
    if (session !== undefined) {
      const published = await publish.run(
        "Publish the description",
        () => session.documents.put(listing.document),
        () => "published in the data socket.",
      );
      if (published === undefined) return;
    }
    const sent = await tx.run("List offer", (w) => w.market.listOffer(listing));
    if (sent !== undefined) {
      setDraft(EMPTY);
      setShowErrors(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="list-offer-form" aria-labelledby="list-h">
      <h3 id="list-h">List an offer</h3>
      <Field label="Resource" hint="The offer takes the resource's class." error={shown.resourceId}>
        <select value={draft.resourceId} onChange={(e) => set({ resourceId: e.target.value })}>
          <option value="">Choose one of your resources…</option>
          {resources.map((r) => (
            <option key={r.id.toString()} value={r.id.toString()}>
              #{r.id.toString()} {nameOf(r.classId)}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid">
        <Field label="Price a unit (ETH)" error={shown.unitPrice}>
          <input inputMode="decimal" value={draft.unitPrice} onChange={(e) => set({ unitPrice: e.target.value })} />
        </Field>
        <Field label="Units on offer" error={shown.capacity}>
          <input inputMode="numeric" value={draft.capacity} onChange={(e) => set({ capacity: e.target.value })} />
        </Field>
        <Field label="Bookable for (days, optional)" error={shown.days}>
          <input inputMode="decimal" value={draft.days} onChange={(e) => set({ days: e.target.value })} />
        </Field>
      </div>
      <Field
        label="Description"
        hint="The offer document: its hash goes on-chain, never personal data."
        error={shown.description}
      >
        <textarea rows={2} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
      {socket.session === undefined && (
        <SignIn socket={socket} why="Consumers read the description from your data socket: publish it there." />
      )}
      <SocketStatus state={publish.state} />
      <div className="row">
        <button type="submit" disabled={tx.busy}>
          List offer
        </button>
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
}

/** One of my offers: details, pause/resume/close, a new price or capacity. */
export function MyOfferRow({ offer: o, attributes, tokens }: OfferProps) {
  const tx = useTransaction();
  const token = tokenOf(tokens, o.token);
  const [price, setPrice] = useState("");
  const [capacity, setCapacity] = useState("");
  const [error, setError] = useState<string>();
  const update = (e: React.FormEvent) => {
    e.preventDefault();
    const p = price.trim() === "" ? undefined : parseAmount(price, token);
    const c = capacity.trim() === "" ? undefined : parseCount(capacity, "capacity");
    const problem =
      p === undefined && c === undefined
        ? "Enter a new price or capacity."
        : p?.ok === false
          ? p.error
          : c?.ok === false
            ? c.error
            : undefined;
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (problem !== undefined) {
      tx.reset();
      return setError(problem);
    }
    setError(undefined);
    void tx.run("Update offer", (w) =>
      w.market.updateOffer({
        offerId: o.id,
        ...(p?.ok === true ? { unitPrice: p.value } : {}),
        ...(c?.ok === true ? { capacity: c.value } : {}),
      }),
    );
  };
  return (
    <li className="card" data-my-offer={o.id.toString()}>
      <div className="row">
        <strong>Offer #{o.id.toString()}</strong>
        <span className={`badge status-${o.status === "active" ? "active" : "suspended"}`}>{o.status}</span>
        <span>
          {formatAmount(o.unitPrice, token)} a unit · {o.remaining.toString()} left
        </span>
      </div>
      <details>
        <summary>Details</summary>
        <OfferDetails offer={o} attributes={attributes} tokens={tokens} />
      </details>
      {o.status !== "closed" && (
        <>
          <div className="row">
            <button
              type="button"
              className="secondary"
              disabled={tx.busy}
              onClick={() =>
                void (o.status === "paused"
                  ? tx.run("Resume offer", (w) => w.market.resumeOffer({ offerId: o.id }))
                  : tx.run("Pause offer", (w) => w.market.pauseOffer({ offerId: o.id })))
              }
            >
              {o.status === "paused" ? "Resume" : "Pause"}
            </button>
            <ConfirmButton
              label="Close for good"
              tone="danger"
              question={
                <>
                  Close offer #{o.id.toString()} for good? Nobody can book it again and it cannot be reopened (pause it
                  instead to stop bookings for a while). Bookings already made go on.
                </>
              }
              confirmLabel="Close the offer"
              disabled={tx.busy}
              onConfirm={() => void tx.run("Close offer", (w) => w.market.closeOffer({ offerId: o.id }))}
            />
          </div>
          <form className="row" onSubmit={update} noValidate aria-label={`Update offer ${o.id}`}>
            <Field label={`New price (${token.symbol})`}>
              <input
                inputMode="decimal"
                value={price}
                onChange={(e) => setPrice(e.target.value)}
                style={{ width: "8rem" }}
              />
            </Field>
            <Field label="New capacity">
              <input
                inputMode="numeric"
                value={capacity}
                onChange={(e) => setCapacity(e.target.value)}
                style={{ width: "6rem" }}
              />
            </Field>
            <button type="submit" className="secondary" disabled={tx.busy}>
              Update
            </button>
            {error !== undefined && (
              <span className="error" role="alert">
                {error}
              </span>
            )}
          </form>
        </>
      )}
      <TxStatus state={tx.state} />
    </li>
  );
}
