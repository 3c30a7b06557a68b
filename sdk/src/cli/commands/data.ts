/**
 * `weconet data …` and `weconet doc …`: a member's own values in their data socket, a grantee's reads, erasure,
 * the access receipts (and their verification), and content-addressed documents. The rules (value shapes, receipt
 * hashing, purposes) are the SDK's; this module only turns command lines into calls and answers into text.
 */
import { readFileSync, writeFileSync } from "node:fs";

import type { Command } from "commander";
import { isHex, size, type Address, type Hex } from "viem";

import { WeconetError } from "../../errors.js";
import { describePurpose, purposeCode } from "../../purposes.js";
import type { Attribute } from "../../reads/taxonomy.js";
import {
  createSocketClient,
  SocketError,
  validateValue,
  verifyReceiptChain,
  verifyReceiptProof,
  type Receipt,
  type ReceiptHead,
  type SocketClient,
  type SocketSession,
} from "../../socket/index.js";
import { describeRefusal } from "../../socket/refusals.js";
import type { Weconet } from "../../weconet.js";
import { connect, nonEmpty } from "../connect.js";
import { confirmed, type Cli } from "../context.js";
import { attributeList, parseAddress, vocabulary } from "../parse.js";
import { table } from "../output.js";
import { atSocket, signedIn, signIn, socketUrlFor, type SocketOptions } from "../socket.js";

const GROUP = "Personal data in the data socket (need --from <address> or WECONET_PRIVATE_KEY):";

/** A value as one line of a table (objects as compact JSON). */
const shown = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** The JSON shape the structured data types take, for the error message when the input is not it. */
const JSON_SHAPES: Partial<Record<Attribute["dataType"], string>> = {
  postal_address: '{"street":"Damrak 1","postalCode":"1012 LG","city":"Amsterdam","country":"NL"}',
  geo_location: '{"lat":52.37,"lon":4.89}',
  money: '{"amount":"12.50","currency":"EUR"}',
};

/**
 * The value typed on the command line in the shape of `attribute`'s data type (JSON for structured types, true or
 * false, a whole number), checked by the SDK's validator — the one the socket and the dApp use.
 */
export function parseValueInput(attribute: Attribute, text: string): unknown {
  const example = JSON_SHAPES[attribute.dataType];
  let value: unknown = text;
  if (example !== undefined) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new WeconetError(`${attribute.name} is a ${attribute.dataType}: give it as JSON, e.g. '${example}'`);
    }
  } else if (attribute.dataType === "boolean") {
    if (text !== "true" && text !== "false") {
      throw new WeconetError(`${attribute.name} is a boolean: give true or false, got "${text}"`);
    }
    value = text === "true";
  } else if (attribute.dataType === "integer" && /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) {
    value = Number(text);
  }
  const check = validateValue(attribute.dataType, value);
  if (!check.ok) {
    throw new WeconetError(
      `${attribute.name} (${attribute.dataType}): ${check.message}${example === undefined ? "" : ` (e.g. '${example}')`}`,
    );
  }
  return check.value;
}

/** Every receipt of the session's owner, page by page (the socket gives at most 500 at a time). */
async function allReceipts(session: SocketSession): Promise<{ receipts: Receipt[]; head: ReceiptHead }> {
  const page = await session.receipts({ limit: 500 });
  const receipts = [...page.receipts];
  let head = page.head;
  while (receipts.length < head.count) {
    const last = receipts.at(-1);
    const next = await session.receipts({ limit: 500, ...(last === undefined ? {} : { after: last.seq }) });
    if (next.receipts.length === 0) break;
    receipts.push(...next.receipts);
    head = next.head;
  }
  return { receipts, head };
}

/**
 * An auditor's check of an owner's receipt log with the SDK's verifier: every hash and link of the chain, the
 * head's signature by the socket's operator, and — once anchored — the head's Merkle proof against the root the
 * operator anchored on-chain. No value is needed for any of it.
 */
