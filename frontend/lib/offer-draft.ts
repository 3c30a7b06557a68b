import { ETH_TOKEN, parseAmount, parseCount } from "@weconet/sdk";

import { MAX_UNIT_PRICE, parseDays } from "./fields";

/** The form to list an offer, as typed. */
export interface OfferDraft {
  resourceId: string;
  unitPrice: string;
  capacity: string;
  /** Days it stays bookable; empty for no end. */
  days: string;
  description: string;
}

export type OfferErrors = Partial<Record<keyof OfferDraft, string>>;

/** Checks an offer before anything is sent and gives the SDK's listing (prices in ETH). */
export function checkOffer(draft: OfferDraft, now: number | undefined) {
  const errors: OfferErrors = {};
  if (!/^\d+$/.test(draft.resourceId)) errors.resourceId = "Choose one of your resources.";
  const price = parseAmount(draft.unitPrice, ETH_TOKEN, MAX_UNIT_PRICE);
  if (!price.ok) errors.unitPrice = price.error;
  const capacity = parseCount(draft.capacity, "capacity");
  if (!capacity.ok) errors.capacity = capacity.error;
  const noDays = "Leave empty for no end, or enter how many days it stays bookable.";
  const days = draft.days.trim() === "" ? undefined : parseDays(draft.days, noDays);
  if (days?.ok === false) errors.days = days.error === noDays ? noDays : `${days.error} Leave empty for no end.`;
  if (draft.description.trim() === "") {
    errors.description = "Describe the offer: only the document's hash goes on-chain.";
  }
  if (!price.ok || !capacity.ok || days?.ok === false || Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    listing: {
      resourceId: BigInt(draft.resourceId),
      unitPrice: price.value,
      capacity: capacity.value,
      ...(days === undefined || now === undefined ? {} : { validUntil: now + Number(days.value) }),
      document: draft.description.trim(),
    },
  };
}
