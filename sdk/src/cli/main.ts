/**
 * The `weconet` command: the network's status and lists, the everyday actions of members, leaders and
 * developers, and the auditor's export and verification. `weconet help` lists everything.
 */
import { parseArgs } from "node:util";

import { erc20Abi, formatUnits, parseUnits, type Address } from "viem";

import type { Expiry } from "../actions/access.js";
import { encodeRegistrationConsent, parseRegistrationConsent } from "../actions/applications.js";
import { SUPPORT_VALUES, type Support } from "../actions/governance.js";
import { BOOKING_ROLE_NAMES, describeBookingAction, type BookingRole } from "../booking-actions.js";
import { latestBlock } from "../client.js";
import type { AttributeWant } from "../matching.js";
import { CONNECTION_STATES } from "../reads/access.js";
import { ETH } from "../reads/market.js";
import { documentsFromDirectory } from "../node/documents.js";
import {
  APPLICATION_STATUSES,
  BOOKING_STATUSES,
  bytes32ToText,
  MEMBER_STATUSES,
  PROPOSAL_STATES,
  toWeconetError,
  WeconetError,
} from "../errors.js";
import { filterEvents, toJson, type AuditFilter } from "../audit/timeline.js";
import { compareSources, formatDifferences, verifyRows } from "../audit/verify.js";
import { indexerSource } from "../indexer/graphql-source.js";
import { CONTRACT_NAMES, type ContractName } from "../contracts.js";
import { exportEvents, writeEvents, type ExportFormat } from "../node/export.js";
import { progressBar } from "../node/progress.js";
import { describePurpose, PURPOSES } from "../purposes.js";
import type { Weconet } from "../weconet.js";
import { connect, indexerUrl, parseAddress, DEFAULT_RPC } from "./connect.js";
import { DATA_USAGE, dataCommand, docCommand } from "./data.js";
import { table } from "./output.js";

const USAGE = `weconet <command> [options]

Network
  status                                 contracts, manager, members, rules, governance settings, treasury
  members [--status active|applicant|suspended|none|removed]
  proposals [--state pending|active|succeeded|queued|executed|defeated|canceled|expired]
  rules                                  every network rule and its value
  taxonomy                               the shared vocabulary
  resources [--owner <address>]
  purposes                               the purposes a connection may state (W3C DPV terms) and their codes
  socket [member]                        where a member's data lives (default: --from): their socket or the default

Members and leaders (need --from <address> or WECONET_PRIVATE_KEY)
  apply --profile <document text or 0x hash>
  leave
  admit <address>                        (leader) the newcomer votes after the probation period
  activate-vote [member]                 make a member's vote count once their probation is over (anyone;
                                         default: --from)
  register-resource <class> --metadata <document text or 0x hash>
  propose-rule <rule> <value> --title <text> [--rationale <text>]
  propose-default-socket <url> [--title <text>] [--rationale <text>]
                                         propose a new default socket (where members who name none keep data)
  set-socket <url>                       name the socket that serves your data (http:// or https://)
  clear-socket                           drop it: the network's default socket serves you again
  vote <proposal id> <for|against|abstain> [--reason <text>]
  queue <proposal id>
  execute <proposal id>

Data connections and applications
  connections [--member <address>] [--direction given|received] [--state live|expired|closed]
                                         a member's connections (default: --from's, else everyone's)
  grant <grantee> <attribute>[,<attribute>…] --purpose <purpose> (--days <n> | --until <date>)
                                         open or change a connection (attributes by name or id; the purpose a
                                         DPV term of \`weconet purposes\`, e.g. dpv:DeliveryOfGoods)
  revoke <grantee>                       close your connection to a grantee
  requests [--member <address>] [--direction incoming|outgoing] [--all]
                                         pending requests (default: to --from, else everyone's)
  accept <grantee>                       accept a grantee's pending request (as asked)
  reject <grantee> [--reason <code>]     reject it
  apps [--developer <address>] [--status active|suspended|retired]
  app-consent --developer <address>     as the application account: sign its consent to be registered by the
                                         developer (prints the consent to hand over; nothing is sent)
  register-app <account> <attribute>[,<attribute>…] --name <text> --metadata <uri> --purpose <purpose>
         --consent <consent JSON>        (developer) register an application with its account's consent

Market
  offers [--class <name>] [--subclasses] [--token ETH|<symbol>|<address>] [--max-price <amount>]
         [--provider <address>] [--all]          live offers, cheapest first (--all: paused, closed, sold out too)
  offers --match --class <name> --quantity <n> --max-price <amount> [--token …]
         [--want <attribute>=<value> | <attribute><=<n> | <attribute>>=<n>]… [--documents <dir>]
                                         offers ranked for a need, each score explained
  book <offer id> [--quantity <n>]        book at the offer's current version and price (approves an ERC-20 first)
  bookings [--member <address>] [--role consumer|provider] [--status <status>]
                                         bookings with their escrow and who acts next (dispute deadlines too)
  rule-dispute <booking id> <refund> --ruling <text or 0x hash>
                                         (leader who is neither party) split a disputed escrow
  propose-ruling <booking id> <refund> --ruling <text or 0x hash> [--title <text>] [--rationale <text>]
                                         propose that the members' vote rule (executable after the leaders'
                                         ruling period, until the dispute's final deadline)
  settle-dispute <booking id>            (anyone) settle a dispute past its final deadline: full refund
  withdraw [--token ETH|<symbol>|<address>]  collect what the market credited you

${DATA_USAGE}

Auditor
  audit export [--format jsonl|csv] [--out <file>] [--from-block <n>] [--to-block <n>]
               [--member <address>]… [--attribute <id or name>]… [--proposal <id>]… [--resource <id>]…
               [--offer <id>]… [--booking <id>]… [--request <id>]… [--contract <name>]… [--event <name>]…
  audit verify [--from-block <n>] [--to-block <n>]   (with --indexer: its tables too, against the contracts
                                                   and against the SDK's own fold, at the indexer's block)

Options
  --rpc <url>          the node (WECONET_RPC_URL; default ${DEFAULT_RPC})
  --deployment <dir>   Ignition's deployment directory (WECONET_DEPLOYMENT; default deploy/deployments/chain-<id>)
  --from <address>     act as an account the node holds (local development accounts)
  --indexer <url>      the Weconet indexer the lists read (WECONET_INDEXER_URL; default: none, the CLI folds
                       the node's events itself; \`npm start\` runs one on http://127.0.0.1:42069)
  --socket <url>       the data socket (WECONET_SOCKET_URL; default: the member's socket named on-chain)
  --yes                confirm without asking (data erase)
  --json               machine-readable output
`;

