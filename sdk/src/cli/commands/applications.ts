/**
 * Applications of community developers: the list; the application account's consent to be registered; a
 * developer registers, updates and retires theirs; leaders (and the manager) suspend and reinstate them.
 */
import type { Command } from "commander";

import { encodeRegistrationConsent, parseRegistrationConsent } from "../../actions/applications.js";
import { APPLICATION_STATUSES, WeconetError } from "../../errors.js";
import { describePurpose } from "../../purposes.js";
import type { Weconet } from "../../weconet.js";
import { confirmed, type Cli } from "../context.js";
import { attributeList, attributeNames, choice, parseAddress } from "../parse.js";
import { table } from "../output.js";

const GROUP = "Applications (acting needs --from or WECONET_PRIVATE_KEY):";

/** Application `text`, which must exist: a clear message for an account that is no application. */
async function existing(w: Weconet, text: string, usage: string) {
  const account = parseAddress(text, usage);
  const app = await w.reads.application(account);
  if (app.status === "none") throw new WeconetError(`there is no application with account ${account}`);
  return app;
}

export function registerApplications(program: Command, cli: Cli): void {
  program
    .command("apps")
    .helpGroup(GROUP)
    .description("registered applications with what they ask members for")
    .option("--developer <address>", "only this developer's")
    .option("--status <status>", `only ${APPLICATION_STATUSES.filter((s) => s !== "none").join(", ")}`)
    .action(async (o: { developer?: string; status?: string }) => {
      const status = choice(o.status, APPLICATION_STATUSES, "status");
      const developer = o.developer === undefined ? undefined : parseAddress(o.developer, "--developer");
      const w = await cli.reader();
      const { items: apps } = await w.reads.applications({
        ...(developer === undefined ? {} : { developer }),
        ...(status === undefined ? {} : { statuses: [status] }),
      });
      const names = await attributeNames(w);
      cli.print(apps, () =>
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
    });

  program
    .command("app-consent")
    .helpGroup(GROUP)
    .description(
      "as the application account: sign its consent to be registered by the developer (prints it; nothing is sent)",
    )
    .option("--developer <address>", "the developer who will register it")
    .action(async (o: { developer?: string }) => {
      const developer = parseAddress(o.developer, "app-consent --developer <address>");
      const consent = await (await cli.actor()).applications.consentToRegistration({ developer });
      cli.print(consent, () => encodeRegistrationConsent(consent));
    });

  program
    .command("register-app")
    .helpGroup(GROUP)
    .description("(developer) register an application with its account's consent")
    .argument("<account>", "the application's account (it signs socket requests)")
    .argument("<attributes>", "what it asks members for: attribute names or ids, separated by commas")
    .option("--name <text>", "its name")
    .option("--metadata <uri>", "where its description, terms and privacy statement are")
    .option("--purpose <purpose>", "why it asks: a DPV term of `weconet purposes`")
    .option("--consent <json>", "the account's consent, from `weconet app-consent --developer <you>`")
    .action(
      async (
        accountText: string,
        list: string,
        o: { name?: string; metadata?: string; purpose?: string; consent?: string },
      ) => {
        const account = parseAddress(accountText, "register-app <account>");
        const attributes = attributeList(list, "register-app needs <account> <attribute>[,<attribute>…]");
        if (o.name === undefined || o.metadata === undefined || o.purpose === undefined) {
          throw new WeconetError(
            "register-app needs --name <text> --metadata <uri> --purpose <purpose (weconet purposes)>",
          );
        }
        if (o.consent === undefined) {
          throw new WeconetError(
            "register-app needs --consent <JSON>: the application account signs it with `weconet app-consent --developer <you>`",
          );
        }
        const consent = parseRegistrationConsent(o.consent);
        await cli.sent(
          (await cli.actor()).applications.register({
            account,
            name: o.name,
            metadataURI: o.metadata,
            attributes,
            purpose: o.purpose,
            consent,
          }),
          `registered application ${account}`,
        );
      },
    );

  program
    .command("update-app")
    .helpGroup(GROUP)
    .description("(its developer) change an application's name, metadata, attributes or purpose")
    .argument("<account>", "the application's account")
    .argument("[attributes]", "what it asks for from now: attribute names or ids (default: as it is)")
    .option("--name <text>", "its new name")
    .option("--metadata <uri>", "its new metadata URI")
    .option("--purpose <purpose>", "its new purpose")
    .action(
      async (
        accountText: string,
        list: string | undefined,
        o: { name?: string; metadata?: string; purpose?: string },
      ) => {
        if (list === undefined && o.name === undefined && o.metadata === undefined && o.purpose === undefined) {
          throw new WeconetError("update-app needs what changes: [attributes], --name, --metadata or --purpose");
        }
        const w = await cli.actor();
        const app = await existing(w, accountText, "update-app <account>");
        await cli.sent(
          w.applications.update({
            account: app.account,
            name: o.name ?? app.name,
            metadataURI: o.metadata ?? app.metadataURI,
            attributes: list === undefined ? app.attributeIds : attributeList(list, "update-app needs attribute names"),
            purpose: o.purpose ?? app.purpose,
          }),
          `updated application ${app.account}`,
        );
      },
    );

  program
    .command("suspend-app")
    .helpGroup(GROUP)
    .description("(leader or manager) suspend an application: all its access stops at once")
    .argument("<account>", "the application's account")
    .option("--reason <code>", "why, as a short code (at most 32 bytes)")
    .action(async (accountText: string, o: { reason?: string }) => {
      if (o.reason === undefined || o.reason === "") throw new WeconetError("suspend-app needs --reason <code>");
      const w = await cli.actor();
      const app = await existing(w, accountText, "suspend-app <account>");
      await cli.sent(
        w.applications.suspend({ account: app.account, reason: o.reason }),
        `suspended application ${app.account} (${o.reason})`,
      );
    });

  program
    .command("reinstate-app")
    .helpGroup(GROUP)
    .description("(leader or manager) reinstate a suspended application")
    .argument("<account>", "the application's account")
    .action(async (accountText: string) => {
      const w = await cli.actor();
      const app = await existing(w, accountText, "reinstate-app <account>");
      await cli.sent(w.applications.reinstate({ account: app.account }), `reinstated application ${app.account}`);
    });

  program
    .command("retire-app")
    .helpGroup(GROUP)
    .description("(its developer) retire an application for good: every connection to it stops authorizing")
    .argument("<account>", "the application's account")
    .action(async (accountText: string) => {
      const w = await cli.actor();
      const app = await existing(w, accountText, "retire-app <account>");
      if (!(await confirmed(cli, `Retire application ${app.name} (${app.account}) for good?`))) {
        cli.print({ retired: false }, () => "nothing retired");
        return;
      }
      await cli.sent(w.applications.retire({ account: app.account }), `retired application ${app.account}`);
    });
}
