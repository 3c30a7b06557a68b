/**
 * Data connections: who may read which attributes of whom, for what purpose, until when. Owners grant, change and
 * close them and answer requests; grantees ask for access, withdraw a request, or give access up.
 */
import type { Command } from "commander";
import type { Address } from "viem";

import { WeconetError } from "../../errors.js";
import { CONNECTION_STATES } from "../../reads/access.js";
import type { Cli } from "../context.js";
import { formatDuration } from "../../format/index.js";
import { at, attributeList, attributeNames, choice, days, expiry, parseAddress } from "../parse.js";
import { table } from "../output.js";

const GROUP = "Data connections (acting needs --from or WECONET_PRIVATE_KEY):";

const PURPOSE_HELP = "a DPV term of `weconet purposes`, e.g. dpv:DeliveryOfGoods";

/** The one member a listing is about: --member, else the --from account, else everyone. */
export function memberOf(cli: Cli, member: string | undefined): Address | undefined {
  if (member !== undefined) return parseAddress(member, "--member");
  const from = cli.globals().from;
  return from === undefined ? undefined : parseAddress(from, "--from");
}

export function registerConnections(program: Command, cli: Cli): void {
  program
    .command("connections")
    .helpGroup(GROUP)
    .description("a member's connections (default: --from's, else everyone's)")
    .option("--member <address>", "whose")
    .option("--direction <given|received>", "given (as owner) or received (as grantee); default both")
    .option("--state <state>", `only ${CONNECTION_STATES.join(", ")}`)
    .action(async (o: { member?: string; direction?: string; state?: string }) => {
      const direction = choice(o.direction, ["given", "received", "both"] as const, "direction");
      const state = choice(o.state, CONNECTION_STATES, "state");
      const member = memberOf(cli, o.member);
      const w = await cli.reader();
      const { items: connections } = await w.reads.connections({
        ...(member === undefined ? {} : { member }),
        ...(direction === undefined ? {} : { direction }),
        ...(state === undefined ? {} : { states: [state] }),
      });
      const names = await attributeNames(w);
      cli.print(connections, () =>
        connections.length === 0
          ? "no connections"
          : table([
              ["owner", "grantee", "attributes", "purpose", "state", "expires", "authorizes", "consent"],
              ...connections.map((c) => [
                c.owner,
                c.granteeKind === "application" ? `${c.grantee} (app)` : c.grantee,
                names(c.attributeIds),
                c.purposeText ?? c.purpose,
                c.state,
                at(c.expiresAt),
                c.state === "live" ? names(c.authorizedAttributes) || "nothing" : "-",
                // each source separately: the owner's own consent, or a booking's (its slot)
                c.slot === 0 ? c.consent : `booking (slot ${c.slot})`,
              ]),
            ]),
      );
    });

  program
    .command("grant")
    .helpGroup(GROUP)
    .description("open a connection to a member or application, or change the live one")
    .argument("<grantee>", "who may read")
    .argument("<attributes>", "what: attribute names or ids, separated by commas")
    .option("--purpose <purpose>", `why: ${PURPOSE_HELP}`)
    .option("--days <n>", "for how many days from now")
    .option("--until <date>", "until a date (2026-01-31) or unix time")
    .action(async (granteeText: string, list: string, o: { purpose?: string; days?: string; until?: string }) => {
      const grantee = parseAddress(granteeText, "grant <grantee>");
      const attributes = attributeList(list, "grant needs <grantee> <attribute>[,<attribute>…]");
      if (o.purpose === undefined) throw new WeconetError(`grant needs --purpose <purpose>: ${PURPOSE_HELP}`);
      const until = expiry(o);
      const granted = await (await cli.actor()).access.grant({ grantee, attributes, purpose: o.purpose, ...until });
      cli.print(
        granted,
        () =>
          `${granted.change} connection ${granted.connectionId} to ${grantee} until ${at(granted.expiresAt)} (transaction ${granted.hash})`,
      );
    });

  program
    .command("revoke")
    .helpGroup(GROUP)
    .description("close your connection to a grantee (every consent of it)")
    .argument("<grantee>", "the grantee")
    .action(async (text: string) => {
      const grantee = parseAddress(text, "revoke <grantee>");
      await cli.sent((await cli.actor()).access.revoke({ grantee }), `closed the connection to ${grantee}`);
    });

  program
    .command("relinquish")
    .helpGroup(GROUP)
    .description("as a grantee, give up your access to an owner's data")
    .argument("<owner>", "the owner")
    .action(async (text: string) => {
      const owner = parseAddress(text, "relinquish <owner>");
      await cli.sent((await cli.actor()).access.relinquish({ owner }), `gave up the connection from ${owner}`);
    });

  program
    .command("requests")
    .helpGroup(GROUP)
    .description("pending access requests (default: to and by --from, else everyone's)")
    .option("--member <address>", "whose")
    .option("--direction <incoming|outgoing>", "to the member (incoming) or by them (outgoing); default both")
    .option("--all", "also accepted, rejected and cancelled ones", false)
    .action(async (o: { member?: string; direction?: string; all: boolean }) => {
      const direction = choice(o.direction, ["incoming", "outgoing", "both"] as const, "direction");
      const member = memberOf(cli, o.member);
      const w = await cli.reader();
      const { items: requests } = await w.reads.requests({
        ...(member === undefined ? {} : { member }),
        ...(direction === undefined ? {} : { direction }),
        ...(o.all ? { statuses: ["pending", "accepted", "rejected", "cancelled"] as const } : {}),
      });
      const names = await attributeNames(w);
      cli.print(requests, () =>
        requests.length === 0
          ? "no requests"
          : table([
              ["owner", "grantee", "attributes", "purpose", "for", "status", "lapses"],
              ...requests.map((r) => [
                r.owner,
                r.grantee,
                names(r.attributeIds),
                r.purposeText ?? r.purpose,
                `${Math.round((r.duration / 86_400) * 100) / 100} days`,
                r.lapsed ? "lapsed" : r.status,
                at(r.expiresAt),
              ]),
            ]),
      );
    });

  program
    .command("request-access")
    .helpGroup(GROUP)
    .description("ask an owner for access to some of their attributes (replaces your pending request to them)")
    .argument("<owner>", "whose data")
    .argument("<attributes>", "attribute names or ids, separated by commas")
    .option("--purpose <purpose>", `why: ${PURPOSE_HELP}`)
    .option("--days <n>", "for how many days from the owner's acceptance")
    .action(async (ownerText: string, list: string, o: { purpose?: string; days?: string }) => {
      const owner = parseAddress(ownerText, "request-access <owner>");
      const attributes = attributeList(list, "request-access needs <owner> <attribute>[,<attribute>…]");
      if (o.purpose === undefined) throw new WeconetError(`request-access needs --purpose <purpose>: ${PURPOSE_HELP}`);
      if (o.days === undefined) throw new WeconetError("request-access needs --days <n>: how long, once accepted");
      const duration = days(o.days, "--days");
      const asked = await (await cli.actor()).access.requestAccess({ owner, attributes, purpose: o.purpose, duration });
      cli.print(
        asked,
        () =>
          `asked ${owner} for ${attributes.join(",")} for ${formatDuration(duration)}; the request lapses ${at(asked.requestExpiresAt)} (transaction ${asked.hash})`,
      );
    });

  program
    .command("cancel-request")
    .helpGroup(GROUP)
    .description("withdraw your pending request to an owner")
    .argument("<owner>", "the owner you asked")
    .action(async (text: string) => {
      const owner = parseAddress(text, "cancel-request <owner>");
      await cli.sent((await cli.actor()).access.cancelRequest({ owner }), `withdrew your request to ${owner}`);
    });

  program
    .command("accept")
    .helpGroup(GROUP)
    .description("accept a grantee's pending request to you, as asked")
    .argument("<grantee>", "who asked")
    .action(async (text: string) => {
      const grantee = parseAddress(text, "accept <grantee>");
      const granted = await (await cli.actor()).access.acceptRequest({ grantee });
      cli.print(
        granted,
        () =>
          `accepted: ${granted.change} connection ${granted.connectionId} to ${grantee} until ${at(granted.expiresAt)} (transaction ${granted.hash})`,
      );
    });

  program
    .command("reject")
    .helpGroup(GROUP)
    .description("reject a grantee's pending request to you")
    .argument("<grantee>", "who asked")
    .option("--reason <code>", "why, as a short code (not-needed …)")
    .action(async (text: string, o: { reason?: string }) => {
      const grantee = parseAddress(text, "reject <grantee>");
      await cli.sent(
        (await cli.actor()).access.rejectRequest({ grantee, ...(o.reason === undefined ? {} : { reason: o.reason }) }),
        `rejected the request of ${grantee}`,
      );
    });
}
