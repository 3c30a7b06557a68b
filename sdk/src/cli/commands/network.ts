/** `weconet status`, `rules`, `taxonomy`, `purposes`: the network at a glance and its shared vocabularies. */
import type { Command } from "commander";

import { PURPOSES } from "../../purposes.js";
import type { Cli } from "../context.js";
import { ETH_TOKEN, formatAmount, formatDuration, formatRuleValue } from "../../format/index.js";
import { table } from "../output.js";

const GROUP = "Network:";

export function registerNetwork(program: Command, cli: Cli): void {
  program
    .command("status")
    .helpGroup(GROUP)
    .description("the contracts, manager, voters, rules, governance settings, treasury and market counts")
    .action(async () => {
      const s = await (await cli.reader()).reads.status();
      const g = s.governance;
      cli.print(s, () =>
        [
          `Weconet on chain ${s.chainId}, block ${s.block}`,
          "",
          table(Object.entries(s.contracts).map(([k, a]) => [`  ${k}`, a])),
          "",
          `  manager         ${s.manager}`,
          `  voters          ${s.voters}`,
          `  attributes      ${s.attributes}`,
          `  resources       ${s.resources}`,
          `  treasury        ${formatAmount(s.treasury, ETH_TOKEN)}`,
          `  governance      voting delay ${formatDuration(g.votingDelay)}, period ${formatDuration(g.votingPeriod)}, quorum ${g.quorumPercent}%, timelock ${formatDuration(g.timelockDelay)}`,
          `  rules           ${s.rules.map((r) => `${r.name} ${formatRuleValue(r.name, r.value)}`).join(", ")}`,
          `  market          ${s.market.offers} offers, ${s.market.requests} requests, ${s.market.bookings} bookings; ${s.connectors} connector(s) ever approved`,
        ].join("\n"),
      );
    });

  program
    .command("rules")
    .helpGroup(GROUP)
    .description("every network rule: its value, the value as `propose-rule` takes it, and its bounds")
    .action(async () => {
      const rules = await (await cli.reader()).reads.rules();
      cli.print(rules, () =>
        table([
          ["rule", "value", "as typed", "bounds"],
          ...rules.map((r) => [
            r.name,
            formatRuleValue(r.name, r.value),
            r.value.toString(),
            `${formatRuleValue(r.name, r.min)} to ${formatRuleValue(r.name, r.max)}`,
          ]),
        ]),
      );
    });

  program
    .command("taxonomy")
    .helpGroup(GROUP)
    .description("the shared vocabulary: classes (what resources and offers are) and attributes")
    .action(async () => {
      const attributes = await (await cli.reader()).reads.attributes();
      const names = new Map(attributes.map((a) => [a.id, a.name]));
      cli.print(attributes, () =>
        table([
          ["id", "name", "domain", "type", "parent", ""],
          ...attributes.map((a) => [
            String(a.id),
            a.name,
            a.domain,
            a.dataType,
            a.parent === 0 ? "" : (names.get(a.parent) ?? String(a.parent)),
            a.deprecated ? "deprecated" : "",
          ]),
        ]),
      );
    });

  program
    .command("purposes")
    .helpGroup(GROUP)
    .description("the purposes a connection may state (W3C DPV terms) and their codes")
    .action(() => {
      cli.print(PURPOSES, () =>
        table([
          ["purpose", "label", "code", ""],
          ...PURPOSES.map((p) => [`dpv:${p.key}`, p.label, p.code, p.marketing ? "marketing" : ""]),
        ]),
      );
    });
}
