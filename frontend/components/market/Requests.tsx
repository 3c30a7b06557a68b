"use client";

import { useState } from "react";

import type { Attribute, MarketRequestView, OfferView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { ConfirmButton } from "@/components/Confirm";
import { Countdown } from "@/components/Countdown";
import { Field } from "@/components/Field";
import { ClassOptions } from "@/components/market/ClassOptions";
import { TxStatus } from "@/components/TxStatus";
import { MAX_UNIT_PRICE, parseDays } from "@/lib/fields";
import { sameAddress } from "@/lib/format";
import { ETH_TOKEN, formatAmount, parseAmount, parseCount, tokenOf, type TokenInfo } from "@/lib/market";
import { useTransaction } from "@/lib/tx";
import { useWeconet } from "@/lib/weconet";

/** An open request: the consumer accepts an answer; a provider answers with a fitting offer of theirs. */
export function RequestRow({
  request: r,
  myOffers,
  attributes,
  tokens,
  now,
}: {
  request: MarketRequestView;
  myOffers: readonly OfferView[];
  attributes: readonly Attribute[];
  tokens: readonly TokenInfo[] | undefined;
  now: number | undefined;
}) {
  const { account } = useWeconet();
  const tx = useTransaction();
  const [offer, setOffer] = useState("");
  const token = tokenOf(tokens, r.token);
  const mine = sameAddress(r.consumer, account);
  const fitting = myOffers.filter(
    (o) =>
      o.classId === r.classId &&
      sameAddress(o.token, r.token) &&
      o.unitPrice <= r.maxUnitPrice &&
      !r.answers.includes(o.id),
  );
  return (
    <li className="card" data-market-request={r.id.toString()}>
      <p>
        <strong>
          #{r.id.toString()}: {r.quantity.toString()} × {attributes.find((a) => a.id === r.classId)?.name ?? r.classId}
        </strong>{" "}
        at most {formatAmount(r.maxUnitPrice, token)} a unit, by <AccountName address={r.consumer} />, closes{" "}
        <Countdown at={r.deadline} now={now} />
      </p>
      <p className="small">
        Answers: {r.answers.length === 0 ? "none yet" : r.answers.map((a) => `offer #${a}`).join(", ")}
      </p>
      <div className="row">
        {mine &&
          r.answers.map((offerId) => (
            <button
              key={offerId.toString()}
              type="button"
              disabled={tx.busy}
              onClick={() => void tx.run("Accept answer", (w) => w.market.acceptAnswer({ requestId: r.id, offerId }))}
            >
              Accept offer #{offerId.toString()}
            </button>
          ))}
        {mine && (
          <ConfirmButton
            label="Withdraw request"
            question={
              <>Withdraw request #{r.id.toString()} for good? Its answers lapse; to ask again you post a new one.</>
            }
            confirmLabel="Withdraw the request"
            disabled={tx.busy}
            onConfirm={() => void tx.run("Withdraw request", (w) => w.market.cancelRequest({ requestId: r.id }))}
          />
        )}
        {!mine && fitting.length > 0 && (
          <>
            <label className="small" htmlFor={`answer-${r.id}`}>
              Answer with
            </label>
            <select
              id={`answer-${r.id}`}
              value={offer}
              onChange={(e) => setOffer(e.target.value)}
              style={{ width: "auto" }}
            >
              <option value="">one of my offers…</option>
              {fitting.map((o) => (
                <option key={o.id.toString()} value={o.id.toString()}>
                  offer #{o.id.toString()} ({formatAmount(o.unitPrice, token)})
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={tx.busy || offer === ""}
              onClick={() =>
                void tx.run("Answer", (w) => w.market.answerRequest({ requestId: r.id, offerId: BigInt(offer) }))
              }
            >
              Answer
            </button>
          </>
        )}
      </div>
      <TxStatus state={tx.state} />
    </li>
  );
}

/** A consumer posts what they need (in ETH): providers answer with their offers. */
export function PostRequestForm({ attributes }: { attributes: readonly Attribute[] }) {
  const tx = useTransaction();
  const [form, setForm] = useState({ class: "", quantity: "1", maxUnitPrice: "", days: "7", description: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (form.class === "") found.class = "Choose what you need.";
    const quantity = parseCount(form.quantity, "quantity");
    if (!quantity.ok) found.quantity = quantity.error;
    const price = parseAmount(form.maxUnitPrice, ETH_TOKEN, MAX_UNIT_PRICE);
    if (!price.ok) found.maxUnitPrice = price.error;
    const days = parseDays(form.days, "Enter for how many days it stays open (more than 0).");
    if (!days.ok) found.days = days.error;
    setErrors(found);
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (Object.keys(found).length > 0 || !quantity.ok || !price.ok || !days.ok) return tx.reset();
    void tx.run("Post request", (w) =>
      w.market.postRequest({
        class: Number(form.class),
        quantity: quantity.value,
        maxUnitPrice: price.value,
        duration: Number(days.value),
        ...(form.description.trim() === "" ? {} : { description: form.description.trim() }),
      }),
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="post-h">
      <h3 id="post-h">Post a request</h3>
      <div className="grid">
        <Field label="What you need" error={errors.class}>
          <select value={form.class} onChange={(e) => setForm({ ...form, class: e.target.value })}>
            <ClassOptions attributes={attributes} />
          </select>
        </Field>
        <Field label="Units" error={errors.quantity}>
          <input
            inputMode="numeric"
            value={form.quantity}
            onChange={(e) => setForm({ ...form, quantity: e.target.value })}
          />
        </Field>
        <Field label="At most (ETH a unit)" error={errors.maxUnitPrice}>
          <input
            inputMode="decimal"
            value={form.maxUnitPrice}
            onChange={(e) => setForm({ ...form, maxUnitPrice: e.target.value })}
          />
        </Field>
        <Field label="Open for (days)" error={errors.days}>
          <input inputMode="decimal" value={form.days} onChange={(e) => setForm({ ...form, days: e.target.value })} />
        </Field>
      </div>
      <Field label="Description (optional)" hint="Only its hash goes on-chain.">
        <input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" disabled={tx.busy}>
          Post request
        </button>
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
}
