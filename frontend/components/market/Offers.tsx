"use client";

import { useState } from "react";

import type { Attribute, Match, OfferView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { attributeNames } from "@/components/connections/Lists";
import { Field } from "@/components/Field";
import { OfferDescription, OfferTitle } from "@/components/market/OfferDocument";
import { PurposeName } from "@/components/PurposeName";
import { TxStatus } from "@/components/TxStatus";
import { formatDuration, formatTime, sameAddress } from "@/lib/format";
import { formatAmount, parseCount, tokenOf, type TokenInfo } from "@/lib/market";
import { useTransaction } from "@/lib/tx";
import { useWeconet } from "@/lib/weconet";

/** An offer shown with the taxonomy (for its class and data request) and the known tokens (for its price). */
export interface OfferProps {
  offer: OfferView;
  attributes: readonly Attribute[];
  tokens: readonly TokenInfo[] | undefined;
}

/** An offer's details: what, from whom, at what price, how many left, until when, what a booking shares. */
export function OfferDetails({ offer: o, attributes, tokens }: OfferProps) {
  const token = tokenOf(tokens, o.token);
  return (
    <dl className="small">
      <dt>Provider</dt>
      <dd>
        <AccountName address={o.provider} /> (resource #{o.resourceId.toString()})
      </dd>
      <dt>Price</dt>
      <dd>{formatAmount(o.unitPrice, token)} a unit</dd>
      <dt>Available</dt>
      <dd>
        {o.remaining.toString()} of {o.capacity.toString()} units
        {o.validUntil > 0 && `, until ${formatTime(o.validUntil)}`}
        {o.status !== "active" && ` — ${o.status}`}
      </dd>
      <dt>A booking shares</dt>
      <dd>
        {o.dataRequest.attributeIds.length === 0 ? (
          "nothing"
        ) : (
          <>
            {attributeNames(o.dataRequest.attributeIds, attributes)}, purpose{" "}
            <PurposeName code={o.dataRequest.purpose} />, for {formatDuration(o.dataRequest.duration)} (closed when the
            booking settles)
          </>
        )}
      </dd>
      <dt>Offer document (hash)</dt>
      <dd>
        <code>{o.metadata}</code>
      </dd>
    </dl>
  );
}

/** Book units of an offer: the price is escrowed until the booking settles. */
export function BookForm({ offer: o, token }: { offer: OfferView; token: TokenInfo }) {
  const { account } = useWeconet();
  const tx = useTransaction();
  const [quantity, setQuantity] = useState("1");
  const [error, setError] = useState<string>();
  if (account === undefined) return <p className="muted small">Connect a wallet to book.</p>;
  if (sameAddress(o.provider, account)) return <p className="muted small">This is your own offer.</p>;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = parseCount(quantity, "quantity");
    if (!parsed.ok) return setError(parsed.error);
    if (parsed.value > o.remaining) return setError(`Only ${o.remaining} units are left.`);
    setError(undefined);
    void tx.run("Book", (w) => w.market.book({ offerId: o.id, quantity: parsed.value }));
  };
  const parsed = parseCount(quantity, "quantity");
  return (
    <form className="row" onSubmit={submit} noValidate aria-label={`Book offer ${o.id}`}>
      <Field label="Units" error={error}>
        <input
          inputMode="numeric"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          style={{ width: "6rem" }}
        />
      </Field>
      <button type="submit" disabled={!o.bookable || tx.busy}>
        Book{parsed.ok ? ` for ${formatAmount(o.unitPrice * parsed.value, token)}` : ""}
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

/** A ranked offer from the matcher: score, the reasons, details and booking. */
export function MatchCard({
  match: m,
  attributes,
  tokens,
  className,
}: {
  match: Match;
  attributes: readonly Attribute[];
  tokens: readonly TokenInfo[] | undefined;
  className: string;
}) {
  const token = tokenOf(tokens, m.offer.token);
  return (
    <li className="card" data-offer={m.offer.id.toString()}>
      <div className="row">
        <strong>
          Offer #{m.offer.id.toString()}:{" "}
          <OfferTitle provider={m.offer.provider} hash={m.offer.metadata} fallback={className} />
        </strong>
        <span className="badge">fit {Math.round(m.score * 100)}%</span>
        <span>
          {formatAmount(m.offer.unitPrice, token)} a unit · total {formatAmount(m.total, token)}
        </span>
      </div>
      <ul className="small muted">
        {m.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <details>
        <summary>Offer details</summary>
        <OfferDetails offer={m.offer} attributes={attributes} tokens={tokens} />
      </details>
      <BookForm offer={m.offer} token={token} />
    </li>
  );
}

/** A live offer in the market's list: class, price, what is left, details and booking. */
export function OfferCard({ offer: o, attributes, tokens }: OfferProps) {
  const token = tokenOf(tokens, o.token);
  return (
    <li className="card" data-offer={o.id.toString()}>
      <div className="row">
        <strong>
          Offer #{o.id.toString()}:{" "}
          <OfferTitle
            provider={o.provider}
            hash={o.metadata}
            fallback={attributes.find((a) => a.id === o.classId)?.name ?? `class ${o.classId}`}
          />
        </strong>
        <span>
          {formatAmount(o.unitPrice, token)} a unit · {o.remaining.toString()} left
        </span>
      </div>
      <OfferDescription provider={o.provider} hash={o.metadata} />
      <details>
        <summary>Offer details</summary>
        <OfferDetails offer={o} attributes={attributes} tokens={tokens} />
      </details>
      <BookForm offer={o} token={token} />
    </li>
  );
}