async function verifyLog(
  w: Weconet,
  socket: SocketClient,
  session: SocketSession,
  receipts: readonly Receipt[],
  head: ReceiptHead,
): Promise<{ facts: string[]; problems: string[] }> {
  const { operator } = await socket.info();
  const chain = await verifyReceiptChain({ receipts, head, ...(operator === null ? {} : { operator }) });
  const facts = [`hash chain: ${chain.count} receipt(s), every hash and link checked, head ${head.hash}`];
  const problems = [...chain.problems];
  if (operator === null) {
    problems.push("the socket names no operator: its heads are not signed");
    return { facts, problems };
  }
  if (chain.signer !== null) facts.push(`head signed by the socket's operator ${chain.signer}`);
  if (head.signature === null) problems.push("the head is not signed");
  let proof;
  try {
    proof = await session.receiptProof();
  } catch (error) {
    if (!(error instanceof SocketError && error.status === 404)) throw error;
  }
  if (proof === undefined || proof.anchor === null) {
    facts.push("not anchored on-chain yet");
    return { facts, problems };
  }
  const anchoredHash = receipts[proof.count - 1]?.hash;
  if (anchoredHash === undefined) {
    problems.push(`the anchored head counts ${proof.count} receipts, the log has ${receipts.length}`);
    return { facts, problems };
  }
  problems.push(
    ...verifyReceiptProof({ head: { owner: head.owner, count: proof.count, hash: anchoredHash }, proof }).problems,
  );
  const onChain = await w.reads.latestAnchor(operator);
  if (onChain === undefined || onChain.root.toLowerCase() !== proof.root.toLowerCase()) {
    problems.push(`the root ${proof.root} is not the operator's latest anchor on-chain (${onChain?.root ?? "none"})`);
  } else {
    facts.push(
      `the head at ${proof.count} receipt(s) is in the root ${proof.root} anchored on-chain (anchor ${onChain.seq})`,
    );
  }
  return { facts, problems };
}

/** Reads a text document from a file, with a message for a missing file or one that is not UTF-8 text. */
function textFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new WeconetError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : (code ?? String(error))}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new WeconetError(`doc put stores text documents: ${file} is not UTF-8 text`);
  }
}

function documentHash(word: string | undefined): Hex {
  if (word === undefined || !isHex(word) || size(word) !== 32) {
    throw new WeconetError(`doc get needs a document hash: 0x and 64 hex digits, got "${word ?? ""}"`);
  }
  return word;
}

/** Where to connect and which socket: the global options. */
function socketOptions(cli: Cli): SocketOptions {
  const socket = cli.globals().socket;
  return { ...cli.connection(), ...(socket === undefined ? {} : { socket }) };
}

