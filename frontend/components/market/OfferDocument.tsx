"use client";

import type { Address, Hex } from "viem";

import { messageOf } from "@/lib/message";
import { offerTextOf } from "@/lib/market";
import { useDocument, useSocket } from "@/lib/socket";

/** An offer's document from its provider's data socket (verified against the hash the chain holds). */
export function useOfferText(provider: Address, hash: Hex) {
  const socket = useSocket(provider);
  const doc = useDocument(socket.client, hash);
  return { text: doc.data === undefined ? undefined : offerTextOf(doc.data), error: doc.error, loading: doc.isLoading };
}

/** The offer's title from its document, or its class while the document is unknown. */
export function OfferTitle({ provider, hash, fallback }: { provider: Address; hash: Hex; fallback: string }) {
  const { text } = useOfferText(provider, hash);
  return <span data-testid="offer-title">{text?.title ?? fallback}</span>;
}

/** The offer's description and attribute values from its document, or why they cannot be shown. */
export function OfferDescription({ provider, hash }: { provider: Address; hash: Hex }) {
  const { text, error, loading } = useOfferText(provider, hash);
  if (loading) return <p className="muted small">Reading the offer document…</p>;
  if (text === undefined) {
    return (
      <p className="muted small">
        The offer document is not in the data socket{error === null ? "" : ` (${messageOf(error)})`}.
      </p>
    );
  }
  const entries = Object.entries(text.attributes);
  return (
    <div className="small" data-testid="offer-description">
      {text.description !== undefined && <p>{text.description}</p>}
      {entries.length > 0 && (
        <p className="muted">
          {entries
            .map(([name, value]) => `${name}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
            .join(" · ")}
        </p>
      )}
    </div>
  );
}
