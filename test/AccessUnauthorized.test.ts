import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { Wallet, type BaseContract } from "ethers";

import {
  DAY,
  admit,
  asGovernance,
  deployAccessNetwork,
  inSeconds,
  purpose,
  registerApplication,
  registrationConsent,
  signGrant,
  type AccessNetwork,
} from "./helpers/access.js";
import { nth, profileHash, reason } from "./helpers/deployment.js";
import { ethers, networkHelpers } from "./helpers/network.js";

/** Everyone who might call a restricted function, each in a distinct standing. */
const ROLES = [
  "outsider",
  "applicant",
  "member",
  "suspendedMember",
  "departedMember",
  "developer",
  "otherDeveloper",
  "leader",
  "suspendedLeader",
  "manager",
  "governance",
  "deployer",
  "application",
  "connector",
  "owner",
  "grantee",
] as const;
type Role = (typeof ROLES)[number];

interface Cast extends AccessNetwork {
  callers: Record<Role, HardhatEthersSigner>;
  /** A second application of `developer`, suspended by a leader. */
  suspendedApp: string;
}

/**
 * The access network with one of everyone: `owner` (ann) has a connection to `grantee` (ben), who also has a
 * pending request to her; the application belongs to `developer`; `connector` is approved.
 */
async function deployCast(): Promise<Cast> {
  const n = await deployAccessNetwork();
  const { w, ann, ben, cas, app, postal } = n;
  const leader = nth(w.leaders, 0);
  const applicant = w.outsider(6);
  await w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
  const suspendedMember = w.outsider(7);
  await admit(w, suspendedMember);
  await w.membership.connect(leader).suspend(suspendedMember.address, reason("spam"));
  const departedMember = w.outsider(8);
  await admit(w, departedMember);
  await w.membership.connect(departedMember).leave();
  const otherDeveloper = w.outsider(9);
  await admit(w, otherDeveloper);
  await w.membership.connect(leader).grantRole(await w.membership.DEVELOPER_ROLE(), otherDeveloper.address);
  const suspendedLeader = nth(w.leaders, 1);
  await w.membership.connect(w.manager).suspend(suspendedLeader.address, reason("absent"));
  const governance = await asGovernance(w);
  const connector = w.outsider(10);
  await w.accessGrants.connect(governance).setConnector(connector.address, true);
  // a booking's consent (slot 1) from ann to ben, which only its connector closes
  await w.accessGrants
    .connect(connector)
    .openByConnector(ann.address, ben.address, [postal], purpose("booking"), await inSeconds(DAY));

  const suspendedApp = w.outsider(11).address;
  await registerApplication(w, w.developer, w.outsider(11), [postal], "Old app");
  await w.applications.connect(leader).suspend(suspendedApp, reason("abuse"));

  await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), await inSeconds(DAY));
  await w.accessGrants.connect(ben).requestAccess(ann.address, [postal], purpose("delivery"), DAY);

  const callers: Record<Role, HardhatEthersSigner> = {
    outsider: w.outsider(2),
    applicant,
    member: cas,
    suspendedMember,
    departedMember,
    developer: w.developer,
    otherDeveloper,
    leader,
    suspendedLeader,
    manager: w.manager,
    governance,
    deployer: w.deployer,
    application: app,
    connector,
    owner: ann,
    grantee: ben,
  };
  return { ...n, callers, suspendedApp };
}

interface Row {
  name: string;
  /** Who may call it: every other role must be refused. */
  allowed: readonly Role[];
  contract: (c: Cast) => BaseContract;
  call: (c: Cast, caller: HardhatEthersSigner) => Promise<unknown>;
  /** The custom error and its arguments for `caller`. */
  error: (c: Cast, caller: HardhatEthersSigner) => [string, unknown[]];
}

const ACTIVE_MEMBERS: readonly Role[] = [
  "member",
  "developer",
  "otherDeveloper",
  "leader",
  "manager",
  "owner",
  "grantee",
];

