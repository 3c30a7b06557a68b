import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { artifacts, config } from "hardhat";
import solc from "solc";
import { keccak256, stringToHex, zeroHash } from "viem";

import { encodeErrorResult, type Abi } from "viem";

import {
  allAbiItems,
  AUTHORITIES,
  DATA_TYPES,
  decodeWeconetError,
  ENUMS,
  ERRORS,
  MEMBER_STATUSES,
  natSpecSentence,
  NUMBERS,
  ROLE_IDS,
  ROLES,
  SHORT_STRINGS,
  SUPPORT_VALUES,
  TYPED_DATA,
  wordOf,
} from "@weconet/sdk";

import { generateAbis, isWeconetSource } from "../sdk/codegen/abis.js";
import {
  collectVocabulary,
  generateVocabulary,
  renderVocabulary,
  type Build,
  type CompilerOutput,
} from "../sdk/codegen/vocabulary.js";
import { coreFixture } from "./helpers/fixtures.js";
import { ethers } from "./helpers/network.js";

/** A Weconet source (under contracts/), a library from a package it imports, and a test contract it does not. */
const SHOP = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Lib} from "npm/lib@1.0.0/Lib.sol";

/// @notice How urgent something is.
enum Level {
    Low,
    High
}

contract Shop {
    /// @notice The state of an item.
    enum State {
        Open,
        SoldOut
    }

    bytes32 public constant CLERK_ROLE = keccak256("CLERK_ROLE");
    bytes32 public constant OPENING_HOURS = "openingHours";
    bytes32 public constant ORDER_TYPEHASH = keccak256("Order(address buyer,uint16[] items)");
    uint256 public constant MAX_WAIT = 2 days + 1;
    uint256 internal constant LIMIT = type(uint8).max;
    uint256 public constant TOTAL = MAX_WAIT + Lib.BASE;
    uint256 private constant SECRET = 7;

    /// @notice Item \`item\` is \`state\`; at most {MAX_WAIT} s.
    /// @dev Raised by {buy}.
    /// @param item The item asked for.
    error ShopItemState(uint256 item, State state);

    function buy(uint256 item) external pure returns (Lib.Mode) {
        if (item > LIMIT + SECRET) revert ShopItemState(item, State.SoldOut);
        return Lib.Mode.B;
    }
}
`;
const LIB = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

library Lib {
    enum Mode {
        A,
        B
    }
    uint256 internal constant BASE = 5;
    bytes32 public constant ADMIN_ROLE = 0x00;
}
`;
const OTHER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

