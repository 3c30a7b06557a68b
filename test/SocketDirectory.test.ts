import { expect } from "chai";
import { ZeroAddress } from "ethers";

import { decodeWeconetError, proposalCalls, socketUrlProblem, type Deployment } from "@weconet/sdk";

import { SocketDirectory__factory } from "../typechain-types/index.js";
import { nth, profileHash, reason, sdkDeployment } from "./helpers/deployment.js";
import { admitNewcomer, applicantAndSuspended, coreFixture } from "./helpers/fixtures.js";
import { enact } from "./helpers/governance.js";

/** The default socket of the Ignition module (deploy/modules/Socket.ts) when no parameter names another. */
const DEFAULT = "http://127.0.0.1:8600";
const HOME = "https://socket.example.org";
const COMMONS = "https://commons.example.net/v1";

/** A URL of exactly `length` bytes. */
const urlOfLength = (length: number) => HOME + "/" + "a".repeat(length - HOME.length - 1);

/** URLs the directory refuses, with the error and its arguments. */
const INVALID_URLS: [label: string, url: string, error: string, args: unknown[]][] = [
  ["empty", "", "SocketDirectoryEmptyUrl", []],
  ["201 bytes", urlOfLength(201), "SocketDirectoryUrlTooLong", [201n, 200n]],
  ["no scheme", "socket.example.org", "SocketDirectoryUrlNotHttp", []],
  ["another scheme", "ftp://socket.example.org", "SocketDirectoryUrlNotHttp", []],
  ["a scheme in capitals", "HTTPS://socket.example.org", "SocketDirectoryUrlNotHttp", []],
  ["a half scheme", "http:/socket.example.org", "SocketDirectoryUrlNotHttp", []],
  ["the scheme alone (http)", "http://", "SocketDirectoryUrlNotHttp", []],
  ["the scheme alone (https)", "https://", "SocketDirectoryUrlNotHttp", []],
  ["javascript:", "javascript:alert(1)", "SocketDirectoryUrlNotHttp", []],
  ["a space", "https://socket.example.org/my data", "SocketDirectoryUrlInvalidCharacter", [29n]],
  ["a newline", "https://a.example\n.evil.org", "SocketDirectoryUrlInvalidCharacter", [17n]],
  ["a tab", "https://\tsocket.example.org", "SocketDirectoryUrlInvalidCharacter", [8n]],
  ["a DEL", "https://socket.example.org\x7f", "SocketDirectoryUrlInvalidCharacter", [26n]],
  // "ä" is two bytes in UTF-8, the first at index 10: a look-alike host must be written in punycode
  ["non-ASCII", "https://exämple.org", "SocketDirectoryUrlInvalidCharacter", [10n]],
];

