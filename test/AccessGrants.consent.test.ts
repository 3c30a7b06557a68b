import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { TypedDataEncoder, ZeroAddress, ZeroHash } from "ethers";

import { AccessGrants__factory, TestContractWallet__factory } from "../typechain-types/index.js";
import {
  CloseReason,
  Consent,
  DAY,
  GRANT_TYPES,
  admit,
  asGovernance,
  deployAccessNetwork,
  grantDomain,
  inSeconds,
  purpose,
  signGrant,
  type AccessNetwork,
  type GrantMessage,
} from "./helpers/access.js";
import { TEST_SETTINGS, nth, profileHash, reason } from "./helpers/deployment.js";
import { ethers, networkHelpers } from "./helpers/network.js";

/** A nonce with key `key` and sequence number `sequence` (ERC-4337 style: key in the high 192 bits). */
function keyedNonce(key: bigint, sequence: bigint): bigint {
  return (key << 64n) | sequence;
}

describe("AccessGrants consent", () => {
  let n: AccessNetwork;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployAccessNetwork);
  });

  describe("signed grants (EIP-712)", () => {
    let relayer: HardhatEthersSigner;
    let message: GrantMessage;
    beforeEach(async () => {
      relayer = n.w.outsider(4);
      message = {
        owner: n.ann.address,
        grantee: n.ben.address,
        attributeIds: [n.postal, n.email],
        purpose: purpose("delivery"),
        expiresAt: await inSeconds(7 * DAY),
        issuedAt: await inSeconds(0),
        nonce: 0n,
        deadline: await inSeconds(3600),
      };
    });

    it("attack (issue 11): a grant signed before the owner left does not revive when they rejoin", async () => {
      const { w, ann } = n;
      const signature = await signGrant(ann, w.accessGrants, message);
      await w.membership.connect(ann).leave();
      await admit(w, ann);
      expect(await w.membership.isActiveMember(ann.address)).to.equal(true);
      const since = await w.membership.memberSince(ann.address);
      await expect(w.accessGrants.connect(relayer).grantBySig(message, signature))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsStaleSignature")
        .withArgs(ann.address, message.issuedAt, since);
      // a back-dated or future issuedAt is refused too, however signed
      const future = { ...message, issuedAt: (await inSeconds(0)) + 3600 };
      await expect(
        w.accessGrants.connect(relayer).grantBySig(future, await signGrant(ann, w.accessGrants, future)),
      ).to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsStaleSignature");
      // signed anew in the current membership, it opens
      const fresh = { ...message, issuedAt: await inSeconds(0) };
      await expect(w.accessGrants.connect(relayer).grantBySig(fresh, await signGrant(ann, w.accessGrants, fresh)))
        .to.emit(w.accessGrants, "SignedGrantUsed")
        .withArgs(ann.address, await w.accessGrants.connectionIdOf(ann.address, message.grantee), message.nonce);
    });

    it("anyone submits the owner's signature and the connection opens", async () => {
      const { w, ann, ben, postal } = n;
      const signature = await signGrant(ann, w.accessGrants, message);
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      await expect(w.accessGrants.connect(relayer).grantBySig(message, signature))
        .to.emit(w.accessGrants, "ConnectionOpened")
        .withArgs(
          ann.address,
          ben.address,
          connectionId,
          message.attributeIds,
          message.purpose,
          message.expiresAt,
          Consent.Signature,
          ZeroAddress,
          0,
        );
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(true);
      expect(await w.accessGrants["nonces(address)"](ann.address)).to.equal(1n);
    });

    it("the digest is the standard EIP-712 hash of the grant", async () => {
      const expected = TypedDataEncoder.hash(await grantDomain(n.w.accessGrants), GRANT_TYPES, message);
      expect(await n.w.accessGrants.grantDigest(message)).to.equal(expected);
    });

    it("a signature cannot be replayed", async () => {
      const { w, ann } = n;
      const signature = await signGrant(ann, w.accessGrants, message);
      await w.accessGrants.connect(relayer).grantBySig(message, signature);
      await expect(w.accessGrants.connect(relayer).grantBySig(message, signature))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidNonce")
        .withArgs(ann.address, 0n, 1n);
    });

    it("a signature past its deadline reverts; at the deadline it is still good", async () => {
      const { w, ann } = n;
      const signature = await signGrant(ann, w.accessGrants, message);
      await networkHelpers.time.setNextBlockTimestamp(BigInt(message.deadline) + 1n);
      await expect(w.accessGrants.connect(relayer).grantBySig(message, signature))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsSignatureExpired")
        .withArgs(message.deadline);

      const fresh = { ...message, deadline: await inSeconds(100) };
      const freshSignature = await signGrant(ann, w.accessGrants, fresh);
      await networkHelpers.time.setNextBlockTimestamp(fresh.deadline);
      await expect(w.accessGrants.connect(relayer).grantBySig(fresh, freshSignature)).to.emit(
        w.accessGrants,
        "ConnectionOpened",
      );
    });

    it("forged and tampered signatures revert", async () => {
      const { w, ann, ben, cas } = n;
      const byOther = await signGrant(ben, w.accessGrants, message);
      await expect(w.accessGrants.connect(relayer).grantBySig(message, byOther))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidSignature")
        .withArgs(ann.address);

      const signature = await signGrant(ann, w.accessGrants, message);
      const tampered: GrantMessage[] = [
        { ...message, grantee: cas.address },
        { ...message, attributeIds: [n.postal] },
        { ...message, purpose: purpose("marketing") },
        { ...message, expiresAt: BigInt(message.expiresAt) + 1n },
        { ...message, deadline: BigInt(message.deadline) + 1n },
      ];
      for (const forged of tampered) {
        await expect(w.accessGrants.connect(relayer).grantBySig(forged, signature))
          .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidSignature")
          .withArgs(ann.address);
      }
      // a signature claiming someone else as owner
      await expect(w.accessGrants.connect(relayer).grantBySig({ ...message, owner: cas.address }, signature))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidSignature")
        .withArgs(cas.address);
      // malformed signature bytes
      await expect(w.accessGrants.connect(relayer).grantBySig(message, "0x1234"))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidSignature")
        .withArgs(ann.address);
    });

    it("a signature for another verifying contract or chain does not count here", async () => {
      const { w, ann } = n;
      const domain = await w.accessGrants.eip712Domain();
      const base = {
        name: domain.name,
        version: domain.version,
        chainId: domain.chainId,
        verifyingContract: domain.verifyingContract,
      };
      for (const other of [
        { ...base, verifyingContract: await w.applications.getAddress() },
        { ...base, chainId: domain.chainId + 1n },
      ]) {
        const signature = await ann.signTypedData(other, GRANT_TYPES, message);
        await expect(w.accessGrants.connect(relayer).grantBySig(message, signature))
          .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidSignature")
          .withArgs(ann.address);
      }
    });

    it("nonces run in order per key; keys are independent", async () => {
      const { w, ann, cas } = n;
      const later = { ...message, nonce: 1n };
      await expect(w.accessGrants.connect(relayer).grantBySig(later, await signGrant(ann, w.accessGrants, later)))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidNonce")
        .withArgs(ann.address, 1n, 0n);

      const key = BigInt(cas.address);
      const keyed = { ...message, grantee: cas.address, nonce: keyedNonce(key, 0n) };
      await w.accessGrants.connect(relayer).grantBySig(keyed, await signGrant(ann, w.accessGrants, keyed));
      expect(await w.accessGrants["nonces(address,uint192)"](ann.address, key)).to.equal(keyedNonce(key, 1n));
      expect(await w.accessGrants["nonces(address)"](ann.address)).to.equal(0n);
      await w.accessGrants.connect(relayer).grantBySig(message, await signGrant(ann, w.accessGrants, message));
    });

    it("the owner cancels a signature handed out by using up its nonce", async () => {
      const { w, ann } = n;
      const signature = await signGrant(ann, w.accessGrants, message);
      await expect(w.accessGrants.connect(ann).invalidateNonce(0))
        .to.emit(w.accessGrants, "NonceInvalidated")
        .withArgs(ann.address, 0n);
      await expect(w.accessGrants.connect(relayer).grantBySig(message, signature))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidNonce")
        .withArgs(ann.address, 0n, 1n);
      await expect(w.accessGrants.connect(ann).invalidateNonce(7))
        .to.emit(w.accessGrants, "NonceInvalidated")
        .withArgs(ann.address, keyedNonce(7n, 0n));
    });

    it("the same checks apply as when the owner grants directly", async () => {
      const { w, ann } = n;
      await w.membership.connect(nth(w.leaders, 0)).suspend(ann.address, reason("spam"));
      const signature = await signGrant(ann, w.accessGrants, message);
      await expect(w.accessGrants.connect(relayer).grantBySig(message, signature))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNotActiveMember")
        .withArgs(ann.address);
      const outsider = w.outsider(9);
      const byOutsider = { ...message, owner: outsider.address };
      await expect(
        w.accessGrants.connect(relayer).grantBySig(byOutsider, await signGrant(outsider, w.accessGrants, byOutsider)),
      )
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNotActiveMember")
        .withArgs(outsider.address);
    });

    describe("contract wallets (ERC-1271)", () => {
      it("a member that is a contract wallet consents with its key's signature", async () => {
        const { w, ben, postal } = n;
        const key = w.outsider(10);
        const wallet = await new TestContractWallet__factory(key).deploy(key.address);
        const walletAddress = await wallet.getAddress();
        await wallet
          .connect(key)
          .execute(
            await w.membership.getAddress(),
            w.membership.interface.encodeFunctionData("applyForMembership", [profileHash("wallet")]),
          );
        await w.membership.connect(nth(w.leaders, 0)).admit(walletAddress);

        const signed = { ...message, owner: walletAddress, issuedAt: await inSeconds(0) };
        const signature = await signGrant(key, w.accessGrants, signed);
        await expect(w.accessGrants.connect(relayer).grantBySig(signed, signature))
          .to.emit(w.accessGrants, "ConnectionOpened")
          .withArgs(
            walletAddress,
            ben.address,
            await w.accessGrants.connectionIdOf(walletAddress, ben.address),
            signed.attributeIds,
            signed.purpose,
            signed.expiresAt,
            Consent.Signature,
            ZeroAddress,
            0,
          );
        expect(await w.accessGrants.isAuthorized(walletAddress, ben.address, postal)).to.equal(true);

        // replay, and a signature by a key the wallet does not accept
        await expect(w.accessGrants.connect(relayer).grantBySig(signed, signature)).to.be.revertedWithCustomError(
          w.accessGrants,
          "AccessGrantsInvalidNonce",
        );
        const next = { ...signed, nonce: 1n };
        await expect(
          w.accessGrants.connect(relayer).grantBySig(next, await signGrant(w.outsider(11), w.accessGrants, next)),
        )
          .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidSignature")
          .withArgs(walletAddress);

        // the wallet closes it with an ordinary call
        await expect(
          wallet
            .connect(key)
            .execute(
              await w.accessGrants.getAddress(),
              w.accessGrants.interface.encodeFunctionData("revoke", [ben.address]),
            ),
        ).to.emit(w.accessGrants, "ConnectionClosed");
      });
    });
  });

  describe("requests", () => {
    const duration = 14 * DAY;

    it("a member requests, the owner accepts, the connection opens for the duration asked", async () => {
      const { w, ann, ben, postal, email } = n;
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      const request = w.accessGrants
        .connect(ben)
        .requestAccess(ann.address, [postal, email], purpose("delivery"), duration);
      const requestedAt = (await networkHelpers.time.latest()) + 1;
      await networkHelpers.time.setNextBlockTimestamp(requestedAt);
      await expect(request)
        .to.emit(w.accessGrants, "AccessRequested")
        .withArgs(
          ann.address,
          ben.address,
          connectionId,
          [postal, email],
          purpose("delivery"),
          duration,
          requestedAt + TEST_SETTINGS.accessRequestLifetime,
        );
      const pending = await w.accessGrants.pendingRequestOf(ann.address, ben.address);
      expect(pending.expiresAt).to.equal(requestedAt + TEST_SETTINGS.accessRequestLifetime);
      expect(pending.digest).to.equal(
        await w.accessGrants.requestDigest([postal, email], purpose("delivery"), duration),
      );
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);

      await networkHelpers.time.increase(DAY);
      const acceptedAt = (await networkHelpers.time.latest()) + 1;
      await networkHelpers.time.setNextBlockTimestamp(acceptedAt);
      await expect(
        w.accessGrants.connect(ann).acceptRequest(ben.address, [postal, email], purpose("delivery"), duration),
      )
        .to.emit(w.accessGrants, "AccessRequestAccepted")
        .withArgs(ann.address, ben.address, connectionId)
        .and.to.emit(w.accessGrants, "ConnectionOpened")
        .withArgs(
          ann.address,
          ben.address,
          connectionId,
          [postal, email],
          purpose("delivery"),
          acceptedAt + duration,
          Consent.Request,
          ZeroAddress,
          0,
        );
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, email)).to.equal(true);
      expect((await w.accessGrants.pendingRequestOf(ann.address, ben.address)).expiresAt).to.equal(0n);
      await expect(
        w.accessGrants.connect(ann).acceptRequest(ben.address, [postal, email], purpose("delivery"), duration),
      )
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoRequest")
        .withArgs(ann.address, ben.address);
    });

    it("accepting a request on an open connection changes it", async () => {
      const { w, ann, ben, postal, email } = n;
      await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), await inSeconds(DAY));
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal, email], purpose("delivery"), duration);
      await expect(
        w.accessGrants.connect(ann).acceptRequest(ben.address, [postal, email], purpose("delivery"), duration),
      ).to.emit(w.accessGrants, "ConnectionChanged");
    });

    it("an application requests access like a member", async () => {
      const { w, ann, app, postal } = n;
      await expect(
        w.accessGrants.connect(app).requestAccess(ann.address, [postal], purpose("routing"), duration),
      ).to.emit(w.accessGrants, "AccessRequested");
      await w.accessGrants.connect(ann).acceptRequest(app.address, [postal], purpose("routing"), duration);
      expect(await w.accessGrants.isAuthorized(ann.address, app.address, postal)).to.equal(true);
    });

    it("the owner accepts only exactly what was asked", async () => {
      const { w, ann, ben, postal, email } = n;
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal], purpose("delivery"), duration);
      for (const [ids, p, d] of [
        [[postal, email], purpose("delivery"), duration],
        [[postal], purpose("marketing"), duration],
        [[postal], purpose("delivery"), duration + 1],
      ] as const) {
        await expect(w.accessGrants.connect(ann).acceptRequest(ben.address, [...ids], p, d))
          .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsRequestMismatch")
          .withArgs(ann.address, ben.address);
      }
    });

    it("a newer request replaces the pending one, so the grantee cannot swap it under the owner's answer", async () => {
      const { w, ann, ben, postal, email } = n;
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal], purpose("delivery"), duration);
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal, email], purpose("delivery"), duration);
      await expect(
        w.accessGrants.connect(ann).acceptRequest(ben.address, [postal], purpose("delivery"), duration),
      ).to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsRequestMismatch");
    });

    it("a pending request lapses after the access request lifetime", async () => {
      const { w, ann, ben, postal } = n;
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal], purpose("delivery"), duration);
      const { expiresAt } = await w.accessGrants.pendingRequestOf(ann.address, ben.address);
      await networkHelpers.time.setNextBlockTimestamp(expiresAt);
      await expect(w.accessGrants.connect(ann).acceptRequest(ben.address, [postal], purpose("delivery"), duration))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsRequestExpired")
        .withArgs(ann.address, ben.address, expiresAt);
      // a lapsed request can still be rejected, which clears it
      await expect(w.accessGrants.connect(ann).rejectRequest(ben.address, ZeroHash)).to.emit(
        w.accessGrants,
        "AccessRequestRejected",
      );
    });

    it("the owner rejects, with a reason code", async () => {
      const { w, ann, ben, postal } = n;
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal], purpose("delivery"), duration);
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      await expect(w.accessGrants.connect(ann).rejectRequest(ben.address, reason("not-needed")))
        .to.emit(w.accessGrants, "AccessRequestRejected")
        .withArgs(ann.address, ben.address, connectionId, reason("not-needed"));
      await expect(w.accessGrants.connect(ann).acceptRequest(ben.address, [postal], purpose("delivery"), duration))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoRequest")
        .withArgs(ann.address, ben.address);
      await expect(w.accessGrants.connect(ann).rejectRequest(ben.address, ZeroHash))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoRequest")
        .withArgs(ann.address, ben.address);
    });

    it("the grantee withdraws its request", async () => {
      const { w, ann, ben, postal } = n;
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal], purpose("delivery"), duration);
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      await expect(w.accessGrants.connect(ben).cancelRequest(ann.address))
        .to.emit(w.accessGrants, "AccessRequestCancelled")
        .withArgs(ann.address, ben.address, connectionId);
      await expect(w.accessGrants.connect(ben).cancelRequest(ann.address))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoRequest")
        .withArgs(ann.address, ben.address);
    });

    it("accepting applies the checks of the moment: the rules, the grantee's status", async () => {
      const { w, ann, ben, cas, postal } = n;
      await w.accessGrants.connect(ben).requestAccess(ann.address, [postal], purpose("delivery"), duration);
      await w.networkRules.connect(await asGovernance(w)).setRule(await w.networkRules.MAX_GRANT_DURATION(), 7 * DAY);
      await expect(
        w.accessGrants.connect(ann).acceptRequest(ben.address, [postal], purpose("delivery"), duration),
      ).to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidExpiry");

      await w.accessGrants.connect(cas).requestAccess(ann.address, [postal], purpose("delivery"), DAY);
      await w.membership.connect(nth(w.leaders, 0)).suspend(cas.address, reason("spam"));
      await expect(w.accessGrants.connect(ann).acceptRequest(cas.address, [postal], purpose("delivery"), DAY))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidGrantee")
        .withArgs(cas.address);
    });

    it("rejects bad requests with a clear error", async () => {
      const { w, ann, ben, postal, bike } = n;
      const r = w.accessGrants.connect(ben);
      const p = purpose("delivery");
      const outsider = w.outsider(5);
      const cases: [string, () => Promise<unknown>, string, unknown[]][] = [
        ["self", () => r.requestAccess(ben.address, [postal], p, DAY), "AccessGrantsSelfGrant", [ben.address]],
        [
          "owner not a member",
          () => r.requestAccess(outsider.address, [postal], p, DAY),
          "AccessGrantsNotActiveMember",
          [outsider.address],
        ],
        ["zero purpose", () => r.requestAccess(ann.address, [postal], ZeroHash, DAY), "AccessGrantsEmptyPurpose", []],
        [
          "zero duration",
          () => r.requestAccess(ann.address, [postal], p, 0),
          "AccessGrantsInvalidDuration",
          [0, TEST_SETTINGS.maxGrantDuration],
        ],
        [
          "duration beyond the maximum",
          () => r.requestAccess(ann.address, [postal], p, TEST_SETTINGS.maxGrantDuration + 1),
          "AccessGrantsInvalidDuration",
          [TEST_SETTINGS.maxGrantDuration + 1, TEST_SETTINGS.maxGrantDuration],
        ],
        ["no attributes", () => r.requestAccess(ann.address, [], p, DAY), "PersonAttributesEmpty", []],
        [
          "resource attribute",
          () => r.requestAccess(ann.address, [bike], p, DAY),
          "PersonAttributesNotPersonAttribute",
          [bike],
        ],
        [
          "requester neither member nor application",
          () => w.accessGrants.connect(outsider).requestAccess(ann.address, [postal], p, DAY),
          "AccessGrantsInvalidGrantee",
          [outsider.address],
        ],
      ];
      for (const [label, call, error, args] of cases) {
        await expect(call(), label)
          .to.be.revertedWithCustomError(w.accessGrants, error)
          .withArgs(...args);
      }
    });
  });

  describe("connectors", () => {
    let connector: HardhatEthersSigner;
    beforeEach(async () => {
      // the members' vote approves a connector (in production: the market contract)
      connector = n.w.outsider(8);
      await n.w.accessGrants.connect(await asGovernance(n.w)).setConnector(connector.address, true);
    });

    it("governance approves a connector, which gets a number", async () => {
      const { w } = n;
      const other = w.outsider(9);
      // the deployment approved the market, and beforeEach one more
      const next = (await w.accessGrants.connectorCount()) + 1n;
      await expect(w.accessGrants.connect(await asGovernance(w)).setConnector(other.address, true))
        .to.emit(w.accessGrants, "ConnectorSet")
        .withArgs(other.address, next, true, anyValue);
      expect(await w.accessGrants.connectorCount()).to.equal(next);
      const record = await w.accessGrants.connectorOf(other.address);
      expect(record.id).to.equal(next);
      expect(record.approved).to.equal(true);
    });

    it("a connector adds a consent in a slot of its own on the owner's behalf, and removes it again", async () => {
      const { w, ann, ben, postal } = n;
      const expiresAt = await inSeconds(3 * DAY);
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      expect(
        await w.accessGrants
          .connect(connector)
          .openByConnector.staticCall(ann.address, ben.address, [postal], purpose("booking"), expiresAt),
      ).to.deep.equal([connectionId, 1n]);
      await expect(
        w.accessGrants
          .connect(connector)
          .openByConnector(ann.address, ben.address, [postal], purpose("booking"), expiresAt),
      )
        .to.emit(w.accessGrants, "ConnectionOpened")
        .withArgs(
          ann.address,
          ben.address,
          connectionId,
          [postal],
          purpose("booking"),
          expiresAt,
          Consent.Connector,
          connector.address,
          1,
        );
      // the owner's own consent (slot 0) is untouched: there is none
      expect((await w.accessGrants.connectionOf(ann.address, ben.address)).expiresAt).to.equal(0n);
      const [infos, occupied] = await w.accessGrants.consentsOf(ann.address, ben.address);
      expect(occupied).to.equal(0b10n);
      expect(infos[1]?.connector).to.equal(connector.address);
      expect(infos[1]?.expiresAt).to.equal(BigInt(expiresAt));
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(true);

      expect(await w.accessGrants.connect(connector).closeByConnector.staticCall(ann.address, ben.address, 1)).to.equal(
        true,
      );
      await expect(w.accessGrants.connect(connector).closeByConnector(ann.address, ben.address, 1))
        .to.emit(w.accessGrants, "ConnectionClosed")
        .withArgs(ann.address, ben.address, connectionId, CloseReason.Connector, connector.address, 1);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
      expect((await w.accessGrants.consentsOf(ann.address, ben.address))[1]).to.equal(0n);
    });

    it("closing never reverts for a consent the owner closed or that expired; the slot is freed", async () => {
      const { w, ann, ben, cas, postal } = n;
      const close = (owner: string, grantee: string, slot: number) =>
        w.accessGrants.connect(connector).closeByConnector(owner, grantee, slot);
      const open = async (grantee: string) =>
        w.accessGrants
          .connect(connector)
          .openByConnector(ann.address, grantee, [postal], purpose("booking"), await inSeconds(DAY));

      // closed by the owner: the slot stays held (consent cleared) until the connector frees it
      await open(ben.address);
      await w.accessGrants.connect(ann).revoke(ben.address);
      expect((await w.accessGrants.consentsOf(ann.address, ben.address))[1]).to.equal(0b10n);
      expect(await w.accessGrants.connect(connector).closeByConnector.staticCall(ann.address, ben.address, 1)).to.equal(
        false,
      );
      await expect(close(ann.address, ben.address, 1)).to.not.emit(w.accessGrants, "ConnectionClosed");
      expect((await w.accessGrants.consentsOf(ann.address, ben.address))[1]).to.equal(0n);

      // expired: closed without authorizing anything, and reported closed
      await open(cas.address);
      await networkHelpers.time.increase(DAY);
      expect(await w.accessGrants.connect(connector).closeByConnector.staticCall(ann.address, cas.address, 1)).to.equal(
        false,
      );
      await expect(close(ann.address, cas.address, 1)).to.emit(w.accessGrants, "ConnectionClosed");
    });

    it("a connector closes only a slot it holds", async () => {
      const { w, ann, ben, postal } = n;
      const other = w.outsider(9);
      await w.accessGrants.connect(await asGovernance(w)).setConnector(other.address, true);
      await w.accessGrants
        .connect(connector)
        .openByConnector(ann.address, ben.address, [postal], purpose("booking"), await inSeconds(DAY));
      for (const slot of [0, 1, 2, 8]) {
        await expect(w.accessGrants.connect(other).closeByConnector(ann.address, ben.address, slot))
          .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNotSlotHolder")
          .withArgs(other.address, ann.address, ben.address, slot);
      }
      await expect(w.accessGrants.connect(connector).closeByConnector(ann.address, ben.address, 2))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNotSlotHolder")
        .withArgs(connector.address, ann.address, ben.address, 2);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(true);
    });

    it("an unapproved connector cannot open any more, but still closes what it opened", async () => {
      const { w, ann, ben, postal } = n;
      await w.accessGrants
        .connect(connector)
        .openByConnector(ann.address, ben.address, [postal], purpose("booking"), await inSeconds(DAY));
      const { id: number } = await w.accessGrants.connectorOf(connector.address);
      const governance = await asGovernance(w);
      await expect(w.accessGrants.connect(governance).setConnector(connector.address, false))
        .to.emit(w.accessGrants, "ConnectorSet")
        .withArgs(connector.address, number, false, governance.address);
      await expect(
        w.accessGrants
          .connect(connector)
          .openByConnector(ann.address, ben.address, [postal], purpose("booking"), await inSeconds(DAY)),
      )
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNotConnector")
        .withArgs(connector.address);
      await expect(w.accessGrants.connect(connector).closeByConnector(ann.address, ben.address, 1)).to.emit(
        w.accessGrants,
        "ConnectionClosed",
      );
      // approving it again keeps its number
      await expect(w.accessGrants.connect(governance).setConnector(connector.address, true))
        .to.emit(w.accessGrants, "ConnectorSet")
        .withArgs(connector.address, number, true, governance.address);
    });

    it("consents combine: the owner's own and each booking's side by side; each closes on its own", async () => {
      const { w, ann, ben, postal, delivery, email } = n;
      const own = await inSeconds(30 * DAY);
      await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("own"), own);
      const c = w.accessGrants.connect(connector);
      await c.openByConnector(ann.address, ben.address, [delivery], purpose("booking"), await inSeconds(3 * DAY));
      await c.openByConnector(ann.address, ben.address, [email], purpose("booking"), await inSeconds(5 * DAY));
      const [infos, occupied] = await w.accessGrants.consentsOf(ann.address, ben.address);
      expect(occupied).to.equal(0b110n);
      expect([infos[0]?.attributeIds, infos[1]?.attributeIds, infos[2]?.attributeIds]).to.deep.equal([
        [postal],
        [delivery],
        [email],
      ]);
      for (const id of [postal, delivery, email]) {
        expect(await w.accessGrants.isAuthorized(ann.address, ben.address, id)).to.equal(true);
      }
      // the owner re-grants her own: the bookings' consents stay
      await w.accessGrants.connect(ann).grant(ben.address, [n.phone], purpose("own"), own);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, delivery)).to.equal(true);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
      // settling booking 1 leaves booking 2 and the owner's own exactly
      const before = await w.accessGrants.consentsOf(ann.address, ben.address);
      await c.closeByConnector(ann.address, ben.address, 1);
      const after = await w.accessGrants.consentsOf(ann.address, ben.address);
      expect(after[0][0]).to.deep.equal(before[0][0]);
      expect(after[0][2]).to.deep.equal(before[0][2]);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, delivery)).to.equal(false);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, email)).to.equal(true);
      // the freed slot is reused by the next booking
      expect(
        (
          await c.openByConnector.staticCall(ann.address, ben.address, [delivery], purpose("b"), await inSeconds(DAY))
        )[1],
      ).to.equal(1n);
    });

    it("the owner's revoke closes every consent of the pair at once; settling afterwards closes nothing and never fails", async () => {
      const { w, ann, ben, postal, delivery } = n;
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("own"), await inSeconds(30 * DAY));
      const c = w.accessGrants.connect(connector);
      await c.openByConnector(ann.address, ben.address, [delivery], purpose("booking"), await inSeconds(3 * DAY));
      await c.openByConnector(ann.address, ben.address, [postal], purpose("booking"), await inSeconds(3 * DAY));
      const revoked = w.accessGrants.connect(ann).revoke(ben.address);
      for (const slot of [0, 1, 2]) {
        await expect(revoked)
          .to.emit(w.accessGrants, "ConnectionClosed")
          .withArgs(ann.address, ben.address, connectionId, CloseReason.Revoked, ann.address, slot);
      }
      for (const id of [postal, delivery]) {
        expect(await w.accessGrants.isAuthorized(ann.address, ben.address, id)).to.equal(false);
      }
      for (const slot of [1, 2]) {
        await expect(c.closeByConnector(ann.address, ben.address, slot)).to.not.emit(
          w.accessGrants,
          "ConnectionClosed",
        );
      }
      // nothing left to revoke
      await expect(w.accessGrants.connect(ann).revoke(ben.address))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoConnection")
        .withArgs(ann.address, ben.address);
    });

    it("an eighth concurrent booking with data between the same pair is refused with a clear error", async () => {
      const { w, ann, ben, postal } = n;
      const c = w.accessGrants.connect(connector);
      const expiresAt = await inSeconds(DAY);
      for (let slot = 1; slot <= 7; slot++) {
        await expect(c.openByConnector(ann.address, ben.address, [postal], purpose("booking"), expiresAt))
          .to.emit(w.accessGrants, "ConnectionOpened")
          .withArgs(
            ann.address,
            ben.address,
            anyValue,
            [postal],
            purpose("booking"),
            expiresAt,
            Consent.Connector,
            connector.address,
            slot,
          );
      }
      await expect(c.openByConnector(ann.address, ben.address, [postal], purpose("booking"), expiresAt))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoFreeSlot")
        .withArgs(ann.address, ben.address);
      // a cleared slot stays held until its connector frees it
      await w.accessGrants.connect(ann).revoke(ben.address);
      await expect(
        c.openByConnector(ann.address, ben.address, [postal], purpose("booking"), expiresAt),
      ).to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoFreeSlot");
      await c.closeByConnector(ann.address, ben.address, 4);
      await expect(c.openByConnector(ann.address, ben.address, [postal], purpose("booking"), expiresAt))
        .to.emit(w.accessGrants, "ConnectionOpened")
        .withArgs(
          ann.address,
          ben.address,
          anyValue,
          [postal],
          purpose("booking"),
          expiresAt,
          Consent.Connector,
          connector.address,
          4,
        );
    });

    it("a connector's open applies the same checks as the owner's own", async () => {
      const { w, ann, ben, postal, bike } = n;
      const outsider = w.outsider(5);
      const c = w.accessGrants.connect(connector);
      const expiresAt = await inSeconds(DAY);
      await expect(c.openByConnector(outsider.address, ben.address, [postal], purpose("booking"), expiresAt))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNotActiveMember")
        .withArgs(outsider.address);
      await expect(c.openByConnector(ann.address, ben.address, [bike], purpose("booking"), expiresAt))
        .to.be.revertedWithCustomError(w.accessGrants, "PersonAttributesNotPersonAttribute")
        .withArgs(bike);
      await expect(c.openByConnector(ann.address, outsider.address, [postal], purpose("booking"), expiresAt))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidGrantee")
        .withArgs(outsider.address);
    });

    it("rejects bad connector settings", async () => {
      const { w } = n;
      const governance = await asGovernance(w);
      await expect(w.accessGrants.connect(governance).setConnector(ZeroAddress, true))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidConnector")
        .withArgs(ZeroAddress);
      await expect(w.accessGrants.connect(governance).setConnector(connector.address, true))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsConnectorUnchanged")
        .withArgs(connector.address, true);
      await expect(w.accessGrants.connect(governance).setConnector(w.outsider(9).address, false))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsConnectorUnchanged")
        .withArgs(w.outsider(9).address, false);
    });

    it("at most 255 connectors can ever be approved", async () => {
      const { w } = n;
      const governance = await asGovernance(w);
      const calls = [];
      for (let i = Number(await w.accessGrants.connectorCount()); i < 255; i++) {
        calls.push(w.accessGrants.interface.encodeFunctionData("setConnector", [ethers.toBeHex(0x1000 + i, 20), true]));
      }
      await w.accessGrants.connect(governance).multicall(calls);
      expect(await w.accessGrants.connectorCount()).to.equal(255n);
      await expect(
        w.accessGrants.connect(governance).setConnector(ethers.toBeHex(0x9999, 20), true),
      ).to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsTooManyConnectors");
    });
  });

  describe("the connector bootstrap", () => {
    it("the deployment ends it: the deployer keeps no power over connectors", async () => {
      const { w } = n;
      expect(await w.accessGrants.bootstrapper()).to.equal(ZeroAddress);
      await expect(w.accessGrants.connect(w.deployer).setConnector(w.outsider(8).address, true))
        .to.be.revertedWithCustomError(w.accessGrants, "NotGovernance")
        .withArgs(w.deployer.address);
      await expect(w.accessGrants.connect(w.deployer).finishBootstrap())
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNotBootstrapper")
        .withArgs(w.deployer.address);
    });

    it("the bootstrapper approves contracts until it finishes, then only governance can", async () => {
      const { w } = n;
      const bootstrapper = w.outsider(3);
      const fresh = await new AccessGrants__factory(w.deployer).deploy(
        await w.timelock.getAddress(),
        await w.membership.getAddress(),
        await w.networkRules.getAddress(),
        await w.taxonomy.getAddress(),
        await w.applications.getAddress(),
        bootstrapper.address,
      );
      const aContract = await w.membership.getAddress();
      const anotherContract = await w.taxonomy.getAddress();
      expect(await fresh.bootstrapper()).to.equal(bootstrapper.address);
      expect(await fresh.isBootstrapping()).to.equal(true);
      await expect(fresh.connect(w.deployer).setConnector(aContract, true))
        .to.be.revertedWithCustomError(fresh, "NotGovernance")
        .withArgs(w.deployer.address);
      await expect(fresh.connect(w.deployer).finishBootstrap())
        .to.be.revertedWithCustomError(fresh, "AccessGrantsNotBootstrapper")
        .withArgs(w.deployer.address);
      await expect(fresh.connect(bootstrapper).setConnector(aContract, true))
        .to.emit(fresh, "ConnectorSet")
        .withArgs(aContract, 1, true, bootstrapper.address);

      await expect(fresh.connect(bootstrapper).finishBootstrap())
        .to.emit(fresh, "BootstrapFinished")
        .withArgs(bootstrapper.address);
      expect(await fresh.bootstrapper()).to.equal(ZeroAddress);
      expect(await fresh.isBootstrapping()).to.equal(false);
      await expect(fresh.connect(bootstrapper).setConnector(anotherContract, true))
        .to.be.revertedWithCustomError(fresh, "NotGovernance")
        .withArgs(bootstrapper.address);
      await expect(fresh.connect(bootstrapper).finishBootstrap())
        .to.be.revertedWithCustomError(fresh, "AccessGrantsNotBootstrapper")
        .withArgs(bootstrapper.address);
      const governance = await asGovernance(w);
      await expect(fresh.connect(governance).setConnector(w.outsider(9).address, true))
        .to.emit(fresh, "ConnectorSet")
        .withArgs(w.outsider(9).address, 2, true, governance.address);
    });

    it("attack (issue 11): the deployer approves its own account as a connector: refused; after the bootstrap window it can approve nothing", async () => {
      const { w } = n;
      const fresh = await new AccessGrants__factory(w.deployer).deploy(
        await w.timelock.getAddress(),
        await w.membership.getAddress(),
        await w.networkRules.getAddress(),
        await w.taxonomy.getAddress(),
        await w.applications.getAddress(),
        w.deployer.address,
      );
      await expect(fresh.connect(w.deployer).setConnector(w.deployer.address, true))
        .to.be.revertedWithCustomError(fresh, "AccessGrantsConnectorNotContract")
        .withArgs(w.deployer.address);
      // the deployer never calls finishBootstrap: the window lapses by itself
      const endsAt = await fresh.bootstrapEndsAt();
      await networkHelpers.time.increaseTo(endsAt);
      expect(await fresh.isBootstrapping()).to.equal(false);
      await expect(fresh.connect(w.deployer).setConnector(await w.taxonomy.getAddress(), true))
        .to.be.revertedWithCustomError(fresh, "AccessGrantsNotBootstrapper")
        .withArgs(w.deployer.address);
      // finishing late only clears the address
      await expect(fresh.connect(w.deployer).finishBootstrap()).to.emit(fresh, "BootstrapFinished");
    });

    it("without a bootstrapper, only governance approves from the start", async () => {
      const { w } = n;
      const fresh = await new AccessGrants__factory(w.deployer).deploy(
        await w.timelock.getAddress(),
        await w.membership.getAddress(),
        await w.networkRules.getAddress(),
        await w.taxonomy.getAddress(),
        await w.applications.getAddress(),
        ZeroAddress,
      );
      await expect(fresh.connect(w.deployer).finishBootstrap()).to.be.revertedWithCustomError(
        fresh,
        "AccessGrantsNotBootstrapper",
      );
      await expect(fresh.connect(w.deployer).setConnector(w.outsider(8).address, true)).to.be.revertedWithCustomError(
        fresh,
        "NotGovernance",
      );
    });

    it("refuses a zero governance address", async () => {
      const { w } = n;
      const factory = new AccessGrants__factory(w.deployer);
      await expect(
        factory.deploy(
          ZeroAddress,
          await w.membership.getAddress(),
          await w.networkRules.getAddress(),
          await w.taxonomy.getAddress(),
          await w.applications.getAddress(),
          ZeroAddress,
        ),
      ).to.be.revertedWithCustomError(factory, "GovernanceZeroAddress");
    });
  });
});
