"use client";

import { useState } from "react";
import { zeroAddress, type Address } from "viem";

import type { Attribute, MatchRequest } from "@weconet/sdk";

import { Field } from "@/components/Field";
import { ClassOptions } from "@/components/market/ClassOptions";
import { Query } from "@/components/Query";
import { ETH_TOKEN, parseAmount, parseCount, tokenOf, type TokenInfo } from "@/lib/market";
import { useWeconetRead } from "@/lib/weconet";

import { MatchCard } from "./Offers";

/** How many offers fit and how many were left out, in words. */
export function matchCount(fit: number, left: number): string {
  const fits = fit === 0 ? "No offer fits" : fit === 1 ? "1 offer fits" : `${fit} offers fit, best first`;
  return left === 0 ? `${fits}.` : `${fits}; ${left} left out (see why below).`;
}

/** Search the market with the SDK's matcher: a class (its subclasses fit too), how many, the most per unit. */
export function Search({ attributes, tokens }: { attributes: readonly Attribute[]; tokens: readonly TokenInfo[] }) {
  const [form, setForm] = useState({ class: "", quantity: "1", maxUnitPrice: "", token: zeroAddress as string });
  const [request, setRequest] = useState<MatchRequest>();
  const [errors, setErrors] = useState<Partial<Record<"class" | "quantity" | "maxUnitPrice", string>>>({});
  const token = tokenOf(tokens, form.token as Address);
  const result = useWeconetRead("match", request === undefined ? undefined : [request]);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (form.class === "") found.class = "Choose what you need.";
    const quantity = parseCount(form.quantity, "quantity");
    if (!quantity.ok) found.quantity = quantity.error;
    const price = parseAmount(form.maxUnitPrice, token);
    if (!price.ok) found.maxUnitPrice = price.error;
    setErrors(found);
    if (Object.keys(found).length > 0 || !quantity.ok || !price.ok) return;
    setRequest({
      class: Number(form.class),
      quantity: quantity.value,
      maxUnitPrice: price.value,
      token: token.address,
    });
  };
  const nameOf = (id: number) => attributes.find((a) => a.id === id)?.name ?? `#${id}`;
  return (
    <section className="card" aria-labelledby="search-h">
      <h2 id="search-h">Find an offer</h2>
      <form onSubmit={submit} noValidate data-testid="search-form">
        <div className="grid">
          <Field label="What do you need?" hint="A broader class finds its narrower ones too." error={errors.class}>
            <select value={form.class} onChange={(e) => setForm({ ...form, class: e.target.value })}>
              <ClassOptions attributes={attributes} />
            </select>
          </Field>
          <Field label="How many units" error={errors.quantity}>
            <input
              inputMode="numeric"
              value={form.quantity}
              onChange={(e) => setForm({ ...form, quantity: e.target.value })}
            />
          </Field>
          <Field label="Pay in">
            <select value={form.token} onChange={(e) => setForm({ ...form, token: e.target.value })}>
              {[ETH_TOKEN, ...tokens.filter((t) => t.address !== zeroAddress)].map((t) => (
                <option key={t.address} value={t.address}>
                  {t.symbol}
                </option>
              ))}
            </select>
          </Field>
          <Field label={`At most (${token.symbol} a unit)`} error={errors.maxUnitPrice}>
            <input
              inputMode="decimal"
              value={form.maxUnitPrice}
              onChange={(e) => setForm({ ...form, maxUnitPrice: e.target.value })}
            />
          </Field>
        </div>
        <div className="row">
          <button type="submit">Search</button>
        </div>
      </form>
      {request !== undefined && (
        <Query result={result} what="the matching offers">
          {(outcome) =>
            outcome === null ? null : (
              <>
                <p className="small muted" aria-live="polite" data-testid="match-count">
                  {matchCount(outcome.ranked.length, outcome.excluded.length)}
                </p>
                <ul className="plain" data-testid="matches">
                  {outcome.ranked.map((m) => (
                    <MatchCard
                      key={m.offer.id.toString()}
                      match={m}
                      quantity={BigInt(request.quantity)}
                      attributes={attributes}
                      tokens={tokens}
                      className={nameOf(m.offer.classId)}
                    />
                  ))}
                </ul>
                {outcome.excluded.length > 0 && (
                  <details>
                    <summary>Left out ({outcome.excluded.length})</summary>
                    <ul className="small">
                      {outcome.excluded.map((x) => (
                        <li key={x.offer.id.toString()}>
                          Offer #{x.offer.id.toString()} ({nameOf(x.offer.classId)}): {x.reasons.join("; ")}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </>
            )
          }
        </Query>
      )}
    </section>
  );
}