const { values: flags, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        rpc: { type: "string" },
        deployment: { type: "string" },
        indexer: { type: "string" },
        from: { type: "string" },
        json: { type: "boolean", default: false },
        status: { type: "string" },
        state: { type: "string" },
        owner: { type: "string" },
        profile: { type: "string" },
        metadata: { type: "string" },
        title: { type: "string" },
        rationale: { type: "string" },
        ruling: { type: "string" },
        reason: { type: "string" },
        purpose: { type: "string" },
        days: { type: "string" },
        until: { type: "string" },
        direction: { type: "string" },
        developer: { type: "string" },
        name: { type: "string" },
        consent: { type: "string" },
        all: { type: "boolean", default: false },
        class: { type: "string" },
        subclasses: { type: "boolean", default: false },
        token: { type: "string" },
        "max-price": { type: "string" },
        provider: { type: "string" },
        match: { type: "boolean", default: false },
        quantity: { type: "string" },
        want: { type: "string", multiple: true },
        documents: { type: "string" },
        role: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        "from-block": { type: "string" },
        "to-block": { type: "string" },
        member: { type: "string", multiple: true },
        attribute: { type: "string", multiple: true },
        proposal: { type: "string", multiple: true },
        resource: { type: "string", multiple: true },
        offer: { type: "string", multiple: true },
        booking: { type: "string", multiple: true },
        request: { type: "string", multiple: true },
        contract: { type: "string", multiple: true },
        event: { type: "string", multiple: true },
        socket: { type: "string" },
        yes: { type: "boolean", default: false },
        verify: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
})();

