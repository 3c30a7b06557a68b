/**
 * The auditor's commands: the whole event trail exported (JSON Lines or CSV, filtered), and the state rebuilt
 * from events alone compared with the contracts' (with --indexer: the indexer's tables too).
 */
import { Writable } from "node:stream";

import type { Command } from "commander";

import { compareSources, formatDifferences, verifyRows } from "../../audit/verify.js";
import { filterEvents, type AuditFilter } from "../../audit/timeline.js";
import { latestBlock } from "../../client.js";
import { CONTRACT_NAMES, type ContractName } from "../../contracts.js";
import { bytes32ToText, WeconetError } from "../../errors.js";
import { indexerSource } from "../../indexer/graphql-source.js";
import { exportEvents, writeEvents, type ExportFormat } from "../../node/export.js";
import { progressBar } from "../../node/progress.js";
import type { Weconet } from "../../weconet.js";
import { indexerUrl } from "../connect.js";
import type { Cli } from "../context.js";
import { formatRuleValue } from "../../format/index.js";
import { collect, parseAddress, proposalId, wholeNumber } from "../parse.js";

const GROUP = "Auditor:";

interface FilterOptions {
  member?: string[];
  attribute?: string[];
  proposal?: string[];
  resource?: string[];
  offer?: string[];
  booking?: string[];
  request?: string[];
  contract?: string[];
  event?: string[];
}

async function auditFilter(w: Weconet, o: FilterOptions): Promise<AuditFilter> {
  const contracts = (o.contract ?? []).map((name) => {
    if (!CONTRACT_NAMES.includes(name as ContractName)) {
      throw new WeconetError(`unknown contract "${name}": one of ${CONTRACT_NAMES.join(", ")}`);
    }
    return name as ContractName;
  });
  const ids = (values: string[] | undefined, what: string) => (values ?? []).map((v) => wholeNumber(v, what));
  return {
    accounts: (o.member ?? []).map((m) => parseAddress(m, "--member")),
    attributes: await Promise.all((o.attribute ?? []).map((a) => w.reads.attributeId(a))),
    proposals: await Promise.all((o.proposal ?? []).map((p) => proposalId(w, p))),
    resources: ids(o.resource, "--resource"),
    offers: ids(o.offer, "--offer"),
    bookings: ids(o.booking, "--booking"),
    requests: ids(o.request, "--request"),
    contracts,
    events: o.event ?? [],
  };
}

/** The block range typed: --from-block (default: the deployment's first), --to-block (default: the latest). */
async function rangeOf(w: Weconet, o: { fromBlock?: string; toBlock?: string }) {
  return {
    fromBlock: o.fromBlock === undefined ? undefined : wholeNumber(o.fromBlock, "--from-block"),
    toBlock: o.toBlock === undefined ? await latestBlock(w.publicClient) : wholeNumber(o.toBlock, "--to-block"),
  };
}

export function registerAudit(program: Command, cli: Cli): void {
  const audit = program
    .command("audit")
    .helpGroup(GROUP)
    .description("the event trail: export it, or verify the state it rebuilds against the contracts")
    .argument("[command]", "export or verify")
    .action((sub: string | undefined) => {
      throw new WeconetError(`audit needs export or verify, got "${sub ?? ""}"`);
    });

  const progress = () =>
    progressBar("reading events", { isTTY: cli.io.stderrIsTTY === true, write: (text) => cli.io.stderr(text) });

  audit
    .command("export")
    .description("every event, in chain order, as JSON Lines (default) or CSV; filters combine (any of each kind)")
    .option("--format <jsonl|csv>", "the format (default: csv for an --out ending in .csv, else jsonl)")
    .option("--out <file>", "write to a file (default: stdout)")
    .option("--from-block <n>", "from this block (default: the deployment's first)")
    .option("--to-block <n>", "to this block (default: the latest)")
    .option("--member <address>", "events concerning this account (repeatable)", collect)
    .option("--attribute <id or name>", "events naming this attribute (repeatable)", collect)
    .option("--proposal <id>", "events about this proposal: its id or first digits (repeatable)", collect)
    .option("--resource <id>", "(repeatable)", collect)
    .option("--offer <id>", "(repeatable)", collect)
    .option("--booking <id>", "(repeatable)", collect)
    .option("--request <id>", "(repeatable)", collect)
    .option("--contract <name>", `events of this contract: ${CONTRACT_NAMES.join(", ")} (repeatable)`, collect)
    .option("--event <name>", "events of this name, e.g. MemberAdmitted (repeatable)", collect)
    .action(async (o: FilterOptions & { format?: string; out?: string; fromBlock?: string; toBlock?: string }) => {
      const format = (o.format ?? (o.out?.endsWith(".csv") === true ? "csv" : "jsonl")) as ExportFormat;
      if (format !== "jsonl" && format !== "csv")
        throw new WeconetError(`--format must be jsonl or csv, got "${format}"`);
      const w = await cli.reader();
      const range = await rangeOf(w, o);
      const filter = await auditFilter(w, o);
      const bar = progress();
      const events = filterEvents(w.audit.events({ ...range, onProgress: bar.update }), filter);
      const stdout = new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          cli.io.stdout(chunk.toString());
          done();
        },
      });
      const count =
        o.out === undefined ? await writeEvents(events, stdout, format) : await exportEvents(events, o.out, format);
      bar.done();
      cli.io.stderr(
        `weconet: exported ${count} events (blocks ${range.fromBlock ?? w.deployment.fromBlock}–${range.toBlock})${o.out === undefined ? "" : ` to ${o.out}`}\n`,
      );
    });

  audit
    .command("verify")
    .description(
      "rebuild the state from events alone and compare it with the contracts (with --indexer: its tables too, against the contracts and the SDK's own fold, at the indexer's block); exit code 1 on any difference",
    )
    .option("--from-block <n>", "from this block (default: the deployment's first)")
    .option("--to-block <n>", "to this block (default: the latest; not with --indexer)")
    .action(async (o: { fromBlock?: string; toBlock?: string }) => {
      const w = await cli.reader();
      const range = await rangeOf(w, o);
      const url = indexerUrl(cli.connection());
      const indexer = url === undefined ? undefined : indexerSource(url);
      // Against an indexer, the node's own fold stops at the indexer's block: both then describe the same chain.
      const indexedAt = indexer === undefined ? undefined : await indexer.block();
      if (indexedAt !== undefined && o.toBlock !== undefined) {
        throw new WeconetError("audit verify --indexer compares at the indexer's block: leave out --to-block");
      }
      const bar = progress();
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
      cli.print({ ...summary, ...indexed }, () =>
        [
          `verified blocks ${report.fromBlock}–${report.toBlock}: ${report.events} events, ${report.checks} facts compared with the contracts`,
          `  members ${store.size("member")}, rules ${rules.length} (${rules
            .map((r) => {
              const name = bytes32ToText(r.key);
              return `${name} ${formatRuleValue(name, r.value)}`;
            })
            .join(
              ", ",
            )}), attributes ${store.size("attribute")}, resources ${store.size("resource")}, proposals ${store.size("proposal")}`,
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
      if (report.differences.length > 0 || (rows?.differences.length ?? 0) > 0 || fold.length > 0) cli.fail();
    });
}
