/**
 * Governance: proposals and their tallies, proposing a rule change or a new default socket, voting, queueing and
 * executing. One member has one vote (after probation); nobody delegates. Proposal ids are 78 digits: wherever
 * one is typed, its first digits do (or "first…last" as the lists show it).
 */
import type { Command } from "commander";

import { SUPPORT_VALUES, type Support } from "../../actions/governance.js";
import { PROPOSAL_STATES, WeconetError } from "../../errors.js";
import type { Rule } from "../../reads/rules.js";
import type { Cli } from "../context.js";
import { formatRuleValue, ruleInfo } from "../../format/index.js";
import { at, choice, proposalId } from "../parse.js";
import { table } from "../output.js";

const GROUP = "Governance (one member, one vote; acting needs --from or WECONET_PRIVATE_KEY):";

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * A rule's new value as typed: the integer the contract keeps (150), or in the rule's own unit: a percentage for
 * a fee ("1.5%"), a duration for a period ("10 days", "36h"). Checked against the rule's bounds.
 */
export function ruleValue(rule: Rule, typed: string | undefined): bigint {
  const text = (typed ?? "").trim();
  const kind = ruleInfo(rule.name).kind;
  let value: bigint | undefined;
  if (/^\d+$/.test(text)) value = BigInt(text);
  const percent = /^(\d+(?:\.\d{1,2})?)\s*%$/.exec(text);
  if (percent !== null && kind === "bps") value = BigInt(Math.round(Number(percent[1]) * 100));
  const duration = /^(\d+(?:\.\d+)?)\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?|w|weeks?)$/.exec(text);
  if (duration !== null && kind === "duration") {
    value = BigInt(Math.round(Number(duration[1]) * (UNITS[duration[2]?.[0] ?? "s"] ?? 1)));
  }
  if (value === undefined) {
    throw new WeconetError(
      `the value of ${rule.name} must be a whole number${kind === "bps" ? " (basis points) or a percentage such as 1.5%" : kind === "duration" ? " (seconds) or a duration such as 10 days" : ""}, got "${typed ?? ""}"`,
    );
  }
  if (value < rule.min || value > rule.max) {
    throw new WeconetError(
      `${rule.name} must be from ${formatRuleValue(rule.name, rule.min)} to ${formatRuleValue(rule.name, rule.max)}, got ${formatRuleValue(rule.name, value)}`,
    );
  }
  return value;
}

export function registerGovernance(program: Command, cli: Cli): void {
  program
    .command("proposals")
    .helpGroup(GROUP)
    .description("proposals, newest first, with their state, tally and voting deadline")
    .option("--state <state>", `only those in this state: ${PROPOSAL_STATES.join(", ")}`)
    .action(async (o: { state?: string }) => {
      const state = choice(o.state, PROPOSAL_STATES, "state");
      const w = await cli.reader();
      const { items: proposals } = await w.reads.proposals(state === undefined ? {} : { states: [state] });
      cli.print(proposals, () =>
        proposals.length === 0
          ? "no proposals"
          : table([
              ["id", "state", "for/against/abstain", "deadline", "title"],
              ...proposals.map((p) => [
                p.id.toString(),
                p.state,
                `${p.votes.for}/${p.votes.against}/${p.votes.abstain}`,
                at(p.deadline),
                p.title,
              ]),
            ]),
      );
    });

  program
    .command("propose-rule")
    .helpGroup(GROUP)
    .description("propose a new value for a network rule (see `weconet rules`)")
    .argument("<rule>", "the rule, e.g. marketFeeBps")
    .argument("<value>", 'the new value: as the contract keeps it (200), or "2%", "10 days"')
    .option("--title <text>", "the proposal's title")
    .option("--rationale <text>", "why (Markdown)")
    .action(async (name: string, typed: string, o: { title?: string; rationale?: string }) => {
      if (o.title === undefined) throw new WeconetError("propose-rule needs <rule> <value> --title <text>");
      const w = await cli.actor();
      const rules = await w.reads.rules();
      const rule = rules.find((r) => r.name === name);
      if (rule === undefined) {
        throw new WeconetError(`unknown rule "${name}": one of ${rules.map((r) => r.name).join(", ")}`);
      }
      const value = ruleValue(rule, typed);
      const { hash, proposalId: id } = await w.governance.proposeRuleChange({
        rule: name,
        value,
        title: o.title,
        ...(o.rationale === undefined ? {} : { rationale: o.rationale }),
      });
      cli.print(
        { hash, proposalId: id },
        () =>
          `proposed ${id}: ${name} ${formatRuleValue(name, rule.value)} → ${formatRuleValue(name, value)} (transaction ${hash})`,
      );
    });

  program
    .command("propose-default-socket")
    .helpGroup(GROUP)
    .description("propose a new default socket (where members who name none keep their data)")
    .argument("<url>", "the socket's URL (http:// or https://)")
    .option("--title <text>", "the proposal's title (default: says what it does)")
    .option("--rationale <text>", "why (Markdown)")
    .action(async (url: string, o: { title?: string; rationale?: string }) => {
      const { hash, proposalId: id } = await (
        await cli.actor()
      ).governance.proposeDefaultSocket({
        url,
        ...(o.title === undefined ? {} : { title: o.title }),
        ...(o.rationale === undefined ? {} : { rationale: o.rationale }),
      });
      cli.print({ hash, proposalId: id }, () => `proposed ${id} (transaction ${hash})`);
    });

  program
    .command("vote")
    .helpGroup(GROUP)
    .description("vote on an active proposal (the whole id, or its first digits)")
    .argument("<proposal>", "the proposal id, or its first digits")
    .argument("<support>", "for, against or abstain")
    .option("--reason <text>", "why (recorded with the vote)")
    .action(async (typed: string, support: string, o: { reason?: string }) => {
      if (!(support in SUPPORT_VALUES)) {
        throw new WeconetError(`vote needs for, against or abstain, got "${support}"`);
      }
      const w = await cli.actor();
      const id = await proposalId(w, typed);
      await cli.sent(
        w.governance.vote({
          proposalId: id,
          support: support as Support,
          ...(o.reason === undefined ? {} : { reason: o.reason }),
        }),
        `voted ${support} on ${id}`,
      );
    });

  program
    .command("queue")
    .helpGroup(GROUP)
    .description("queue a succeeded proposal in the timelock")
    .argument("<proposal>", "the proposal id, or its first digits")
    .action(async (typed: string) => {
      const w = await cli.actor();
      const id = await proposalId(w, typed);
      await cli.sent(w.governance.queue({ proposalId: id }), `queued ${id}`);
    });

  program
    .command("execute")
    .helpGroup(GROUP)
    .description("execute a queued proposal once the timelock's delay is over")
    .argument("<proposal>", "the proposal id, or its first digits")
    .action(async (typed: string) => {
      const w = await cli.actor();
      const id = await proposalId(w, typed);
      await cli.sent(w.governance.execute({ proposalId: id }), `executed ${id}`);
    });
}