function usageError(message: string): never {
  process.stderr.write(`weconet: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function bigintArg(value: string | undefined, what: string): bigint {
  if (value === undefined || !/^\d+$/.test(value))
    throw new WeconetError(`${what} must be a whole number, got "${value ?? ""}"`);
  return BigInt(value);
}

const optionalBlock = (value: string | undefined, what: string) =>
  value === undefined ? undefined : bigintArg(value, what);

function print(value: unknown, human: () => string): void {
  process.stdout.write((flags.json ? toJson(value) : human()) + "\n");
}

const at = (seconds: number | bigint) => (Number(seconds) === 0 ? "-" : new Date(Number(seconds) * 1000).toISOString());

async function sent(action: Promise<{ hash: string }>, what: string): Promise<void> {
  const { hash } = await action;
  print({ hash }, () => `${what} (transaction ${hash})`);
}

/** `value` when it is one of `allowed`; a clear message otherwise. */
function choice<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new WeconetError(`unknown ${what} "${value}": one of ${allowed.join(", ")}`);
  return value as T;
}

/** The one member a listing is about: --member, else the --from account, else everyone. */
function memberFlag(): Address | undefined {
  const members = flags.member ?? [];
  if (members.length > 1) throw new WeconetError("name one --member");
  const member = members[0] ?? flags.from;
  return member === undefined ? undefined : parseAddress(member, members[0] === undefined ? "--from" : "--member");
}

/** Until when a connection runs: --days from now, or --until a date (ISO 8601) or unix time. */
function expiryFlags(): Expiry {
  if ((flags.days === undefined) === (flags.until === undefined)) {
    throw new WeconetError("say how long: --days <n> or --until <date> (one of them)");
  }
  if (flags.days !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(flags.days) || Number(flags.days) <= 0) {
      throw new WeconetError(`--days must be a positive number, got "${flags.days}"`);
    }
    return { duration: Math.round(Number(flags.days) * 86_400) };
  }
  const until = flags.until ?? "";
  const seconds = /^\d+$/.test(until) ? Number(until) : Date.parse(until) / 1000;
  if (!Number.isFinite(seconds))
    throw new WeconetError(`--until must be a date (2026-01-31) or unix time, got "${until}"`);
  return { expiresAt: Math.floor(seconds) };
}

/** Attribute ids as names, for listings. */
async function attributeNames(w: Weconet): Promise<(ids: readonly number[]) => string> {
  const names = new Map((await w.reads.attributes()).map((a) => [a.id, a.name]));
  return (ids) => ids.map((id) => names.get(id) ?? String(id)).join(",");
}

/** A market token's symbol and decimals, for amounts people read and type. */
async function tokenInfo(w: Weconet, token: Address): Promise<{ symbol: string; decimals: number }> {
  if (token === ETH) return { symbol: "ETH", decimals: 18 };
  const read = <T>(functionName: "symbol" | "decimals", fallback: T) =>
    w.publicClient.readContract({ address: token, abi: erc20Abi, functionName }).catch(() => fallback) as Promise<T>;
  return { symbol: await read("symbol", token), decimals: await read("decimals", 18) };
}

/** --token: ETH (the default), a token address, or the symbol of a token some offer is priced in. */
async function tokenFlag(w: Weconet): Promise<Address> {
  const value = flags.token;
  if (value === undefined || value.toUpperCase() === "ETH") return ETH;
  if (value.startsWith("0x")) return parseAddress(value, "--token");
  const tokens = [...new Set((await w.reads.offers({ all: true })).items.map((o) => o.token).filter((t) => t !== ETH))];
  for (const token of tokens) {
    if ((await tokenInfo(w, token)).symbol.toLowerCase() === value.toLowerCase()) return token;
  }
  throw new WeconetError(`unknown token "${value}": no offer is priced in it (use ETH or the token's address)`);
}

/** An amount typed in whole units of `token` ("7.50"), in its smallest unit. */
async function amountFlag(w: Weconet, value: string, token: Address, what: string): Promise<bigint> {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new WeconetError(`${what} must be an amount such as 7.50, got "${value}"`);
  return parseUnits(value, (await tokenInfo(w, token)).decimals);
}

/** --want service_area=Amsterdam, lead_time<=3600, capacity>=2. */
function wants(): Record<string, AttributeWant> {
  const parsed: Record<string, AttributeWant> = {};
  for (const want of flags.want ?? []) {
    const m = /^([a-z][a-z0-9_]*)\s*(<=|>=|=)\s*(.+)$/.exec(want);
    if (m === null)
      throw new WeconetError(`--want must be <attribute>=<value>, <attribute><=<n> or <attribute>>=<n>, got "${want}"`);
    const [, name = "", op, raw = ""] = m;
    const number = Number(raw);
    if (op !== "=" && !Number.isFinite(number)) throw new WeconetError(`--want ${name}${op}: "${raw}" is not a number`);
    const previous = parsed[name];
    const range = typeof previous === "object" && previous !== null && !("oneOf" in previous) ? previous : {};
    parsed[name] =
      op === "<="
        ? { ...range, max: number }
        : op === ">="
          ? { ...range, min: number }
          : Number.isFinite(number) && raw.trim() !== ""
            ? number
            : raw;
  }
  return parsed;
}

const connection = { rpc: flags.rpc, deployment: flags.deployment, from: flags.from, indexer: flags.indexer };
const reader = () => connect(connection, false);
const actor = () => connect(connection, true);

async function auditFilter(w: Weconet): Promise<AuditFilter> {
  const contracts = (flags.contract ?? []).map((name) => {
    if (!CONTRACT_NAMES.includes(name as ContractName)) {
      throw new WeconetError(`unknown contract "${name}": one of ${CONTRACT_NAMES.join(", ")}`);
    }
    return name as ContractName;
  });
  return {
    accounts: (flags.member ?? []).map((m) => parseAddress(m, "--member")),
    attributes: await Promise.all((flags.attribute ?? []).map((a) => w.reads.attributeId(a))),
    proposals: (flags.proposal ?? []).map((p) => bigintArg(p, "--proposal")),
    resources: (flags.resource ?? []).map((r) => bigintArg(r, "--resource")),
    offers: (flags.offer ?? []).map((o) => bigintArg(o, "--offer")),
    bookings: (flags.booking ?? []).map((b) => bigintArg(b, "--booking")),
    requests: (flags.request ?? []).map((r) => bigintArg(r, "--request")),
    contracts,
    events: flags.event ?? [],
  };
}

const commands: Record<string, () => Promise<void>> = {
  async status() {
    const s = await (await reader()).reads.status();
    print(s, () =>
      [
        `Weconet on chain ${s.chainId}, block ${s.block}`,
        "",
        table(Object.entries(s.contracts).map(([k, a]) => [`  ${k}`, a])),
        "",
        `  manager         ${s.manager}`,
        `  voters          ${s.voters}`,
        `  attributes      ${s.attributes}`,
        `  resources       ${s.resources}`,
        `  treasury        ${Number(s.treasury) / 1e18} ETH`,
        `  governance      voting delay ${s.governance.votingDelay} s, period ${s.governance.votingPeriod} s, quorum ${s.governance.quorumPercent}%, timelock ${s.governance.timelockDelay} s`,
        `  rules           ${s.rules.map((r) => `${r.name}=${r.value}`).join(", ")}`,
        `  market          ${s.market.offers} offers, ${s.market.requests} requests, ${s.market.bookings} bookings; ${s.connectors} connector(s) ever approved`,
      ].join("\n"),
    );
  },
  async members() {
    const status = choice(flags.status, MEMBER_STATUSES, "status");
    const w = await reader();
    const { items: members } = await w.reads.members(status === undefined ? {} : { statuses: [status] });
    print(members, () =>
      table([
        ["account", "status", "member since", "roles"],
        ...members.map((m) => [m.account, m.status, at(m.memberSince), m.roles.join(",")]),
      ]),
    );
  },
  async proposals() {
    const state = choice(flags.state, PROPOSAL_STATES, "state");
    const w = await reader();
    const { items: proposals } = await w.reads.proposals(state === undefined ? {} : { states: [state] });
    print(proposals, () =>
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
  },
  async rules() {
    const rules = await (await reader()).reads.rules();
    print(rules, () =>
      table([["rule", "value", "bounds"], ...rules.map((r) => [r.name, r.value.toString(), `${r.min} to ${r.max}`])]),
    );
  },
  async taxonomy() {
    const attributes = await (await reader()).reads.attributes();
    print(attributes, () =>
      table([
        ["id", "name", "domain", "type", "parent", ""],
        ...attributes.map((a) => [
          String(a.id),
          a.name,
          a.domain,
          a.dataType,
          a.parent === 0 ? "" : String(a.parent),
          a.deprecated ? "deprecated" : "",
        ]),
      ]),
    );
  },
  async resources() {
    const w = await reader();
    const owner = flags.owner === undefined ? undefined : parseAddress(flags.owner, "--owner");
    const { items: resources } = await w.reads.resources(owner === undefined ? {} : { owner });
    print(resources, () =>
      table([
        ["id", "owner", "class", "active", "metadata"],
        ...resources.map((r) => [r.id.toString(), r.owner, String(r.classId), String(r.active), r.metadata]),
      ]),
    );
  },
  async apply() {
    if (flags.profile === undefined) throw new WeconetError("apply needs --profile <document text or 0x hash>");
    await sent((await actor()).membership.apply({ profile: flags.profile }), "applied for membership");
  },
  async leave() {
    await sent((await actor()).membership.leave(), "left the network");
  },
  async admit() {
    const applicant = parseAddress(positionals[1], "admit <address>");
    await sent((await actor()).membership.admit({ applicant }), `admitted ${applicant}`);
  },
  async "activate-vote"() {
    const member = positionals[1] === undefined ? undefined : parseAddress(positionals[1], "activate-vote [member]");
    await sent(
      (await actor()).membership.activateVote(member === undefined ? {} : { member }),
      `the vote of ${member ?? "your account"} counts from now on`,
    );
  },
  async "register-resource"() {
    const resourceClass = positionals[1];
    if (resourceClass === undefined || flags.metadata === undefined) {
      throw new WeconetError("register-resource needs <class> and --metadata <document text or 0x hash>");
    }
    const { hash, resourceId } = await (await actor()).resources.register({ resourceClass, metadata: flags.metadata });
    print({ hash, resourceId }, () => `registered resource ${resourceId} (transaction ${hash})`);
  },
  async purposes() {
    print(PURPOSES, () =>
      table([
        ["purpose", "label", "code", ""],
        ...PURPOSES.map((p) => [`dpv:${p.key}`, p.label, p.code, p.marketing ? "marketing" : ""]),
      ]),
    );
  },
  async socket() {
    const w = await reader();
    const member = positionals[1] === undefined ? memberFlag() : parseAddress(positionals[1], "socket [member]");
    if (member === undefined) throw new WeconetError("socket needs a member (or --from)");
    const [url, own] = await Promise.all([w.reads.socketOf(member), w.reads.ownSocketOf(member)]);
    print({ member, url: url ?? null, own: own !== undefined }, () =>
      url === undefined
        ? `${member}: no socket known`
        : `${member}: ${url} (${own === undefined ? "the network's default" : "their own"})`,
    );
  },
  async "set-socket"() {
    const url = positionals[1];
    if (url === undefined) throw new WeconetError("set-socket needs <url>");
    await sent((await actor()).sockets.set({ url }), `your data lives at ${url}`);
  },
  async "clear-socket"() {
    await sent((await actor()).sockets.clear(), "the network's default socket serves you again");
  },
  async "propose-default-socket"() {
    const url = positionals[1];
    if (url === undefined) throw new WeconetError("propose-default-socket needs <url>");
    const { hash, proposalId } = await (
      await actor()
    ).governance.proposeDefaultSocket({
      url,
      ...(flags.title === undefined ? {} : { title: flags.title }),
      ...(flags.rationale === undefined ? {} : { rationale: flags.rationale }),
    });
    print({ hash, proposalId }, () => `proposed ${proposalId} (transaction ${hash})`);
  },
  async "propose-rule"() {
    const [, rule, value] = positionals;
    if (rule === undefined || flags.title === undefined) {
      throw new WeconetError("propose-rule needs <rule> <value> --title <text>");
    }
    const w = await actor();
    const known = (await w.reads.rules()).map((r) => r.name);
    if (!known.includes(rule)) throw new WeconetError(`unknown rule "${rule}": one of ${known.join(", ")}`);
    const { hash, proposalId } = await w.governance.proposeRuleChange({
      rule,
      value: bigintArg(value, "the rule's value"),
      title: flags.title,
      ...(flags.rationale === undefined ? {} : { rationale: flags.rationale }),
    });
    print({ hash, proposalId }, () => `proposed ${proposalId} (transaction ${hash})`);
  },
  async vote() {
    const proposalId = bigintArg(positionals[1], "the proposal id");
    const support = positionals[2];
    if (support === undefined || !(support in SUPPORT_VALUES)) {
      throw new WeconetError(`vote needs for, against or abstain, got "${support ?? ""}"`);
    }
    const w = await actor();
    await sent(
      w.governance.vote({
        proposalId,
        support: support as Support,
        ...(flags.reason === undefined ? {} : { reason: flags.reason }),
      }),
      `voted ${support} on ${proposalId}`,
    );
  },
  async queue() {
    const proposalId = bigintArg(positionals[1], "the proposal id");
    await sent((await actor()).governance.queue({ proposalId }), `queued ${proposalId}`);
  },
  async execute() {
    const proposalId = bigintArg(positionals[1], "the proposal id");
    await sent((await actor()).governance.execute({ proposalId }), `executed ${proposalId}`);
  },
  async connections() {
    const direction = choice(flags.direction, ["given", "received", "both"] as const, "direction");
    const state = choice(flags.state, CONNECTION_STATES, "state");
    const member = memberFlag();
    const w = await reader();
    const { items: connections } = await w.reads.connections({
      ...(member === undefined ? {} : { member }),
      ...(direction === undefined ? {} : { direction }),
      ...(state === undefined ? {} : { states: [state] }),
    });
    const names = await attributeNames(w);
    print(connections, () =>
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
  },
  async grant() {
    const grantee = parseAddress(positionals[1], "grant <grantee>");
    const attributes = (positionals[2] ?? "").split(",").filter((a) => a !== "");
    if (attributes.length === 0) throw new WeconetError("grant needs <grantee> <attribute>[,<attribute>…]");
    if (flags.purpose === undefined) {
      throw new WeconetError(
        "grant needs --purpose <purpose>: a DPV term of `weconet purposes`, e.g. dpv:DeliveryOfGoods",
      );
    }
    const w = await actor();
    const granted = await w.access.grant({ grantee, attributes, purpose: flags.purpose, ...expiryFlags() });
    print(
      granted,
      () =>
        `${granted.change} connection ${granted.connectionId} to ${grantee} until ${at(granted.expiresAt)} (transaction ${granted.hash})`,
    );
  },
  async revoke() {
    const grantee = parseAddress(positionals[1], "revoke <grantee>");
    await sent((await actor()).access.revoke({ grantee }), `closed the connection to ${grantee}`);
  },
  async requests() {
    const direction = choice(flags.direction, ["incoming", "outgoing", "both"] as const, "direction");
    const member = memberFlag();
    const w = await reader();
    const { items: requests } = await w.reads.requests({
      ...(member === undefined ? {} : { member }),
      ...(direction === undefined ? {} : { direction }),
      ...(flags.all ? { statuses: ["pending", "accepted", "rejected", "cancelled"] as const } : {}),
    });
    const names = await attributeNames(w);
    print(requests, () =>
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
  },
  async accept() {
    const grantee = parseAddress(positionals[1], "accept <grantee>");
    const granted = await (await actor()).access.acceptRequest({ grantee });
    print(
      granted,
      () =>
        `accepted: ${granted.change} connection ${granted.connectionId} to ${grantee} until ${at(granted.expiresAt)} (transaction ${granted.hash})`,
    );
  },
  async reject() {
    const grantee = parseAddress(positionals[1], "reject <grantee>");
    await sent(
      (await actor()).access.rejectRequest({
        grantee,
        ...(flags.reason === undefined ? {} : { reason: flags.reason }),
      }),
      `rejected the request of ${grantee}`,
    );
  },
  async "app-consent"() {
    const developer = parseAddress(flags.developer, "app-consent --developer <address>");
    const consent = await (await actor()).applications.consentToRegistration({ developer });
    print(consent, () => encodeRegistrationConsent(consent));
  },
  async "register-app"() {
    const account = parseAddress(positionals[1], "register-app <account>");
    const attributes = (positionals[2] ?? "").split(",").filter((a) => a !== "");
    if (attributes.length === 0) throw new WeconetError("register-app needs <account> <attribute>[,<attribute>…]");
    if (flags.name === undefined || flags.metadata === undefined || flags.purpose === undefined) {
      throw new WeconetError(
        "register-app needs --name <text> --metadata <uri> --purpose <purpose (weconet purposes)>",
      );
    }
    if (flags.consent === undefined) {
      throw new WeconetError(
        "register-app needs --consent <JSON>: the application account signs it with `weconet app-consent --developer <you>`",
      );
    }
    const consent = parseRegistrationConsent(flags.consent);
    await sent(
      (await actor()).applications.register({
        account,
        name: flags.name,
        metadataURI: flags.metadata,
        attributes,
        purpose: flags.purpose,
        consent,
      }),
      `registered application ${account}`,
    );
  },
  async apps() {
    const status = choice(flags.status, APPLICATION_STATUSES, "status");
    const developer = flags.developer === undefined ? undefined : parseAddress(flags.developer, "--developer");
    const w = await reader();
    const { items: apps } = await w.reads.applications({
      ...(developer === undefined ? {} : { developer }),
      ...(status === undefined ? {} : { statuses: [status] }),
    });
    const names = await attributeNames(w);
    print(apps, () =>
      apps.length === 0
        ? "no applications"
        : table([
            ["account", "name", "developer", "status", "asks for", "purpose", "metadata"],
            ...apps.map((a) => [
              a.account,
              a.name,
              a.developer,
              a.status === "active" && !a.live ? "active (developer inactive)" : a.status,
              names(a.attributeIds),
              describePurpose(a.purpose),
              a.metadataURI,
            ]),
          ]),
    );
  },
  async offers() {
    const w = await reader();
    const token = await tokenFlag(w);
    const { symbol, decimals } = await tokenInfo(w, token);
    const maxPrice =
      flags["max-price"] === undefined ? undefined : await amountFlag(w, flags["max-price"], token, "--max-price");
    const money = async (amount: bigint, t: Address) => {
      const info = t === token ? { symbol, decimals } : await tokenInfo(w, t);
      return `${formatUnits(amount, info.decimals)} ${info.symbol}`;
    };
    const names = new Map((await w.reads.attributes()).map((a) => [a.id, a.name]));
    if (flags.match) {
      if (flags.class === undefined || maxPrice === undefined) {
        throw new WeconetError("offers --match needs --class <name>, --quantity <n> and --max-price <amount>");
      }
      const quantity = bigintArg(flags.quantity ?? "1", "--quantity");
      const outcome = await w.reads.match(
        { class: flags.class, quantity, maxUnitPrice: maxPrice, token, attributes: wants() },
        flags.documents === undefined ? {} : { resolveDocument: documentsFromDirectory(flags.documents) },
      );
      const lines: string[] = [];
      for (const [i, m] of outcome.ranked.entries()) {
        lines.push(
          `${i + 1}. offer ${m.offer.id} by ${m.offer.provider}: ${names.get(m.offer.classId) ?? m.offer.classId}, ${await money(m.offer.unitPrice, m.offer.token)} a unit — score ${m.score}`,
          ...m.explanation.slice(1).map((line) => `     ${line}`),
        );
      }
      for (const e of outcome.excluded) lines.push(`   left out: offer ${e.offer.id} — ${e.reasons.join("; ")}`);
      print(outcome, () =>
        outcome.ranked.length === 0 && outcome.excluded.length === 0 ? "no offers" : lines.join("\n"),
      );
      return;
    }
    const provider = flags.provider === undefined ? undefined : parseAddress(flags.provider, "--provider");
    const { items: offers } = await w.reads.offers({
      ...(flags.class === undefined ? {} : { class: flags.class, includeSubclasses: flags.subclasses }),
      ...(flags.token === undefined ? {} : { token }),
      ...(maxPrice === undefined ? {} : { maxUnitPrice: maxPrice }),
      ...(provider === undefined ? {} : { provider }),
      all: flags.all,
    });
    const rows = await Promise.all(
      offers.map(async (o) => [
        o.id.toString(),
        names.get(o.classId) ?? String(o.classId),
        await money(o.unitPrice, o.token),
        `${o.remaining}/${o.capacity}`,
        o.bookable ? "bookable" : o.status,
        o.provider,
        o.dataRequest.attributeIds.length === 0
          ? ""
          : o.dataRequest.attributeIds.map((id) => names.get(id) ?? id).join(","),
      ]),
    );
    print(offers, () =>
      offers.length === 0
        ? "no offers"
        : table([["offer", "class", "unit price", "left", "state", "provider", "shares"], ...rows]),
    );
  },
  async book() {
    const offerId = bigintArg(positionals[1], "the offer id");
    const quantity = bigintArg(flags.quantity ?? "1", "--quantity");
    const w = await actor();
    const booked = await w.market.book({ offerId, quantity });
    const { symbol, decimals } = await tokenInfo(w, booked.token);
    print(booked, () =>
      [
        ...(booked.approval === undefined
          ? []
          : [
              `approved the market to take ${formatUnits(booked.amount, decimals)} ${symbol} (transaction ${booked.approval.hash})`,
            ]),
        `booked ${quantity} unit(s) of offer ${offerId}: booking ${booked.bookingId}, ${formatUnits(booked.amount, decimals)} ${symbol} in escrow${booked.connectionId === 0n ? "" : `; data connection ${booked.connectionId} opened for the provider`} (transaction ${booked.hash})`,
      ].join("\n"),
    );
  },
  async bookings() {
    const role = choice(flags.role, ["consumer", "provider", "both"] as const, "role");
    const status = choice(flags.status, BOOKING_STATUSES, "status");
    const member = memberFlag();
    const w = await reader();
    const { items: bookings } = await w.reads.bookings({
      ...(member === undefined ? {} : { party: member }),
      ...(role === undefined ? {} : { role }),
      ...(status === undefined ? {} : { statuses: [status] }),
    });
    const rows = await Promise.all(
      bookings.map(async (b) => {
        const { symbol, decimals } = await tokenInfo(w, b.token);
        // With --member, only that member's side of the booking (and what others than the parties may do).
        const shown = (by: BookingRole) =>
          member === undefined ||
          (by !== "consumer" && by !== "provider") ||
          b[by].toLowerCase() === member.toLowerCase();
        const next = b.next
          .filter((a) => shown(a.by))
          .map((a) => `${BOOKING_ROLE_NAMES[a.by]}: ${describeBookingAction(a)}`);
        return [
          b.id.toString(),
          b.offerId.toString(),
          b.consumer,
          b.provider,
          `${formatUnits(b.amount, decimals)} ${symbol}`,
          b.status,
          next.join("; ") || "-",
        ];
      }),
    );
    print(bookings, () =>
      bookings.length === 0
        ? "no bookings"
        : table([["booking", "offer", "consumer", "provider", "escrow", "status", "next"], ...rows]),
    );
  },
  async "rule-dispute"() {
    const bookingId = bigintArg(positionals[1], "the booking id");
    const refund = bigintArg(positionals[2], "the refund");
    if (flags.ruling === undefined) throw new WeconetError("rule-dispute needs --ruling <text or 0x hash>");
    await sent(
      (await actor()).market.ruleDispute({ bookingId, refund, ruling: flags.ruling }),
      `ruled on booking ${bookingId}: ${refund} back to the consumer`,
    );
  },
  async "propose-ruling"() {
    const bookingId = bigintArg(positionals[1], "the booking id");
    const refund = bigintArg(positionals[2], "the refund");
    if (flags.ruling === undefined) throw new WeconetError("propose-ruling needs --ruling <text or 0x hash>");
    const { hash, proposalId } = await (
      await actor()
    ).market.proposeRuling({
      bookingId,
      refund,
      ruling: flags.ruling,
      ...(flags.title === undefined ? {} : { title: flags.title }),
      ...(flags.rationale === undefined ? {} : { rationale: flags.rationale }),
    });
    print({ hash, proposalId }, () => `proposed ${proposalId} (transaction ${hash})`);
  },
  async "settle-dispute"() {
    const bookingId = bigintArg(positionals[1], "the booking id");
    await sent(
      (await actor()).market.settleExpiredDispute({ bookingId }),
      `settled the expired dispute over booking ${bookingId}: full refund to the consumer`,
    );
  },
  async withdraw() {
    const w = await actor();
    const token = await tokenFlag(w);
    const { amount, hash } = await w.market.withdraw({ token });
    const { symbol, decimals } = await tokenInfo(w, token);
    print({ amount, hash }, () => `withdrew ${formatUnits(amount, decimals)} ${symbol} (transaction ${hash})`);
  },
  data: () => dataCommand({ flags, positionals, print }),
  doc: () => docCommand({ flags, positionals, print }),
  async audit() {
    const sub = positionals[1];
    const w = await reader();
    const range = {
      fromBlock: optionalBlock(flags["from-block"], "--from-block"),
      toBlock: optionalBlock(flags["to-block"], "--to-block") ?? (await latestBlock(w.publicClient)),
    };
    if (sub === "export") {
      const format = (flags.format ?? (flags.out?.endsWith(".csv") === true ? "csv" : "jsonl")) as ExportFormat;
      if (format !== "jsonl" && format !== "csv")
        throw new WeconetError(`--format must be jsonl or csv, got "${format}"`);
      const bar = progressBar("reading events");
      const events = filterEvents(w.audit.events({ ...range, onProgress: bar.update }), await auditFilter(w));
      const count =
        flags.out === undefined
          ? await writeEvents(events, process.stdout, format)
          : await exportEvents(events, flags.out, format);
      bar.done();
      process.stderr.write(
        `weconet: exported ${count} events (blocks ${range.fromBlock ?? w.deployment.fromBlock}–${range.toBlock})${flags.out === undefined ? "" : ` to ${flags.out}`}\n`,
      );
      return;
    }
    if (sub === "verify") {
      const url = indexerUrl(connection);
      const indexer = url === undefined ? undefined : indexerSource(url);
      // Against an indexer, the node's own fold stops at the indexer's block: both then describe the same chain.
      const indexedAt = indexer === undefined ? undefined : await indexer.block();
      if (indexedAt !== undefined && flags["to-block"] !== undefined) {
        throw new WeconetError("audit verify --indexer compares at the indexer's block: leave out --to-block");
      }
      const bar = progressBar("reading events");
      const report = await w.audit.verify({ ...range, toBlock: indexedAt ?? range.toBlock, onProgress: bar.update });
      bar.done();
      const rows = indexer === undefined ? undefined : await verifyRows(w.context, indexer, indexedAt);
      const fold = indexer === undefined ? [] : await compareSources(report.store, indexer);
      const { store, ...summary } = report;
      const rules = store.rows("rule");
      const indexed =
        rows === undefined
          ? {}
          : {
              indexer: {
                url,
                block: indexedAt,
                checks: rows.checks,
                differences: rows.differences,
                rowDifferences: fold,
              },
            };
      print({ ...summary, ...indexed }, () =>
        [
          `verified blocks ${report.fromBlock}–${report.toBlock}: ${report.events} events, ${report.checks} facts compared with the contracts`,
          `  members ${store.size("member")}, rules ${rules.length} (${rules.map((r) => `${bytes32ToText(r.key)}=${r.value}`).join(", ")}), attributes ${store.size("attribute")}, resources ${store.size("resource")}, proposals ${store.size("proposal")}`,
          report.differences.length === 0
            ? "OK: the state rebuilt from events alone equals the contracts' state"
            : `${report.differences.length} DIFFERENCE(S):\n${formatDifferences(report)
                .map((l) => `  ${l}`)
                .join("\n")}`,
          ...(report.notices.length === 0
            ? ["every connector approval was made by the members' vote"]
            : [
                `${report.notices.length} NOTICE(S) to review (connector approvals the members' vote did not make):`,
                ...report.notices.map((n) => `  ${n.subject}: ${n.detail}`),
              ]),
          ...(rows === undefined
            ? []
            : [
                rows.differences.length === 0
                  ? `OK: the indexer at ${url} (block ${indexedAt}) agrees with the contracts (${rows.checks} facts)`
                  : `the indexer at ${url} (block ${indexedAt}) differs from the contracts in ${rows.differences.length} fact(s):\n${formatDifferences(
                      rows,
                    )
                      .map((l) => `  ${l}`)
                      .join("\n")}`,
                fold.length === 0
                  ? "OK: the indexer's tables equal the SDK's own fold of the node's events, row for row"
                  : `the indexer's tables differ from the SDK's own fold in ${fold.length} place(s):\n${fold
                      .map(
                        (d) =>
                          `  ${d.table} ${d.key}${d.column === null ? "" : ` ${d.column}`}: fold ${d.a}, indexer ${d.b}`,
                      )
                      .join("\n")}`,
              ]),
        ].join("\n"),
      );
      if (report.differences.length > 0 || (rows?.differences.length ?? 0) > 0 || fold.length > 0) process.exitCode = 1;
      return;
    }
    throw new WeconetError(`audit needs export or verify, got "${sub ?? ""}"`);
  },
};

const name = positionals[0];
if (flags.help || name === undefined || name === "help") {
  process.stdout.write(USAGE);
} else {
  const command = commands[name];
  if (command === undefined) usageError(`unknown command "${name}"`);
  try {
    await command();
  } catch (error) {
    const e = toWeconetError(error);
    process.stderr.write(`weconet: ${e.message}\n`);
    process.exitCode = 1;
  }
}
