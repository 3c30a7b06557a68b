import type { Address, Hex, LocalAccount } from "viem";

import { accountOf, chainTime, send, signerOf, type Sent, type WeconetContext } from "../client.js";
import { toBytes32Code } from "../codes.js";
import { purposeCode } from "../purposes.js";
import { WeconetError } from "../errors.js";
import { TYPED_DATA } from "../vocabulary.js";
import { attributeSetOf } from "../reads/taxonomy.js";
import type { AttributeRef, Moment } from "./access.js";

/** What an application asks members for, and how it presents itself. */
export interface ApplicationDescription {
  /** The address the application's back end signs data-socket requests with (not a member's, not the developer's). */
  account: Address;
  /** Its name (1 to `Applications.MAX_NAME_LENGTH` bytes). */
  name: string;
  /** Where its description, terms and privacy statement are (1 to `Applications.MAX_METADATA_URI_LENGTH` bytes). */
  metadataURI: string;
  /** The person attributes it asks members for (ids or names; sorted by the SDK). */
  attributes: readonly AttributeRef[];
  /** The purpose it asks them for: a W3C DPV purpose of `PURPOSES` or a purpose code as 32-byte hex (see `purposeCode`). */
  purpose: Hex | string;
}

/** The EIP-712 type an application account signs to consent to its registration (`REGISTRATION_TYPEHASH`). */
export const REGISTRATION_TYPES = TYPED_DATA.Applications.REGISTRATION_TYPEHASH.types;

/**
 * An application account's consent to being registered by `developer` (EIP-712 type `Registration`, domain
 * "Weconet Applications" version "1"): the account signs, the developer submits it with the registration.
 */
export interface RegistrationConsent {
  account: Address;
  developer: Address;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}

/** A registration consent as text (JSON, numbers as decimal strings): how the account hands it to the developer. */
export function encodeRegistrationConsent(c: RegistrationConsent): string {
  return JSON.stringify({ ...c, nonce: c.nonce.toString(), deadline: c.deadline.toString() });
}

const isHex = (v: unknown): v is Hex => typeof v === "string" && /^0x[0-9a-fA-F]*$/.test(v);

/** Reads a registration consent written by {@link encodeRegistrationConsent}; a readable error when malformed. */
export function parseRegistrationConsent(text: string): RegistrationConsent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WeconetError("the application account's consent is not valid JSON");
  }
  const v = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const { account, developer, nonce, deadline, signature } = v;
  if (!isHex(account) || !isHex(developer) || !isHex(signature)) {
    throw new WeconetError("the application account's consent needs account, developer and signature (0x…)");
  }
  if (typeof nonce !== "string" || typeof deadline !== "string" || !/^\d+$/.test(nonce + deadline)) {
    throw new WeconetError("the application account's consent needs nonce and deadline (decimal strings)");
  }
  return { account, developer, nonce: BigInt(nonce), deadline: BigInt(deadline), signature };
}

/** What community developers do with their applications, and what leaders (or the members' vote) do about them. */
export function applicationActions(ctx: WeconetContext) {
  const describe = async (d: ApplicationDescription) =>
    [d.account, d.name, d.metadataURI, await attributeSetOf(ctx, d.attributes), purposeCode(d.purpose)] as const;
  return {
    /**
     * The application account consents to `developer` registering it: signs, sends nothing. The account is the
     * caller's wallet, or `signer` (the application back end's own key, e.g. on the developer's machine). The
     * developer passes the result to {@link register} before `deadline` (default: one day by the chain's clock).
     * A contract account (ERC-1271) produces the signature its own way over `registrationDigest`.
     */
    consentToRegistration: async (p: {
      developer: Address;
      deadline?: Moment;
      signer?: LocalAccount;
    }): Promise<RegistrationConsent> => {
      const account = p.signer?.address ?? accountOf(ctx);
      const registry = ctx.contracts.applications;
      const [[, name, version, chainId, verifyingContract], nonce, now] = await Promise.all([
        registry.read.eip712Domain(),
        registry.read.nonces([account]),
        chainTime(ctx),
      ]);
      const deadline = BigInt(
        p.deadline === undefined
          ? now + 86_400
          : p.deadline instanceof Date
            ? Math.floor(p.deadline.getTime() / 1000)
            : p.deadline,
      );
      const message = { account, developer: p.developer, nonce, deadline };
      const typed = {
        domain: { name, version, chainId, verifyingContract },
        types: REGISTRATION_TYPES,
        primaryType: "Registration",
        message,
      } as const;
      const wallet = p.signer === undefined ? signerOf(ctx) : undefined;
      const signature =
        wallet === undefined
          ? await (p.signer as LocalAccount).signTypedData(typed)
          : await wallet.signTypedData({ account: wallet.account, ...typed });
      return { ...message, signature };
    },
    /**
     * A developer (an active member with the developer role) registers an application under its account, with
     * the account's consent (see {@link consentToRegistration}). Also registers anew an application whose
     * developer left since (grants given before do not count).
     */
    register: async (d: ApplicationDescription & { consent: RegistrationConsent }): Promise<Sent> => {
      const developer = accountOf(ctx);
      if (d.consent.account.toLowerCase() !== d.account.toLowerCase()) {
        throw new WeconetError(`the consent is ${d.consent.account}'s, not the application account ${d.account}'s`);
      }
      if (d.consent.developer.toLowerCase() !== developer.toLowerCase()) {
        throw new WeconetError(`the consent names developer ${d.consent.developer}, not the sender ${developer}`);
      }
      return send(ctx, "applications", "register", [...(await describe(d)), d.consent.deadline, d.consent.signature], {
        doing: `register application ${d.account}`,
      });
    },
    /** Its developer replaces the application's description. */
    update: async (d: ApplicationDescription): Promise<Sent> =>
      send(ctx, "applications", "update", await describe(d), { doing: `update application ${d.account}` }),
    /** Its developer retires the application for good: every connection to it stops authorizing. */
    retire: ({ account }: { account: Address }): Promise<Sent> =>
      send(ctx, "applications", "retire", [account], { doing: `retire application ${account}` }),
    /** A leader or the manager suspends an application (short reason code): all its access stops at once. */
    suspend: ({ account, reason }: { account: Address; reason: string }): Promise<Sent> =>
      send(ctx, "applications", "suspend", [account, toBytes32Code(reason)], {
        doing: `suspend application ${account}`,
      }),
    /** A leader or the manager reinstates a suspended application. */
    reinstate: ({ account }: { account: Address }): Promise<Sent> =>
      send(ctx, "applications", "reinstate", [account], { doing: `reinstate application ${account}` }),
  };
}