const ROWS: Row[] = [
  {
    name: "AccessGrants.grant",
    allowed: ACTIVE_MEMBERS,
    contract: (c) => c.w.accessGrants,
    call: async (c, caller) =>
      c.w.accessGrants
        .connect(caller)
        .grant(
          c.cas.address === caller.address ? c.ann.address : c.cas.address,
          [c.postal],
          purpose("x"),
          await inSeconds(DAY),
        ),
    error: (_, caller) => ["AccessGrantsNotActiveMember", [caller.address]],
  },
  {
    name: "AccessGrants.grantBySig (the caller signs as the owner)",
    allowed: ["owner"],
    contract: (c) => c.w.accessGrants,
    call: async (c, caller) => {
      const message = {
        owner: c.ann.address,
        grantee: c.cas.address,
        attributeIds: [c.postal],
        purpose: purpose("x"),
        expiresAt: await inSeconds(DAY),
        issuedAt: await inSeconds(0),
        nonce: 0n,
        deadline: await inSeconds(DAY),
      };
      // the timelock has no key: it submits a stranger's signature instead
      const signer = caller.address === (await c.w.timelock.getAddress()) ? Wallet.createRandom() : caller;
      return c.w.accessGrants.connect(caller).grantBySig(message, await signGrant(signer, c.w.accessGrants, message));
    },
    error: (c) => ["AccessGrantsInvalidSignature", [c.ann.address]],
  },
  {
    name: "AccessGrants.revoke (ann's connection to ben)",
    allowed: ["owner"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).revoke(c.ben.address),
    error: (c, caller) => ["AccessGrantsNoConnection", [caller.address, c.ben.address]],
  },
  {
    name: "AccessGrants.relinquish (ann's connection to ben)",
    allowed: ["grantee"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).relinquish(c.ann.address),
    error: (c, caller) => ["AccessGrantsNoConnection", [c.ann.address, caller.address]],
  },
  {
    name: "AccessGrants.requestAccess",
    allowed: ["member", "developer", "otherDeveloper", "leader", "manager", "grantee", "application"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).requestAccess(c.ann.address, [c.postal], purpose("x"), DAY),
    error: (c, caller) =>
      caller.address === c.ann.address
        ? ["AccessGrantsSelfGrant", [caller.address]]
        : ["AccessGrantsInvalidGrantee", [caller.address]],
  },
  {
    name: "AccessGrants.acceptRequest (ben's request to ann)",
    allowed: ["owner"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) =>
      c.w.accessGrants.connect(caller).acceptRequest(c.ben.address, [c.postal], purpose("delivery"), DAY),
    error: (c, caller) => ["AccessGrantsNoRequest", [caller.address, c.ben.address]],
  },
  {
    name: "AccessGrants.rejectRequest (ben's request to ann)",
    allowed: ["owner"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).rejectRequest(c.ben.address, reason("no")),
    error: (c, caller) => ["AccessGrantsNoRequest", [caller.address, c.ben.address]],
  },
  {
    name: "AccessGrants.cancelRequest (ben's request to ann)",
    allowed: ["grantee"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).cancelRequest(c.ann.address),
    error: (c, caller) => ["AccessGrantsNoRequest", [c.ann.address, caller.address]],
  },
  {
    name: "AccessGrants.openByConnector",
    allowed: ["connector"],
    contract: (c) => c.w.accessGrants,
    call: async (c, caller) =>
      c.w.accessGrants
        .connect(caller)
        .openByConnector(c.cas.address, c.ann.address, [c.postal], purpose("x"), await inSeconds(DAY)),
    error: (_, caller) => ["AccessGrantsNotConnector", [caller.address]],
  },
  {
    name: "AccessGrants.closeByConnector",
    allowed: ["connector"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).closeByConnector(c.ann.address, c.ben.address, 1),
    error: (c, caller) => ["AccessGrantsNotSlotHolder", [caller.address, c.ann.address, c.ben.address, 1]],
  },
  {
    name: "AccessGrants.setConnector",
    allowed: ["governance"],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).setConnector(c.w.outsider(1).address, true),
    error: (_, caller) => ["NotGovernance", [caller.address]],
  },
  {
    name: "AccessGrants.finishBootstrap (after deployment)",
    allowed: [],
    contract: (c) => c.w.accessGrants,
    call: (c, caller) => c.w.accessGrants.connect(caller).finishBootstrap(),
    error: (_, caller) => ["AccessGrantsNotBootstrapper", [caller.address]],
  },
  {
    name: "Applications.register",
    allowed: ["developer", "otherDeveloper"],
    contract: (c) => c.w.applications,
    call: async (c, caller) => {
      // the account's own consent to this caller: only the developer role can then be missing
      const consent = await registrationConsent(c.w.applications, c.w.outsider(1), caller.address);
      return c.w.applications
        .connect(caller)
        .register(
          c.w.outsider(1).address,
          "App",
          "ipfs://app",
          [c.postal],
          purpose("x"),
          consent.deadline,
          consent.signature,
        );
    },
    error: (_, caller) => ["ApplicationsNotDeveloper", [caller.address]],
  },
  {
    name: "Applications.update",
    allowed: ["developer"],
    contract: (c) => c.w.applications,
    call: (c, caller) =>
      c.w.applications.connect(caller).update(c.app.address, "App", "ipfs://app", [c.postal], purpose("x")),
    error: (c, caller) => ["ApplicationsNotItsDeveloper", [caller.address, c.app.address]],
  },
  {
    name: "Applications.retire",
    allowed: ["developer"],
    contract: (c) => c.w.applications,
    call: (c, caller) => c.w.applications.connect(caller).retire(c.app.address),
    error: (c, caller) => ["ApplicationsNotItsDeveloper", [caller.address, c.app.address]],
  },
  {
    name: "Applications.suspend",
    allowed: ["leader", "manager", "governance"],
    contract: (c) => c.w.applications,
    call: (c, caller) => c.w.applications.connect(caller).suspend(c.app.address, reason("abuse")),
    error: (_, caller) => ["ApplicationsNotOverseer", [caller.address]],
  },
  {
    name: "Applications.reinstate",
    allowed: ["leader", "manager", "governance"],
    contract: (c) => c.w.applications,
    call: (c, caller) => c.w.applications.connect(caller).reinstate(c.suspendedApp),
    error: (_, caller) => ["ApplicationsNotOverseer", [caller.address]],
  },
];

describe("Access: every restricted function refuses every caller that may not call it", () => {
  let cast: Cast;
  beforeEach(async () => {
    cast = await networkHelpers.loadFixture(deployCast);
  });

  for (const row of ROWS) {
    const refused = ROLES.filter((role) => !row.allowed.includes(role));
    it(`${row.name}: refuses ${refused.join(", ")}`, async () => {
      for (const role of refused) {
        const caller = cast.callers[role];
        const [error, args] = row.error(cast, caller);
        await expect(row.call(cast, caller), `${row.name} by ${role}`)
          .to.be.revertedWithCustomError(row.contract(cast), error)
          .withArgs(...args);
      }
    });
  }

  it("each allowed caller gets through (so the matrix tests the restriction, not a broken call)", async () => {
    for (const row of ROWS) {
      for (const role of row.allowed) {
        const snapshot = await networkHelpers.takeSnapshot();
        await expect(row.call(cast, cast.callers[role]), `${row.name} by ${role}`).to.not.revert(ethers);
        await snapshot.restore();
      }
    }
  });
});
