import { isHex, keccak256, size, stringToHex, type Hex } from "viem";

import { bytes32ToText, WeconetError } from "./errors.js";

/** The namespace of the W3C Data Privacy Vocabulary (DPV), whose purpose terms Weconet's purpose codes are. */
export const DPV_NAMESPACE = "https://w3id.org/dpv#";

/** A purpose a connection, a request, an offer's data request or an application states: one DPV term. */
export interface Purpose {
  /** The DPV term, e.g. "DeliveryOfGoods" (written `dpv:DeliveryOfGoods`). */
  key: string;
  /** The term's IRI, e.g. "https://w3id.org/dpv#DeliveryOfGoods". */
  iri: string;
  /** A short name people read, e.g. "Delivery of goods". */
  label: string;
  /** What the data is used for, in a sentence the owner can judge. */
  description: string;
  /** The on-chain purpose code: `keccak256` of the IRI's UTF-8 bytes. */
  code: Hex;
  /** Whether the data serves to market or advertise to the owner: allowed, but always shown as such. */
  marketing: boolean;
}

/** The terms the product offers, in the order forms list them: what a community network uses data for. */
const TERMS: readonly Omit<Purpose, "iri" | "code">[] = [
  {
    key: "ServiceProvision",
    label: "Service provision",
    description: "To provide a service the owner asked for or uses.",
    marketing: false,
  },
  {
    key: "DeliveryOfGoods",
    label: "Delivery of goods",
    description: "To deliver goods to the owner, e.g. a booking's delivery address.",
    marketing: false,
  },
  {
    key: "PaymentManagement",
    label: "Payment management",
    description: "To process, settle or refund the owner's payments.",
    marketing: false,
  },
  {
    key: "CustomerCare",
    label: "Customer care",
    description: "To answer the owner's questions, complaints and requests for help.",
    marketing: false,
  },
  {
    key: "CommunicationManagement",
    label: "Communication management",
    description: "To get in touch with the owner about what they take part in.",
    marketing: false,
  },
  {
    key: "AccountManagement",
    label: "Account management",
    description: "To create, keep and close the owner's account with the recipient.",
    marketing: false,
  },
  {
    key: "MembersAndPartnersManagement",
    label: "Members and partners management",
    description: "To run the community: its members, partners and their roles.",
    marketing: false,
  },
  {
    key: "IdentityVerification",
    label: "Identity verification",
    description: "To check that the owner is who they say they are.",
    marketing: false,
  },
  {
    key: "DisputeManagement",
    label: "Dispute management",
    description: "To settle a dispute the owner is a party to, e.g. about a booking.",
    marketing: false,
  },
  {
    key: "FraudPreventionAndDetection",
    label: "Fraud prevention and detection",
    description: "To prevent and detect fraud against the owner, the recipient or the network.",
    marketing: false,
  },
  {
    key: "LegalCompliance",
    label: "Legal compliance",
    description: "To meet a legal obligation of the recipient (e.g. bookkeeping, tax).",
    marketing: false,
  },
  {
    key: "ResearchAndDevelopment",
    label: "Research and development",
    description: "To research and build new or better products and services.",
    marketing: false,
  },
  {
    key: "Personalisation",
    label: "Personalisation",
    description: "To tailor what the owner sees or receives to them.",
    marketing: false,
  },
  {
    key: "Marketing",
    label: "Marketing",
    description: "To market or advertise products and services to the owner.",
    marketing: true,
  },
];

/** Every purpose the product offers (W3C DPV terms), with its on-chain code. */
export const PURPOSES: readonly Purpose[] = TERMS.map((t) => {
  const iri = DPV_NAMESPACE + t.key;
  return { ...t, iri, code: keccak256(stringToHex(iri)) };
});

const BY_KEY = new Map(PURPOSES.map((p) => [p.key.toLowerCase(), p]));
const BY_CODE = new Map(PURPOSES.map((p) => [p.code, p]));

/** The purpose with on-chain code `code`, or undefined when it is none of {@link PURPOSES}. */
export function purposeOf(code: Hex): Purpose | undefined {
  return BY_CODE.get(code.toLowerCase() as Hex);
}

/**
 * The on-chain code of a purpose, from what a person or a program writes: a DPV term of {@link PURPOSES} as
 * "dpv:DeliveryOfGoods", "DeliveryOfGoods" (either in any letter case) or its IRI, or a 32-byte hex code as it
 * is (another vocabulary's term, hashed the same way). Anything else is refused with the terms to choose from.
 */
export function purposeCode(input: string): Hex {
  const text = input.trim();
  if (isHex(text) && size(text) === 32) return text.toLowerCase() as Hex;
  const term = text.startsWith(DPV_NAMESPACE)
    ? text.slice(DPV_NAMESPACE.length)
    : /^dpv:/i.test(text)
      ? text.slice(4)
      : text;
  const purpose = BY_KEY.get(term.toLowerCase());
  if (purpose !== undefined) return purpose.code;
  const offered = PURPOSES.map((p) => `dpv:${p.key}`).join(", ");
  throw new WeconetError(
    `unknown purpose "${input}": name a W3C DPV purpose the network offers (${offered}), or give a purpose code as 32-byte hex (keccak256 of a vocabulary term's IRI)`,
  );
}

/**
 * A purpose code as people read it: the DPV label when the code is one of {@link PURPOSES}, the text of an
 * older short code (e.g. "courier-delivery"), else null (a code of a term the product does not know).
 */
export function purposeText(code: Hex): string | null {
  const purpose = purposeOf(code);
  if (purpose !== undefined) return purpose.label;
  const text = bytes32ToText(code);
  return text === code || text === "" ? null : text;
}

/**
 * A purpose code in one line for logs and the audit trail: "Delivery of goods (dpv:DeliveryOfGoods)", an older
 * short code's text, or the hex itself.
 */
export function describePurpose(code: Hex): string {
  const purpose = purposeOf(code);
  if (purpose !== undefined) return `${purpose.label} (dpv:${purpose.key})`;
  return purposeText(code) ?? code;
}
