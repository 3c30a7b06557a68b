import { isAddress, type Address } from "viem";

import { NUMBERS, type ApplicationDescription, type Attribute } from "@weconet/sdk";

import { attributeSetProblem } from "./attributes";
import { checkPurpose } from "./purpose";

/** The form to register or update an application, as typed. */
export interface ApplicationDraft {
  account: string;
  name: string;
  metadataURI: string;
  attributes: readonly number[];
  /** The purpose code the picker chose ("" for none yet). */
  purpose: string;
}

export type ApplicationErrors = Partial<Record<keyof ApplicationDraft, string>>;

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** The registry's limits (`Applications.MAX_NAME_LENGTH`, `MAX_METADATA_URI_LENGTH`), in bytes. */
const MAX_NAME = Number(NUMBERS.Applications.MAX_NAME_LENGTH);
const MAX_URI = Number(NUMBERS.Applications.MAX_METADATA_URI_LENGTH);

/**
 * Checks an application's description before anything is sent (the registry's own limits: a name of 1–64 bytes, a
 * metadata URI of 1–256 bytes, person attributes, a W3C DPV purpose, an account that is not the developer's own), and
 * gives the SDK's description.
 */
export function checkApplication(
  draft: ApplicationDraft,
  context: { me: Address | undefined; attributes: readonly Attribute[] },
): { description?: ApplicationDescription; errors: ApplicationErrors } {
  const errors: ApplicationErrors = {};
  const account = draft.account.trim();
  if (!isAddress(account))
    errors.account = "Enter the application's account: the address its back end signs with (0x…).";
  else if (context.me !== undefined && account.toLowerCase() === context.me.toLowerCase()) {
    errors.account = "Use the application's own account, not yours.";
  }
  const name = draft.name.trim();
  if (bytes(name) === 0 || bytes(name) > MAX_NAME) errors.name = `A name of 1 to ${MAX_NAME} bytes.`;
  const uri = draft.metadataURI.trim();
  if (bytes(uri) === 0 || bytes(uri) > MAX_URI) {
    errors.metadataURI = `Where its description, terms and privacy statement are (1 to ${MAX_URI} bytes).`;
  }
  const attributeProblem = attributeSetProblem(draft.attributes, context.attributes);
  if (attributeProblem === "empty") errors.attributes = "Choose the attributes it will ask members for.";
  if (attributeProblem === "unusable") errors.attributes = "Only active person attributes.";
  const purpose = checkPurpose(draft.purpose);
  if (purpose.problem !== undefined) errors.purpose = purpose.problem;
  if (Object.keys(errors).length > 0 || purpose.code === undefined) return { errors };
  return {
    description: {
      account: account as Address,
      name,
      metadataURI: uri,
      attributes: [...draft.attributes].sort((a, b) => a - b),
      purpose: purpose.code,
    },
    errors,
  };
}
