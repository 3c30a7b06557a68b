/**
 * The off-chain documents a member points to from the chain: their profile (Membership.profileOf) and the
 * description of each of their resources (Resources.resource(id).metadata). Only a document's content hash goes
 * on-chain; the text lives in a data socket's documents (or anywhere content-addressed). Both are small JSON
 * objects with a `kind`, written with a fixed key order so that the same fields always give the same hash.
 */
import type { Hex } from "viem";

import { toContentHash } from "./codes.js";

/** A member's (or applicant's) profile: who they are, for the leader who admits them and the other members. */
export interface ProfileDocument {
  name: string;
  about: string;
  /** How to reach them (an e-mail address, a site): optional, and public like the rest. */
  contact?: string;
}

/** A resource's description: what it is, for consumers and the market's offers. */
export interface ResourceDocument {
  name: string;
  description: string;
}

export const PROFILE_KIND = "weconet/profile";
export const RESOURCE_KIND = "weconet/resource";

/** The most characters each field may have: documents are public and small (the socket takes ≤ 256 KiB). */
export const DOCUMENT_LIMITS = { name: 80, about: 2_000, contact: 200, description: 2_000 } as const;

type Check<T> =
  { ok: true; document: T; text: string; hash: Hex } | { ok: false; errors: Partial<Record<keyof T, string>> };

/** Control characters other than line breaks and tabs: never typed by a person, and they break display. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** What is wrong with a field's text, if anything (`what` names it in the sentence). */
function fieldProblem(text: string, what: string, max: number, required: boolean): string | undefined {
  const t = text.trim();
  if (t === "") return required ? `Enter ${what}.` : undefined;
  if (t.length > max) return `${capitalised(what)} has at most ${max} characters (this has ${t.length}).`;
  if (CONTROL.test(t)) return `${capitalised(what)} contains characters that cannot be shown.`;
  return undefined;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The canonical text of a profile document (its content hash is what goes on-chain). */
export function profileText(profile: ProfileDocument): string {
  const contact = profile.contact?.trim() ?? "";
  return JSON.stringify({
    kind: PROFILE_KIND,
    name: profile.name.trim(),
    about: profile.about.trim(),
    ...(contact === "" ? {} : { contact }),
  });
}

/** The canonical text of a resource document. */
export function resourceText(resource: ResourceDocument): string {
  return JSON.stringify({ kind: RESOURCE_KIND, name: resource.name.trim(), description: resource.description.trim() });
}

/** Checks a profile as typed (every field's problem in words) and gives its document, text and hash. */
export function checkProfile(draft: { name: string; about: string; contact?: string }): Check<ProfileDocument> {
  const errors: Partial<Record<keyof ProfileDocument, string>> = {};
  const name = fieldProblem(draft.name, "your name", DOCUMENT_LIMITS.name, true);
  if (name !== undefined) errors.name = name;
  const about = fieldProblem(draft.about, "a few words about you", DOCUMENT_LIMITS.about, true);
  if (about !== undefined) errors.about = about;
  const contact = fieldProblem(draft.contact ?? "", "a contact", DOCUMENT_LIMITS.contact, false);
  if (contact !== undefined) errors.contact = contact;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const contactText = draft.contact?.trim() ?? "";
  const document: ProfileDocument = {
    name: draft.name.trim(),
    about: draft.about.trim(),
    ...(contactText === "" ? {} : { contact: contactText }),
  };
  const text = profileText(document);
  return { ok: true, document, text, hash: toContentHash(text) };
}

/** Checks a resource description as typed and gives its document, text and hash. */
export function checkResource(draft: { name: string; description: string }): Check<ResourceDocument> {
  const errors: Partial<Record<keyof ResourceDocument, string>> = {};
  const name = fieldProblem(draft.name, "the resource's name", DOCUMENT_LIMITS.name, true);
  if (name !== undefined) errors.name = name;
  const description = fieldProblem(draft.description, "a description", DOCUMENT_LIMITS.description, true);
  if (description !== undefined) errors.description = description;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const document = { name: draft.name.trim(), description: draft.description.trim() };
  const text = resourceText(document);
  return { ok: true, document, text, hash: toContentHash(text) };
}

const stringField = (record: Record<string, unknown>, key: string): string | undefined =>
  typeof record[key] === "string" && record[key].trim() !== "" ? record[key].trim() : undefined;

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A profile document's fields from its text; a text that is not one (the demo's plain-text profiles, older ones)
 * is shown as its `about`, under no name.
 */
export function readProfile(text: string): ProfileDocument {
  const doc = jsonObject(text);
  const name = doc === undefined ? undefined : stringField(doc, "name");
  if (doc === undefined || name === undefined) return { name: "", about: text.trim() };
  const contact = stringField(doc, "contact");
  return { name, about: stringField(doc, "about") ?? "", ...(contact === undefined ? {} : { contact }) };
}

/** A resource document's fields from its text (plain text: the description, under no name). */
export function readResource(text: string): ResourceDocument {
  const doc = jsonObject(text);
  const name = doc === undefined ? undefined : (stringField(doc, "name") ?? stringField(doc, "title"));
  if (doc === undefined || name === undefined) return { name: "", description: text.trim() };
  return { name, description: stringField(doc, "description") ?? "" };
}