export function registerData(program: Command, cli: Cli): void {
  const data = program
    .command("data")
    .helpGroup(GROUP)
    .description(
      "your values in your data socket, a grantee's reads, erasure and the access receipts (socket: --socket, else WECONET_SOCKET_URL, else the member's socket named on-chain, else the default)",
    )
    .argument("[command]", "set, get, read, erase or receipts")
    .action((sub: string | undefined) => {
      throw new WeconetError(`data needs set, get, read, erase or receipts, got "${sub ?? ""}"`);
    });

  data
    .command("set")
    .description(
      'store or replace one of your values (JSON for postal_address {"street","postalCode","city","country"}, geo_location {"lat","lon"}, money {"amount":"12.50","currency":"EUR"})',
    )
    .usage("<attribute> <value>")
    .argument("[attribute]", "the attribute, by name or id")
    .argument("[value]", "the value")
    .action(async (ref: string | undefined, text: string | undefined) => {
      if (ref === undefined || text === undefined) throw new WeconetError("data set needs <attribute> <value>");
      const options = socketOptions(cli);
      // the value is checked before anything is signed or sent
      const w = await connect(options, true);
      const attribute = (await vocabulary(w))(ref);
      const value = parseValueInput(attribute, text);
      const { url, session } = await signIn(options, w, "self");
      const record = await atSocket(url, () => session.values.set(attribute.id, value));
      cli.print(record, () => `stored ${record.name} = ${shown(record.value)} (version ${record.version}) at ${url}`);
    });

  data
    .command("get")
    .description("your values (all, or one)")
    .argument("[attribute]", "one attribute, by name or id")
    .action(async (ref: string | undefined) => {
      const { w, url, session } = await signedIn(socketOptions(cli), "self");
      if (ref !== undefined) {
        const attribute = (await vocabulary(w))(ref);
        const record = await atSocket(url, () => session.values.get(attribute.id));
        cli.print(record, () => shown(record.value));
        return;
      }
      const values = await atSocket(url, () => session.values.list());
      cli.print(values, () =>
        values.length === 0
          ? `no values stored for ${session.address} at ${url}`
          : table([
              ["id", "attribute", "type", "value", "version", "updated"],
              ...values.map((v) => [
                String(v.attributeId),
                v.name,
                v.dataType,
                shown(v.value),
                String(v.version),
                v.updatedAt,
              ]),
            ]),
      );
    });

  data
    .command("read")
    .description("as a grantee: read what an owner shares with you (checked on-chain)")
    .usage("<owner> <attribute>[,<attribute>…] [--purpose dpv:<Term>]")
    .argument("[owner]", "whose data")
    .argument("[attributes]", "attribute names or ids, separated by commas")
    .option("--purpose <purpose>", "the purpose you read for (a DPV term)")
    .action(async (ownerText: string | undefined, list: string | undefined, o: { purpose?: string }) => {
      const owner = parseAddress(ownerText, "data read <owner>");
      const refs = attributeList(list, "data read needs <owner> <attribute>[,<attribute>…]");
      const purpose = o.purpose === undefined ? undefined : purposeCode(o.purpose);
      const options = socketOptions(cli);
      const w = await connect(options, true);
      const attributes = refs.map(await vocabulary(w));
      const { url, session } = await signIn(options, w, owner);
      if (attributes.length === 1 && attributes[0] !== undefined) {
        const id = attributes[0].id;
        const read = await atSocket(url, () => session.read(owner, id, purpose === undefined ? {} : { purpose }));
        cli.print(read, () => shown(read.value));
        return;
      }
      const ids = attributes.map((a) => a.id);
      const answer = await atSocket(url, () => session.readMany(owner, ids, purpose === undefined ? {} : { purpose }));
      const name = new Map(attributes.map((a) => [a.id, a.name]));
      cli.print(answer, () =>
        table([
          ["attribute", "value"],
          ...answer.values.map((v) => [
            name.get(v.attributeId) ?? String(v.attributeId),
            "refused" in v ? `refused (${v.refused}): ${describeRefusal(v.refused)}` : shown(v.value),
          ]),
        ]),
      );
      if (answer.values.some((v) => "refused" in v)) cli.fail();
    });

  data
    .command("erase")
    .description("destroy a value (or all of yours) for good: its data key is shredded; asks first unless --yes")
    .argument("[attribute]", "the attribute, by name or id")
    .option("--all", "every value of yours", false)
    .action(async (ref: string | undefined, o: { all: boolean }) => {
      if ((ref === undefined) === !o.all)
        throw new WeconetError("data erase needs an <attribute> or --all (one of them)");
      const options = socketOptions(cli);
      const w = await connect(options, true);
      const attribute = ref === undefined ? undefined : (await vocabulary(w))(ref);
      const { url, session } = await signIn(options, w, "self");
      const what =
        attribute === undefined ? `every value of ${session.address}` : `${attribute.name} of ${session.address}`;
      if (!(await confirmed(cli, `Erase ${what} at ${url}?`))) {
        cli.print({ erased: 0 }, () => "nothing erased");
        return;
      }
      const { erased } = await atSocket(url, () =>
        attribute === undefined ? session.values.eraseAll() : session.values.erase(attribute.id),
      );
      cli.print({ erased }, () => `erased ${erased} value(s): ${what} (data keys destroyed)`);
    });

  data
    .command("receipts")
    .description(
      "who read which of your values when, allowed or refused; --verify checks the hash chain, the socket's signature of its head and its anchor on-chain",
    )
    .option("--verify", "verify the receipt log", false)
    .action(async (o: { verify: boolean }) => {
      const { w, url, socket, session } = await signedIn(socketOptions(cli), "self");
      const { receipts, head } = await atSocket(url, () => allReceipts(session));
      const names = new Map((await w.reads.attributes()).map((a) => [a.id, a.name]));
      const audit = o.verify ? await atSocket(url, () => verifyLog(w, socket, session, receipts, head)) : undefined;
      cli.print(audit === undefined ? { receipts, head } : { receipts, head, verification: audit }, () =>
        [
          receipts.length === 0
            ? `no receipts for ${session.address} at ${url}`
            : table([
                ["seq", "at", "block", "grantee", "attribute", "purpose", "decision"],
                ...receipts.map((r) => [
                  String(r.seq),
                  r.at,
                  r.block,
                  r.grantee,
                  names.get(r.attributeId) ?? String(r.attributeId),
                  r.purpose === null ? "-" : describePurpose(r.purpose),
                  r.decision === "allowed" ? "allowed" : `refused (${r.reason ?? "-"})`,
                ]),
              ]),
          ...(audit === undefined
            ? []
            : [
                ...audit.facts,
                audit.problems.length === 0
                  ? "OK: the receipt log is intact"
                  : `NOT VERIFIED:\n${audit.problems.map((p) => `  ${p}`).join("\n")}`,
              ]),
        ].join("\n"),
      );
      if (audit !== undefined && audit.problems.length > 0) cli.fail();
    });

  const doc = program
    .command("doc")
    .helpGroup(GROUP)
    .description("content-addressed text documents in the data socket (profiles, offers, statements)")
    .argument("[command]", "put or get")
    .action((sub: string | undefined) => {
      throw new WeconetError(`doc needs put or get, got "${sub ?? ""}"`);
    });

  doc
    .command("put")
    .description("store a text document; prints its hash")
    .usage("<file>")
    .argument("[file]", "the file")
    .action(async (file: string | undefined) => {
      if (file === undefined) throw new WeconetError("doc put needs <file>");
      const text = textFile(file);
      const { url, session } = await signedIn(socketOptions(cli), "self");
      const hash = await atSocket(url, () => session.documents.put(text));
      cli.print({ hash }, () => hash);
    });

  doc
    .command("get")
    .description("a document by its hash (verified against it)")
    .argument("<hash>", "its content hash: 0x and 64 hex digits")
    .option("--out <file>", "write it to a file (default: print it)")
    .action(async (typed: string, o: { out?: string }) => {
      const hash = documentHash(typed);
      const options = socketOptions(cli);
      // The chain is asked only to find the socket: with --socket or WECONET_SOCKET_URL no node is needed.
      const named = options.socket !== undefined || nonEmpty(options.env.WECONET_SOCKET_URL) !== undefined;
      const w = named ? undefined : await connect(options, false);
      const from = cli.globals().from;
      const member: Address | undefined = from === undefined ? undefined : parseAddress(from, "--from");
      const url = await socketUrlFor(options, w, member);
      const text = await atSocket(url, () => createSocketClient({ url }).documents.get(hash));
      if (o.out === undefined) {
        cli.io.stdout(text);
      } else {
        writeFileSync(o.out, text);
        cli.print({ hash, out: o.out }, () => `wrote document ${hash} to ${o.out ?? ""}`);
      }
    });
}
