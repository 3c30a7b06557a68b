"use client";

import { useState } from "react";

import type { Attribute, OfferView } from "@weconet/sdk";

import { attributeNames } from "@/lib/attributes";
import { Field } from "@/components/Field";
import { PurposeName } from "@/components/PurposeName";
import { TxStatus } from "@/components/TxStatus";
import { PersonName } from "@/components/membership/Profile";
import { asksForData, checkBooking, type BookingDraft } from "@/lib/booking";
import { formatDuration, sameAddress } from "@/lib/format";
import { formatAmount, units, type TokenInfo } from "@/lib/market";
import { useTransaction } from "@/lib/tx";
import { useWeconet } from "@/lib/weconet";

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
