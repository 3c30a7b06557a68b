import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { AbiCoder, Contract, ContractFactory, id, Signature, ZeroAddress, ZeroHash, type InterfaceAbi } from "ethers";

import { nth } from "../../test/helpers/deployment.js";
import { ethers, networkHelpers } from "../../test/helpers/network.js";
import { IEAS__factory, ISchemaRegistry__factory, type IEAS } from "../../typechain-types/index.js";
import {
  fundedAccounts,
  gasOf,
  receiptOf,
  signingDomain,
  signingWallet,
  type Measurement,
  type Scenario,
} from "../lib.js";

/** The domain under which this anchor's figures are recorded. */
export const EAS_ANCHOR = "eas";

/** A consent-like record: the attester (data owner) lets the recipient (grantee) access one attribute for a purpose. */
const SCHEMA = "uint16 attributeId,bytes32 purpose";
const PURPOSE = id("purpose:delivery");
const THIRTY_DAYS = 30n * 86_400n;
/** Attestations per transaction while growing: well under the block gas limit. */
const GROWTH_BATCH = 50;

interface Deployment {
  eas: IEAS;
  /** The same contract through its full ABI, for the nonce view. */
  nonces: Contract;
  schema: string;
  /** Attests while growing; one account does, as the number of attesters does not change an attestation's gas. */
  attester: HardhatEthersSigner;
  attestations: number;
}

let deployment: Deployment | undefined;

const coder = AbiCoder.defaultAbiCoder();

/** An attestation request for `attributeId`, to `grantee`, expiring in thirty days, revocable. */
function consent(grantee: string, attributeId: number, now: bigint) {
  return {
    recipient: grantee,
    expirationTime: now + THIRTY_DAYS,
    revocable: true,
    refUID: ZeroHash,
    data: coder.encode(["uint16", "bytes32"], [attributeId, PURPOSE]),
    value: 0n,
  };
}

