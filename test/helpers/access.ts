import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { BigNumberish, Signer, TypedDataDomain } from "ethers";
import { id } from "ethers";

import { enumValues, GRANT_TYPES as SDK_GRANT_TYPES, REGISTRATION_TYPES as SDK_REGISTRATION_TYPES } from "@weconet/sdk";

import { STARTER_TAXONOMY } from "../../deploy/starter-taxonomy.js";

import type { AccessGrants, Applications } from "../../typechain-types/index.js";
import { deployWeconet, nth, profileHash, type Weconet } from "./deployment.js";
import { ethers, networkHelpers } from "./network.js";

/** A purpose code: the hash of a short label (never personal text). */
export function purpose(label: string): string {
  return id(`purpose:${label}`);
}

/** The names of the starter taxonomy's person attributes (what connections may cover), in id order. */
export const PERSON_ATTRIBUTE_NAMES: readonly string[] = STARTER_TAXONOMY.filter((a) => a.domain === "Person").map(
  (a) => a.name,
);

/** The taxonomy ids of `names`, in the order given. */
export async function attributeIds(w: Weconet, ...names: string[]): Promise<bigint[]> {
  return Promise.all(names.map((name) => w.taxonomy.attributeId(name)));
}

/** The latest block's timestamp plus `seconds`. */
export async function inSeconds(seconds: number): Promise<number> {
  return (await networkHelpers.time.latest()) + seconds;
}

/** The timelock as a signer (impersonated, funded): acts as the members' vote would after a passed proposal. */
export async function asGovernance(w: Weconet): Promise<HardhatEthersSigner> {
  const address = await w.timelock.getAddress();
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, 10n ** 18n);
  return ethers.getSigner(address);
}

/** Lets `account` apply and has the first leader admit it. */
export async function admit(w: Weconet, account: Signer & { address: string }): Promise<void> {
  await (await w.membership.connect(account).applyForMembership(profileHash(account.address))).wait();
  await (await w.membership.connect(nth(w.leaders, 0)).admit(account.address)).wait();
}

/** The fields of an EIP-712 `Grant`, as AccessGrants.grantBySig takes them. */
export interface GrantMessage {
  owner: string;
  grantee: string;
  attributeIds: BigNumberish[];
  purpose: string;
  expiresAt: BigNumberish;
  /** When the owner signed: refused if before their current membership began or in the future. */
  issuedAt: BigNumberish;
  nonce: BigNumberish;
  deadline: BigNumberish;
}

/** The SDK's EIP-712 `Grant` type (one definition for the SDK and the tests), as ethers takes it. */
export const GRANT_TYPES = { Grant: [...SDK_GRANT_TYPES.Grant] };

/** The EIP-712 domain of `accessGrants`, as wallets take it. */
export async function grantDomain(accessGrants: AccessGrants): Promise<TypedDataDomain> {
  const domain = await accessGrants.eip712Domain();
  return {
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}

/** `signer`'s EIP-712 signature of `message` for `accessGrants` (what a wallet shows and signs). */
export async function signGrant(signer: Signer, accessGrants: AccessGrants, message: GrantMessage): Promise<string> {
  return signer.signTypedData(await grantDomain(accessGrants), GRANT_TYPES, message);
}

/** The SDK's EIP-712 `Registration` type, as ethers takes it. */
export const REGISTRATION_TYPES = { Registration: [...SDK_REGISTRATION_TYPES.Registration] };

/**
 * `account`'s consent (EIP-712 `Registration`) to `developer` registering it as an application: the signature and
 * its deadline, for `Applications.register`.
 */
export async function registrationConsent(
  applications: Applications,
  account: Signer & { address: string },
  developer: string,
  deadline?: number,
): Promise<{ deadline: number; signature: string }> {
  const domain = await applications.eip712Domain();
  const until = deadline ?? (await inSeconds(DAY));
  const signature = await account.signTypedData(
    {
      name: domain.name,
      version: domain.version,
      chainId: domain.chainId,
      verifyingContract: domain.verifyingContract,
    },
    REGISTRATION_TYPES,
    { account: account.address, developer, nonce: await applications.nonces(account.address), deadline: until },
  );
  return { deadline: until, signature };
}

/** `developer` registers `account` as an application, with the account's own consent (its signature). */
export async function registerApplication(
  w: Weconet,
  developer: Signer & { address: string },
  account: Signer & { address: string },
  attributeIds: BigNumberish[],
  label = "App",
): Promise<void> {
  const consent = await registrationConsent(w.applications, account, developer.address);
  await (
    await w.applications
      .connect(developer)
      .register(
        account.address,
        label,
        `ipfs://${label.toLowerCase().replaceAll(" ", "-")}`,
        attributeIds,
        purpose("routing"),
        consent.deadline,
        consent.signature,
      )
  ).wait();
}

/** `AccessGrants.Consent`, `AccessGrants.CloseReason`, `IApplications.Status` (from the build's vocabulary). */
export const Consent = enumValues("AccessGrants.Consent");
export const CloseReason = enumValues("AccessGrants.CloseReason");
export const AppStatus = enumValues("IApplications.Status");

export const DAY = 86_400;

/** A network with an application: the fixture most access tests start from. */
export interface AccessNetwork {
  w: Weconet;
  /** Founding members without a role: the owner, a member grantee, a third member. */
  ann: HardhatEthersSigner;
  ben: HardhatEthersSigner;
  cas: HardhatEthersSigner;
  /** The account of an application registered by the developer. */
  app: HardhatEthersSigner;
  /** Person attributes of the starter taxonomy. */
  postal: bigint;
  delivery: bigint;
  email: bigint;
  phone: bigint;
  /** A resource attribute (not grantable). */
  bike: bigint;
}

/** Deploys the network and registers one application (named function: loadFixture snapshots it). */
export async function deployAccessNetwork(): Promise<AccessNetwork> {
  const w = await deployWeconet();
  const [postal, delivery, email, phone, bike] = await attributeIds(
    w,
    "postal_address",
    "delivery_address",
    "email",
    "phone",
    "bike",
  );
  if (
    postal === undefined ||
    delivery === undefined ||
    email === undefined ||
    phone === undefined ||
    bike === undefined
  ) {
    throw new Error("starter taxonomy lacks an attribute the access tests use");
  }
  const app = w.outsider(0);
  await registerApplication(w, w.developer, app, [postal, delivery], "Route planner");
  return {
    w,
    ann: nth(w.members, 0),
    ben: nth(w.members, 1),
    cas: nth(w.members, 2),
    app,
    postal,
    delivery,
    email,
    phone,
    bike,
  };
}