describe("SocketDirectory", () => {
  it("is wired to the timelock and the membership, with the deployment's default socket", async () => {
    const w = await coreFixture();
    expect(await w.socketDirectory.governance()).to.equal(await w.timelock.getAddress());
    expect(await w.socketDirectory.membership()).to.equal(await w.membership.getAddress());
    expect(await w.socketDirectory.defaultSocket()).to.equal(DEFAULT);
    expect(await w.socketDirectory.MAX_URL_LENGTH()).to.equal(200n);
    expect(await w.socketDirectory.socketOf(w.outsider(0).address)).to.equal(DEFAULT);
    expect(await w.socketDirectory.ownSocketOf(nth(w.members, 0).address)).to.equal("");
  });

  describe("constructor", () => {
    it("announces the initial default as set by the deployer", async () => {
      const w = await coreFixture();
      const factory = new SocketDirectory__factory(w.deployer);
      const directory = await factory.deploy(await w.timelock.getAddress(), await w.membership.getAddress(), HOME);
      await expect(directory.deploymentTransaction())
        .to.emit(directory, "DefaultSocketSet")
        .withArgs(HOME, w.deployer.address);
      expect(await directory.defaultSocket()).to.equal(HOME);
    });

    it("refuses a zero governance, a zero membership and an invalid default URL", async () => {
      const w = await coreFixture();
      const factory = new SocketDirectory__factory(w.deployer);
      const [timelock, membership] = [await w.timelock.getAddress(), await w.membership.getAddress()];
      await expect(factory.deploy(ZeroAddress, membership, HOME)).to.be.revertedWithCustomError(
        factory,
        "GovernanceZeroAddress",
      );
      await expect(factory.deploy(timelock, ZeroAddress, HOME)).to.be.revertedWithCustomError(
        factory,
        "SocketDirectoryZeroAddress",
      );
      for (const [label, url, error, args] of INVALID_URLS) {
        await expect(factory.deploy(timelock, membership, url), label)
          .to.be.revertedWithCustomError(factory, error)
          .withArgs(...args);
      }
    });
  });

  describe("setSocket", () => {
    it("an active member names their own socket: socketOf and ownSocketOf return it, others keep the default", async () => {
      const w = await coreFixture();
      const [member, other] = [nth(w.members, 0), nth(w.members, 1)];
      await expect(w.socketDirectory.connect(member).setSocket(HOME))
        .to.emit(w.socketDirectory, "SocketSet")
        .withArgs(member.address, HOME);
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(HOME);
      expect(await w.socketDirectory.ownSocketOf(member.address)).to.equal(HOME);
      expect(await w.socketDirectory.socketOf(other.address)).to.equal(DEFAULT);
      expect(await w.socketDirectory.ownSocketOf(other.address)).to.equal("");
    });

    it("moves to another socket, http or https, up to 200 bytes", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 0);
      for (const url of [HOME, "http://192.168.1.20:8600", urlOfLength(200), "http://x"]) {
        await expect(w.socketDirectory.connect(member).setSocket(url), url)
          .to.emit(w.socketDirectory, "SocketSet")
          .withArgs(member.address, url);
        expect(await w.socketDirectory.socketOf(member.address)).to.equal(url);
      }
    });

    it("refuses the URL the member named already", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 0);
      await w.socketDirectory.connect(member).setSocket(HOME);
      await expect(w.socketDirectory.connect(member).setSocket(HOME))
        .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectorySocketUnchanged")
        .withArgs(member.address);
    });

    it("refuses every malformed URL, and the SDK says why in the same words before sending", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 0);
      for (const [label, url, error, args] of INVALID_URLS) {
        await expect(w.socketDirectory.connect(member).setSocket(url), label)
          .to.be.revertedWithCustomError(w.socketDirectory, error)
          .withArgs(...args);
        const data = w.socketDirectory.interface.encodeErrorResult(error, args);
        expect(socketUrlProblem(url), label).to.equal(decodeWeconetError(data as `0x${string}`)?.message);
      }
      for (const url of [HOME, DEFAULT, urlOfLength(200)]) expect(socketUrlProblem(url), url).to.equal(undefined);
    });

    it("refuses an outsider, an applicant, a suspended member and a removed member", async () => {
      const w = await coreFixture();
      const { applicant, suspended } = await applicantAndSuspended(w);
      const removed = nth(w.members, 2);
      await w.membership.connect(w.asTimelock).remove(removed.address, reason("fraud"));
      for (const account of [w.outsider(0), applicant, suspended, removed]) {
        await expect(w.socketDirectory.connect(account).setSocket(HOME))
          .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectoryNotActiveMember")
          .withArgs(account.address);
        expect(await w.socketDirectory.socketOf(account.address)).to.equal(DEFAULT);
      }
    });

    it("nobody can point another member's data elsewhere: a leader, the manager or the timelock writes only their own", async () => {
      const w = await coreFixture();
      const victim = nth(w.members, 0);
      await w.socketDirectory.connect(victim).setSocket(HOME);
      const evil = "https://evil.example.com";
      for (const attacker of [nth(w.leaders, 0), w.manager, w.developer, nth(w.members, 1)]) {
        await expect(w.socketDirectory.connect(attacker).setSocket(evil))
          .to.emit(w.socketDirectory, "SocketSet")
          .withArgs(attacker.address, evil);
        await expect(w.socketDirectory.connect(attacker).clearSocket())
          .to.emit(w.socketDirectory, "SocketCleared")
          .withArgs(attacker.address);
      }
      // the governance executor is no member: it changes only the default, never a member's own pointer
      await expect(w.socketDirectory.connect(w.asTimelock).setSocket(evil))
        .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectoryNotActiveMember")
        .withArgs(w.asTimelock.address);
      await w.socketDirectory.connect(w.asTimelock).setDefaultSocket(evil);
      expect(await w.socketDirectory.socketOf(victim.address)).to.equal(HOME);
    });
  });

  describe("a member who is no longer active", () => {
    it("a suspended member's pointer still says where their data lives; they may drop it, not move it", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 1);
      await w.socketDirectory.connect(member).setSocket(HOME);
      await w.membership.connect(nth(w.leaders, 0)).suspend(member.address, reason("spam"));
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(HOME);
      await expect(w.socketDirectory.connect(member).setSocket(COMMONS))
        .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectoryNotActiveMember")
        .withArgs(member.address);
      await w.membership.connect(nth(w.leaders, 0)).reinstate(member.address);
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(HOME);
      await w.membership.connect(nth(w.leaders, 0)).suspend(member.address, reason("spam"));
      await expect(w.socketDirectory.connect(member).clearSocket())
        .to.emit(w.socketDirectory, "SocketCleared")
        .withArgs(member.address);
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(DEFAULT);
    });

    it("a removed member's pointer stays (they must still find their data to erase it); they may drop it", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 2);
      await w.socketDirectory.connect(member).setSocket(HOME);
      await w.membership.connect(w.asTimelock).remove(member.address, reason("fraud"));
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(HOME);
      expect(await w.socketDirectory.ownSocketOf(member.address)).to.equal(HOME);
      await expect(w.socketDirectory.connect(member).setSocket(COMMONS))
        .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectoryNotActiveMember")
        .withArgs(member.address);
      await expect(w.socketDirectory.connect(member).clearSocket())
        .to.emit(w.socketDirectory, "SocketCleared")
        .withArgs(member.address);
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(DEFAULT);
    });

    it("a member who left keeps their pointer, and finds it again on re-joining", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 2);
      await w.socketDirectory.connect(member).setSocket(HOME);
      await w.membership.connect(member).leave();
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(HOME);
      await w.membership.connect(member).applyForMembership(profileHash("back"));
      await w.membership.connect(nth(w.leaders, 0)).admit(member.address);
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(HOME);
      await expect(w.socketDirectory.connect(member).setSocket(COMMONS))
        .to.emit(w.socketDirectory, "SocketSet")
        .withArgs(member.address, COMMONS);
    });

    it("a newcomer on probation may name their socket at once (acting needs no vote)", async () => {
      const w = await coreFixture();
      const newcomer = w.outsider(3);
      await admitNewcomer(w, newcomer, "newcomer");
      await expect(w.socketDirectory.connect(newcomer).setSocket(HOME))
        .to.emit(w.socketDirectory, "SocketSet")
        .withArgs(newcomer.address, HOME);
    });
  });

  describe("clearSocket", () => {
    it("drops the member's own socket: the default serves them again", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 0);
      await w.socketDirectory.connect(member).setSocket(HOME);
      await expect(w.socketDirectory.connect(member).clearSocket())
        .to.emit(w.socketDirectory, "SocketCleared")
        .withArgs(member.address);
      expect(await w.socketDirectory.socketOf(member.address)).to.equal(DEFAULT);
      expect(await w.socketDirectory.ownSocketOf(member.address)).to.equal("");
    });

    it("refuses when there is no own socket to drop (never set, or dropped already)", async () => {
      const w = await coreFixture();
      const member = nth(w.members, 0);
      await expect(w.socketDirectory.connect(member).clearSocket())
        .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectoryNoSocket")
        .withArgs(member.address);
      await w.socketDirectory.connect(member).setSocket(HOME);
      await w.socketDirectory.connect(member).clearSocket();
      await expect(w.socketDirectory.connect(member).clearSocket())
        .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectoryNoSocket")
        .withArgs(member.address);
      await expect(w.socketDirectory.connect(w.outsider(0)).clearSocket())
        .to.be.revertedWithCustomError(w.socketDirectory, "SocketDirectoryNoSocket")
        .withArgs(w.outsider(0).address);
    });
  });

  describe("setDefaultSocket", () => {
    it("the governance executor changes the default for every member who named none", async () => {
      const w = await coreFixture();
      const [own, none] = [nth(w.members, 0), nth(w.members, 1)];
      await w.socketDirectory.connect(own).setSocket(HOME);
      await expect(w.socketDirectory.connect(w.asTimelock).setDefaultSocket(COMMONS))
        .to.emit(w.socketDirectory, "DefaultSocketSet")
        .withArgs(COMMONS, w.asTimelock.address);
      expect(await w.socketDirectory.defaultSocket()).to.equal(COMMONS);
      expect(await w.socketDirectory.socketOf(none.address)).to.equal(COMMONS);
      expect(await w.socketDirectory.socketOf(own.address)).to.equal(HOME);
    });

    it("refuses the current default and malformed URLs", async () => {
      const w = await coreFixture();
      await expect(w.socketDirectory.connect(w.asTimelock).setDefaultSocket(DEFAULT)).to.be.revertedWithCustomError(
        w.socketDirectory,
        "SocketDirectoryDefaultUnchanged",
      );
      for (const [label, url, error, args] of INVALID_URLS) {
        await expect(w.socketDirectory.connect(w.asTimelock).setDefaultSocket(url), label)
          .to.be.revertedWithCustomError(w.socketDirectory, error)
          .withArgs(...args);
      }
    });

    it("refuses everyone but the governance executor: members, leaders, the manager, the deployer, the governor", async () => {
      const w = await coreFixture();
      for (const caller of [w.outsider(0), nth(w.members, 0), nth(w.leaders, 0), w.manager, w.deployer, w.asGovernor]) {
        await expect(w.socketDirectory.connect(caller).setDefaultSocket(COMMONS))
          .to.be.revertedWithCustomError(w.socketDirectory, "NotGovernance")
          .withArgs(caller.address);
      }
      expect(await w.socketDirectory.defaultSocket()).to.equal(DEFAULT);
    });

    it("the members' vote changes it through the SDK's proposal call", async () => {
      const w = await coreFixture();
      const call = proposalCalls.setDefaultSocket(await sdkDeployment(w), COMMONS);
      const { receipt } = await enact(w, [call], "# Move the data commons\n\nThe new host is ours.");
      const events = receipt.logs
        .filter((log) => log.address === call.target)
        .map((log) => w.socketDirectory.interface.parseLog(log)?.name);
      expect(events).to.deep.equal(["DefaultSocketSet"]);
      expect(await w.socketDirectory.defaultSocket()).to.equal(COMMONS);
      expect(() => proposalCalls.setDefaultSocket({ contracts: {} } as Deployment, "ftp://x")).to.throw(
        "propose a default socket: A socket URL must start with http:// or https:// followed by the host.",
      );
    });
  });
});
