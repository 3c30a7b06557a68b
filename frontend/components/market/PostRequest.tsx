"use client";

import { useState } from "react";

import type { Attribute } from "@weconet/sdk";

import { Field } from "@/components/Field";
import { ClassOptions } from "@/components/market/ClassOptions";
import { TxStatus } from "@/components/TxStatus";
import { MAX_UNIT_PRICE, parseDays } from "@/lib/fields";
import { ETH_TOKEN, parseAmount, parseCount } from "@/lib/market";
import { useTransaction } from "@/lib/tx";

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