contract Other {
    enum Hidden {
        X
    }
    function hidden() external pure returns (Hidden) {
        return Hidden.X;
    }
}
`;
const SHOP_SOURCE = "project/contracts/fixture/Shop.sol";
const OTHER_SOURCE = "project/contracts/test/Other.sol";

/** Compiles `sources` with the pinned solc, selecting what a Hardhat build with the codegen plugin selects. */
function compile(sources: Record<string, string>): CompilerOutput {
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: { outputSelection: { "*": { "": ["ast"], "*": ["abi", "userdoc", "devdoc"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as CompilerOutput & {
    errors?: { severity: string; formattedMessage: string }[];
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  return output;
}

const shop = { inputSourceName: SHOP_SOURCE, contractName: "Shop", listErrors: true };
const other = { inputSourceName: OTHER_SOURCE, contractName: "Other", listErrors: false };
const fixture = (shopSource = SHOP): Build[] => [
  {
    output: compile({ [SHOP_SOURCE]: shopSource, "npm/lib@1.0.0/Lib.sol": LIB, [OTHER_SOURCE]: OTHER }),
    contracts: [shop, other],
  },
];

describe("Vocabulary (the SDK's enums, roles, constants and errors, generated from the compiler's output)", function () {
  it("reads enums, roles, short strings, numbers, typed data and errors with their NatSpec from a compiled fixture", function () {
    const v = collectVocabulary(fixture());
    expect(v.enums).to.deep.equal({
      Level: ["Low", "High"],
      "Shop.State": ["Open", "SoldOut"],
      "Lib.Mode": ["A", "B"],
    });
    // A source no Weconet source imports (a test contract) has no say in the vocabulary.
    expect(v.enums).not.to.have.property("Other.Hidden");
    expect(v.roles).to.deep.equal({
      Shop: { CLERK_ROLE: keccak256(stringToHex("CLERK_ROLE")) },
      Lib: { ADMIN_ROLE: zeroHash },
    });
    expect(v.shortStrings).to.deep.equal({ Shop: { OPENING_HOURS: "openingHours" } });
    // Private constants stay out; package constants count only as roles and type hashes.
    expect(v.numbers).to.deep.equal({ Shop: { MAX_WAIT: 2n * 86_400n + 1n, LIMIT: 255n, TOTAL: 2n * 86_400n + 6n } });
    expect(v.typedData).to.deep.equal({
      Shop: {
        ORDER_TYPEHASH: {
          primaryType: "Order",
          types: {
            Order: [
              { name: "buyer", type: "address" },
              { name: "items", type: "uint16[]" },
            ],
          },
        },
      },
    });
    expect(v.errors).to.deep.equal({
      ShopItemState: {
        declaredIn: "Shop",
        source: "contracts/fixture/Shop.sol",
        params: [
          { name: "item", type: "uint256", doc: "The item asked for." },
          { name: "state", type: "uint8", enum: "Shop.State" },
        ],
        notice: "Item `item` is `state`; at most {MAX_WAIT} s.",
        dev: "Raised by {buy}.",
      },
    });
  });

  it("changes by itself when a source gains an enum member (a copy of the generator's input, not the contracts)", function () {
    const before = renderVocabulary(collectVocabulary(fixture()));
    const grown = SHOP.replace("SoldOut\n", "SoldOut,\n        Withdrawn\n");
    expect(grown).not.to.equal(SHOP);
    const after = renderVocabulary(collectVocabulary(fixture(grown)));
    expect(after).not.to.equal(before);
    expect(after).to.contain('"Shop.State": ["Open", "SoldOut", "Withdrawn"]');
    expect(before).to.contain('"Shop.State": ["Open", "SoldOut"]');
  });

  it("reads each source from a build whose current artifacts depend on it, not a stale copy an older build keeps", function () {
    // An incremental build: the old build info still holds Other's artifact and an outdated copy of Shop.sol.
    const grown = SHOP.replace("SoldOut\n", "SoldOut,\n        Withdrawn\n");
    const [old] = fixture();
    const [current] = fixture(grown);
    if (old === undefined || current === undefined) throw new Error("the fixture compiles to one build");
    for (const builds of [
      [
        { ...old, contracts: [other] },
        { ...current, contracts: [shop] },
      ],
      [
        { ...current, contracts: [shop] },
        { ...old, contracts: [other] },
      ],
    ]) {
      expect(collectVocabulary(builds).enums["Shop.State"]).to.deep.equal(["Open", "SoldOut", "Withdrawn"]);
    }
  });

  it("refuses a constant it cannot evaluate and a build without NatSpec, saying which", function () {
    const odd = SHOP.replace("MAX_WAIT = 2 days + 1;", 'MAX_WAIT = uint256(keccak256("x"));');
    expect(odd).not.to.equal(SHOP);
    expect(() => collectVocabulary(fixture(odd))).to.throw(/Shop\.MAX_WAIT: cannot evaluate a call/);
    const [build] = fixture();
    if (build === undefined) throw new Error("the fixture compiles to one build");
    const bare = structuredClone(build.output);
    const compiled = bare.contracts[SHOP_SOURCE]?.["Shop"];
    if (compiled === undefined) throw new Error("the fixture has Shop");
    delete compiled.userdoc;
    expect(() => collectVocabulary([{ ...build, output: bare }])).to.throw(/Shop has no NatSpec in the build/);
  });

  it("sdk/src/generated/vocabulary.ts (and errors.ts) is the vocabulary of the current build", async function () {
    const dir = await mkdtemp(path.join(tmpdir(), "weconet-vocabulary-"));
    try {
      const paths = [...(await artifacts.getAllArtifactPaths())];
      const deployable = await generateAbis(paths, path.join(dir, "abis.ts"));
      const out = path.join(dir, "vocabulary.ts");
      await generateVocabulary(paths, deployable, path.join(config.paths.artifacts, "build-info"), out);
      const generated = path.join(config.paths.root, "sdk", "src", "generated");
      for (const file of ["vocabulary.ts", "errors.ts"]) {
        expect(await readFile(path.join(dir, file), "utf8")).to.equal(
          await readFile(path.join(generated, file), "utf8"),
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("agrees with the deployed contracts: role ids, rule keys, constants, type hashes and enum sizes", async function () {
    const w = await coreFixture();
    expect(await w.membership.MANAGER_ROLE()).to.equal(ROLE_IDS.Membership.MANAGER_ROLE);
    expect(await w.membership.LEADER_ROLE()).to.equal(ROLE_IDS.Membership.LEADER_ROLE);
    expect(await w.membership.DEVELOPER_ROLE()).to.equal(ROLE_IDS.Membership.DEVELOPER_ROLE);
    expect(await w.membership.DEFAULT_ADMIN_ROLE()).to.equal(ROLE_IDS.AccessControl.DEFAULT_ADMIN_ROLE);
    expect(await w.timelock.PROPOSER_ROLE()).to.equal(ROLE_IDS.TimelockController.PROPOSER_ROLE);
    expect(await w.timelock.EXECUTOR_ROLE()).to.equal(ROLE_IDS.TimelockController.EXECUTOR_ROLE);
    expect(await w.timelock.CANCELLER_ROLE()).to.equal(ROLE_IDS.TimelockController.CANCELLER_ROLE);
    const keys = (await w.networkRules.ruleKeys()).map((k) => k.toLowerCase());
    expect(keys).to.deep.equal(Object.values(SHORT_STRINGS.NetworkRules).map((t) => stringToHex(t, { size: 32 })));
    expect(await w.market.MEMBERS_DECISION_TIME()).to.equal(NUMBERS.Market.MEMBERS_DECISION_TIME);
    expect(await w.taxonomy.MAX_ATTRIBUTES()).to.equal(NUMBERS.Taxonomy.MAX_ATTRIBUTES);
    expect(await w.accessGrants.MAX_CONSENT_SLOT()).to.equal(NUMBERS.AccessGrants.MAX_CONSENT_SLOT);
    const typeHash = ({
      primaryType,
      types,
    }: {
      primaryType: string;
      types: Record<string, readonly { name: string; type: string }[]>;
    }) =>
      keccak256(
        stringToHex(`${primaryType}(${(types[primaryType] ?? []).map((f) => `${f.type} ${f.name}`).join(",")})`),
      );
    expect(await w.accessGrants.GRANT_TYPEHASH()).to.equal(typeHash(TYPED_DATA.AccessGrants.GRANT_TYPEHASH));
    expect(await w.applications.REGISTRATION_TYPEHASH()).to.equal(
      typeHash(TYPED_DATA.Applications.REGISTRATION_TYPEHASH),
    );
    expect(await w.governor.BALLOT_TYPEHASH()).to.equal(typeHash(TYPED_DATA.Governor.BALLOT_TYPEHASH));
    // The taxonomy accepts the last data type and refuses one past it (an enum of the generated size).
    const last = ENUMS["ITaxonomy.DataType"].length - 1;
    const { asTimelock } = w;
    const add = (dataType: number) =>
      w.taxonomy.connect(asTimelock).addAttribute.staticCall({ name: "probe", domain: 0, dataType, parent: 0 });
    await add(last);
    await expect(add(last + 1)).to.be.revert(ethers);
  });

  it("names enum members as the SDK's words and gives every contract error a sentence", function () {
    expect(MEMBER_STATUSES).to.deep.equal(ENUMS["IMembership.Status"].map((m) => m.toLowerCase()));
    expect([wordOf("PostalAddress"), wordOf("MembersVote"), wordOf("Datetime")]).to.deep.equal([
      "postal_address",
      "members_vote",
      "datetime",
    ]);
    expect(DATA_TYPES).to.include.members(["postal_address", "geo_location", "datetime"]);
    expect(SUPPORT_VALUES).to.deep.equal({ against: 0, for: 1, abstain: 2 });
    expect(AUTHORITIES).to.have.length(ENUMS.Authority.length);
    expect(ROLES.admin).to.equal(zeroHash);
    expect(ROLES.leader).to.equal(ROLE_IDS.Membership.LEADER_ROLE);
    // The NatSpec reads with its arguments: an enum as its word, a {CONSTANT} as its value, a uint48 as a date.
    expect(natSpecSentence("MarketOfferStatus", [3n, 2])).to.equal("Offer 3 is paused, which does not allow this.");
    expect(natSpecSentence("MarketInvalidDataRequest", [])).to.contain(
      `at most ${NUMBERS.Market.MAX_DATA_ATTRIBUTES} of them`,
    );
    expect(natSpecSentence("MarketRequestExpired", [7n, 0])).to.equal("Request 7 expired at 1 Jan 1970, 00:00 UTC.");
    const sample = (type: string, i: number): unknown =>
      type === "address"
        ? `0x${String(i + 1).repeat(40)}`
        : type === "bool"
          ? true
          : type === "bytes32"
            ? zeroHash
            : type === "string"
              ? "x"
              : /^uint(8|16|32|48)$/.test(type)
                ? 1
                : 1n;
    for (const [name, entry] of Object.entries(ERRORS)) {
      const args = entry.params.map((p: { type: string }, i: number) => sample(p.type, i));
      const data = encodeErrorResult({ abi: allAbiItems as Abi, errorName: name, args });
      const decoded = decodeWeconetError(data);
      expect(decoded?.name, name).to.equal(name);
      expect(decoded?.message, name).to.match(/^[^`{}]+$/);
      expect(decoded?.message, name).not.to.contain("undefined");
      // Every error Weconet itself declares says what went wrong in its NatSpec.
      if (isWeconetSource(entry.source)) expect("notice" in entry, `${name} has a @notice`).to.equal(true);
    }
  });
});
