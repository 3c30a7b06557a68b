"use client";

import { useState } from "react";

import type { Attribute, Match, OfferView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { attributeNames } from "@/components/connections/Lists";
import { Field } from "@/components/Field";
import { OfferDescription, OfferTitle } from "@/components/market/OfferDocument";
import { PurposeName } from "@/components/PurposeName";
import { TxStatus } from "@/components/TxStatus";
import { PersonName } from "@/components/membership/Profile";
import { asksForData, checkBooking, type BookingDraft } from "@/lib/booking";
import { formatDuration, formatTime, sameAddress } from "@/lib/format";
import { formatAmount, tokenOf, type TokenInfo } from "@/lib/market";
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

/** "1 unit", "3 units" */
const units = (n: bigint) => `${n} unit${n === 1n ? "" : "s"}`;

/** What booking `offer` shares, with whom, for what and how long: the consent the booking asks for. */
function Consent({
  offer: o,
  attributes,
  agreed,
  error,
  onChange,
}: {
  offer: OfferView;
  attributes: readonly Attribute[];
  agreed: boolean;
  error: string | undefined;
  onChange: (agreed: boolean) => void;
}) {
  return (
    <fieldset className="consent" data-testid="consent">
      <legend>This booking shares your data</legend>
      <dl className="small">
        <dt>What</dt>
        <dd data-testid="consent-what">{attributeNames(o.dataRequest.attributeIds, attributes)}</dd>
        <dt>With</dt>
        <dd data-testid="consent-with">
          <PersonName address={o.provider} />, the provider
        </dd>
        <dt>For</dt>
        <dd data-testid="consent-purpose">
          <PurposeName code={o.dataRequest.purpose} />
        </dd>
        <dt>How long</dt>
        <dd data-testid="consent-duration">
          {formatDuration(o.dataRequest.duration)} from booking, closed earlier when the booking settles
        </dd>
      </dl>
      <Field label="I agree to share this data with the provider for this purpose and time" error={error}>
        <input type="checkbox" checked={agreed} onChange={(e) => onChange(e.target.checked)} />
      </Field>
    </fieldset>
  );
}

/**
 * Book units of an offer: the price is escrowed until the booking settles. The quantity starts at what was
 * searched for; an offer that asks for data shows what the booking shares and needs the consumer's consent.
 */
export function BookForm({
  offer: o,
  token,
  attributes,
  quantity: searched,
}: {
  offer: OfferView;
  token: TokenInfo;
  attributes: readonly Attribute[];
  quantity?: bigint;
}) {
  const { account } = useWeconet();
  const tx = useTransaction();
  const [draft, setDraft] = useState<BookingDraft>({ quantity: String(searched ?? 1n), consent: false });
  const [showErrors, setShowErrors] = useState(false);
  if (account === undefined) return <p className="muted small">Connect a wallet to book.</p>;
  if (sameAddress(o.provider, account)) return <p className="muted small">This is your own offer.</p>;
  const checked = checkBooking(o, draft);
  const errors = showErrors ? checked.errors : {};
  const set = (patch: Partial<BookingDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    tx.reset();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    const { ready } = checked;
    if (ready === undefined) return;
    void tx.run("Book", (w) => w.market.book({ offerId: o.id, ...ready }));
  };
  return (
    <form className="book" onSubmit={submit} noValidate aria-label={`Book offer ${o.id}`} data-testid="book-form">
      <Field label="Units" error={errors.quantity}>
        <input
          inputMode="numeric"
          value={draft.quantity}
          onChange={(e) => set({ quantity: e.target.value })}
          style={{ width: "6rem" }}
        />
      </Field>
      {asksForData(o) && (
        <Consent
          offer={o}
          attributes={attributes}
          agreed={draft.consent}
          error={errors.consent}
          onChange={(consent) => set({ consent })}
        />
      )}
      <div className="row">
        <button type="submit" disabled={!o.bookable || tx.busy}>
          {checked.quantity === undefined || checked.total === undefined
            ? "Book"
            : `Book ${units(checked.quantity)} for ${formatAmount(checked.total, token)}`}
        </button>
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
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
      <BookForm key={quantity.toString()} offer={m.offer} token={token} attributes={attributes} quantity={quantity} />
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
      <BookForm offer={o} token={token} attributes={attributes} />
    </li>
  );
}
