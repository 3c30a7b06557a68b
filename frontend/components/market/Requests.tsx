"use client";

import { useState } from "react";

import type { Attribute, MarketRequestView, OfferView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { ConfirmButton } from "@/components/Confirm";
import { Countdown } from "@/components/Countdown";
import { TxStatus } from "@/components/TxStatus";
import { sameAddress } from "@/lib/format";
import { formatAmount, tokenOf, type TokenInfo } from "@/lib/market";
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
