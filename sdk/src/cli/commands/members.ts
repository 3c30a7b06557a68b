/**
 * Membership: the member list, applying and leaving, profiles, and what leaders (and the manager) do: admit or
 * reject applicants, suspend and reinstate members, appoint developers; anyone activates a vote after probation.
 */
import type { Command } from "commander";

import { MEMBER_STATUSES, WeconetError } from "../../errors.js";
import type { Cli } from "../context.js";
import { at, choice, parseAddress } from "../parse.js";
import { table } from "../output.js";

const GROUP = "Members and leaders (acting needs --from <address> or WECONET_PRIVATE_KEY):";

/** A reason code: what the contracts keep (32 bytes of text), checked before signing. */
function reasonCode(reason: string | undefined, usage: string): string {
  if (reason === undefined || reason.trim() === "") throw new WeconetError(usage);
  if (new TextEncoder().encode(reason).length > 32) {
    throw new WeconetError(`--reason is a short code of at most 32 bytes (e.g. spam, unpaid), got "${reason}"`);
  }
  return reason;
}

export function registerMembers(program: Command, cli: Cli): void {
  program
    .command("members")
    .helpGroup(GROUP)
    .description("the members with their status, since when, and their roles")
    .option("--status <status>", `only those with this status: ${MEMBER_STATUSES.join(", ")}`)
    .action(async (o: { status?: string }) => {
      const status = choice(o.status, MEMBER_STATUSES, "status");
      const w = await cli.reader();
      const { items: members } = await w.reads.members(status === undefined ? {} : { statuses: [status] });
      cli.print(members, () =>
        table([
          ["account", "status", "member since", "roles"],
          ...members.map((m) => [m.account, m.status, at(m.memberSince), m.roles.join(",")]),
        ]),
      );
    });

  program
    .command("apply")
    .helpGroup(GROUP)
    .description("apply for membership with a profile (a leader admits you)")
    .option("--profile <text or hash>", "your profile document: its text (hashed) or its 0x content hash")
    .action(async (o: { profile?: string }) => {
      if (o.profile === undefined) throw new WeconetError("apply needs --profile <document text or 0x hash>");
      await cli.sent((await cli.actor()).membership.apply({ profile: o.profile }), "applied for membership");
    });

  program
    .command("withdraw-application")
    .helpGroup(GROUP)
    .description("withdraw your pending application")
    .action(async () => {
      await cli.sent((await cli.actor()).membership.withdrawApplication(), "withdrew your application");
    });

  program
    .command("update-profile")
    .helpGroup(GROUP)
    .description("point your membership (or application) to a new profile")
    .option("--profile <text or hash>", "the new profile document: its text (hashed) or its 0x content hash")
    .action(async (o: { profile?: string }) => {
      if (o.profile === undefined) throw new WeconetError("update-profile needs --profile <document text or 0x hash>");
      await cli.sent((await cli.actor()).membership.updateProfile({ profile: o.profile }), "updated your profile");
    });

  program
    .command("leave")
    .helpGroup(GROUP)
    .description("leave the network: your badge is burnt, your vote and roles end")
    .action(async () => {
      await cli.sent((await cli.actor()).membership.leave(), "left the network");
    });

  program
    .command("admit")
    .helpGroup(GROUP)
    .description("(leader) admit an applicant; their vote counts after the probation period")
    .argument("<address>", "the applicant")
    .action(async (address: string) => {
      const applicant = parseAddress(address, "admit <address>");
      await cli.sent((await cli.actor()).membership.admit({ applicant }), `admitted ${applicant}`);
    });

  program
    .command("reject-applicant")
    .helpGroup(GROUP)
    .description("(leader) reject an application, with a short reason code")
    .argument("<address>", "the applicant")
    .option("--reason <code>", "why, as a short code (at most 32 bytes): incomplete, duplicate …")
    .action(async (address: string, o: { reason?: string }) => {
      const applicant = parseAddress(address, "reject-applicant <address>");
      const reason = reasonCode(o.reason, "reject-applicant needs --reason <code> (e.g. incomplete)");
      await cli.sent(
        (await cli.actor()).membership.reject({ applicant, reason }),
        `rejected the application of ${applicant} (${reason})`,
      );
    });

  program
    .command("activate-vote")
    .helpGroup(GROUP)
    .description("make a member's vote count once their probation is over (anyone may)")
    .argument("[member]", "the member (default: --from)")
    .action(async (address: string | undefined) => {
      const member = address === undefined ? undefined : parseAddress(address, "activate-vote [member]");
      await cli.sent(
        (await cli.actor()).membership.activateVote(member === undefined ? {} : { member }),
        `the vote of ${member ?? "your account"} counts from now on`,
      );
    });

  program
    .command("suspend")
    .helpGroup(GROUP)
    .description("(leader: non-leaders; manager: leaders too) suspend a member, who keeps their vote")
    .argument("<member>", "the member")
    .option("--reason <code>", "why, as a short code (at most 32 bytes): spam, fraud …")
    .action(async (address: string, o: { reason?: string }) => {
      const member = parseAddress(address, "suspend <member>");
      const reason = reasonCode(o.reason, "suspend needs --reason <code> (e.g. spam)");
      await cli.sent((await cli.actor()).membership.suspend({ member, reason }), `suspended ${member} (${reason})`);
    });

  program
    .command("reinstate")
    .helpGroup(GROUP)
    .description("reinstate a suspended member (the same or a higher authority than the one that suspended them)")
    .argument("<member>", "the member")
    .action(async (address: string) => {
      const member = parseAddress(address, "reinstate <member>");
      await cli.sent((await cli.actor()).membership.reinstate({ member }), `reinstated ${member}`);
    });

  program
    .command("grant-developer")
    .helpGroup(GROUP)
    .description("(leader) make an active member a community developer (they register applications)")
    .argument("<member>", "the member")
    .action(async (address: string) => {
      const account = parseAddress(address, "grant-developer <member>");
      await cli.sent((await cli.actor()).membership.grantDeveloper({ account }), `${account} is a developer now`);
    });
}