async function now(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

interface Artifact {
  abi: InterfaceAbi;
  bytecode: string;
}

/** A contract as the npm package ships it, compiled by EAS (solc 0.8.29): deployed as is, never recompiled. */
function shipped(contract: "EAS" | "SchemaRegistry"): Artifact {
  const file = createRequire(import.meta.url).resolve(
    `@ethereum-attestation-service/eas-contracts/artifacts/contracts/${contract}.sol/${contract}.json`,
  );
  const artifact: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (
    typeof artifact !== "object" ||
    artifact === null ||
    !("abi" in artifact) ||
    !Array.isArray(artifact.abi) ||
    !("bytecode" in artifact) ||
    typeof artifact.bytecode !== "string"
  ) {
    throw new Error(`EAS anchor: ${file} is not a contract artifact`);
  }
  return { abi: artifact.abi, bytecode: artifact.bytecode };
}

async function deployShipped(artifact: Artifact, deployer: HardhatEthersSigner, ...args: string[]): Promise<string> {
  const contract = await new ContractFactory(artifact.abi, artifact.bytecode, deployer).deploy(...args);
  return contract.getAddress();
}

/** Deploys the package's shipped bytecode (SchemaRegistry, then EAS) and registers the consent schema. */
async function deployEas(): Promise<Deployment> {
  const deployer = nth(await ethers.getSigners(), 0);
  const registry = ISchemaRegistry__factory.connect(await deployShipped(shipped("SchemaRegistry"), deployer), deployer);
  const easArtifact = shipped("EAS");
  const address = await deployShipped(easArtifact, deployer, await registry.getAddress());
  const registered = await receiptOf(registry.register(SCHEMA, ZeroAddress, true));
  const event = registered.logs
    .map((log) => registry.interface.parseLog(log))
    .find((parsed) => parsed?.name === "Registered");
  const schema: unknown = event?.args[0];
  if (typeof schema !== "string") throw new Error("EAS anchor: schema not registered");
  const [attester] = await fundedAccounts(1);
  if (attester === undefined) throw new Error("EAS anchor: no attester");
  return {
    eas: IEAS__factory.connect(address, deployer),
    nonces: new Contract(address, easArtifact.abi, ethers.provider),
    schema,
    attester,
    attestations: 0,
  };
}

/** The EIP-712 nonce of `account` (EAS's getNonce is not part of its interface IEAS). */
async function nonceOf(d: Deployment, account: string): Promise<bigint> {
  const nonce: unknown = await d.nonces.getFunction("getNonce").staticCall(account);
  if (typeof nonce !== "bigint") throw new Error("EAS anchor: getNonce did not return a number");
  return nonce;
}

/**
 * Ethereum Attestation Service (npm @ethereum-attestation-service/eas-contracts, its shipped bytecode) holding
 * consent-like records, measured with `scale` existing attestations: attest and revoke against opening and
 * closing a one-attribute connection, attestByDelegation (EIP-712, signed by a real key) against the gasless
 * signed grant, and multiAttest of 10 against a batch grant of 10.
 */
export const easAnchor: Scenario = {
  domain: EAS_ANCHOR,
  async grow(scale: number): Promise<void> {
    deployment ??= await deployEas();
    const d = deployment;
    const grantees = await fundedAccounts(GROWTH_BATCH);
    while (d.attestations < scale) {
      const count = Math.min(GROWTH_BATCH, scale - d.attestations);
      const t = await now();
      const data = grantees.slice(0, count).map((grantee, i) => consent(grantee.address, i + 1, t));
      await receiptOf(d.eas.connect(d.attester).multiAttest([{ schema: d.schema, data }]));
      d.attestations += count;
    }
  },
  async measure(scale: number): Promise<Measurement[]> {
    if (deployment === undefined) throw new Error("EAS anchor: grow() deploys EAS before measure()");
    const d = deployment;
    const { eas, schema } = d;
    const rows: Measurement[] = [];
    const record = (operation: string, gas: bigint) => rows.push({ domain: EAS_ANCHOR, operation, scale, gas });
    const owner = await signingWallet();
    const [grantee, relayer] = await fundedAccounts(2);
    if (grantee === undefined || relayer === undefined) throw new Error("EAS anchor: no accounts");

    const attested = await receiptOf(
      eas.connect(owner).attest({ schema, data: consent(grantee.address, 7, await now()) }),
    );
    record("attest", attested.gasUsed);
    const uid: unknown = attested.logs
      .map((log) => eas.interface.parseLog(log))
      .find((parsed) => parsed?.name === "Attested")?.args.uid;
    if (typeof uid !== "string") throw new Error("EAS anchor: no attestation uid");
    record("revoke", await gasOf(eas.connect(owner).revoke({ schema, data: { uid, value: 0n } })));

    // The owner signs; anyone (the relayer) submits and pays.
    const request = consent(grantee.address, 8, await now());
    const deadline = (await now()) + 3_600n;
    const signature = Signature.from(
      await owner.signTypedData(
        await signingDomain(await eas.getAddress()),
        {
          Attest: [
            { name: "attester", type: "address" },
            { name: "schema", type: "bytes32" },
            { name: "recipient", type: "address" },
            { name: "expirationTime", type: "uint64" },
            { name: "revocable", type: "bool" },
            { name: "refUID", type: "bytes32" },
            { name: "data", type: "bytes" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint64" },
          ],
        },
        { attester: owner.address, schema, ...request, nonce: await nonceOf(d, owner.address), deadline },
      ),
    );
    const delegated = await gasOf(
      eas.connect(relayer).attestByDelegation({
        schema,
        data: request,
        signature: { v: signature.v, r: signature.r, s: signature.s },
        attester: owner.address,
        deadline,
      }),
    );
    record("attestByDelegation", delegated);

    const t = await now();
    const ten = Array.from({ length: 10 }, (_, i) => consent(grantee.address, 10 + i, t));
    record("multiAttest (10)", await gasOf(eas.connect(owner).multiAttest([{ schema, data: ten }])));
    return rows;
  },
};
