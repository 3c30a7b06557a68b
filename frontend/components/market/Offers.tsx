"use client";

import dynamic from "next/dynamic";

import type { Attribute, Match, OfferView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { attributeNames } from "@/lib/attributes";
import { OfferDescription, OfferTitle } from "@/components/market/OfferDocument";
import { PurposeName } from "@/components/PurposeName";
import { formatDuration, formatTime } from "@/lib/format";
import { formatAmount, tokenOf, units, type TokenInfo } from "@/lib/market";
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

// The booking form (and its consent step) is loaded once a wallet is connected: a first visit does not carry it.
const BookForm = dynamic(() => import("@/components/market/BookForm").then((m) => m.BookForm), {
  ssr: false,
  loading: () => <p className="muted small">Opening the booking form…</p>,
});

/** Booking `offer`: the form for a connected wallet, else what to do first. */
function Book(props: { offer: OfferView; token: TokenInfo; attributes: readonly Attribute[]; quantity?: bigint }) {
  const { account } = useWeconet();
  if (account === undefined) return <p className="muted small">Connect a wallet to book.</p>;
  return <BookForm {...props} />;
}

/** A ranked offer from the matcher: how well it fits in words, why, the total for the quantity searched, booking. */
export function MatchCard({
  match: m,
  quantity,
  attributes,
  tokens,
  className,
}: {
  match: Match;
  quantity: bigint;
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
        <span className="badge" data-testid="match-verdict">
          {m.verdict}
        </span>
        <span data-testid="match-total">
          {formatAmount(m.offer.unitPrice, token)} a unit · {formatAmount(m.total, token)} for {units(quantity)}
        </span>
      </div>
      <ul className="small muted" data-testid="match-why">
        {m.explanation.slice(1).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <details>
        <summary>Offer details</summary>
        <OfferDetails offer={m.offer} attributes={attributes} tokens={tokens} />
      </details>
      <Book key={quantity.toString()} offer={m.offer} token={token} attributes={attributes} quantity={quantity} />
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
      <Book offer={o} token={token} attributes={attributes} />
    </li>
  );
}
