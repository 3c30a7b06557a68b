/** Members' resources: the list, registering one of a class of the vocabulary, changing it, switching it off. */
import type { Command } from "commander";

import { WeconetError } from "../../errors.js";
import type { Cli } from "../context.js";
import { classOf, parseAddress, wholeNumber } from "../parse.js";
import { table } from "../output.js";

const GROUP = "Resources (acting needs --from or WECONET_PRIVATE_KEY):";

export function registerResources(program: Command, cli: Cli): void {
  program
    .command("resources")
    .helpGroup(GROUP)
    .description("registered resources with their class and description hash")
    .option("--owner <address>", "only this member's")
    .action(async (o: { owner?: string }) => {
      const owner = o.owner === undefined ? undefined : parseAddress(o.owner, "--owner");
      const w = await cli.reader();
      const [{ items: resources }, attributes] = await Promise.all([
        w.reads.resources(owner === undefined ? {} : { owner }),
        w.reads.attributes(),
      ]);
      const names = new Map(attributes.map((a) => [a.id, a.name]));
      cli.print(resources, () =>
        resources.length === 0
          ? "no resources"
          : table([
              ["id", "owner", "class", "active", "metadata"],
              ...resources.map((r) => [
                r.id.toString(),
                r.owner,
                names.get(r.classId) ?? String(r.classId),
                r.active ? "yes" : "no",
                r.metadata,
              ]),
            ]),
      );
    });

  program
    .command("register-resource")
    .helpGroup(GROUP)
    .description("register a resource of a class of the vocabulary (see `weconet taxonomy`)")
    .argument("<class>", "its class, e.g. courier_service")
    .option("--metadata <text or hash>", "its description: the text (hashed) or its 0x content hash")
    .action(async (className: string, o: { metadata?: string }) => {
      if (o.metadata === undefined) {
        throw new WeconetError("register-resource needs <class> and --metadata <document text or 0x hash>");
      }
      const w = await cli.actor();
      const resourceClass = (await classOf(w, className)).id;
      const { hash, resourceId } = await w.resources.register({ resourceClass, metadata: o.metadata });
      cli.print({ hash, resourceId }, () => `registered resource ${resourceId} (transaction ${hash})`);
    });

  program
    .command("update-resource")
    .helpGroup(GROUP)
    .description("change the class or description of one of your resources")
    .argument("<resource>", "the resource id")
    .option("--class <class>", "its new class (default: as it is)")
    .option("--metadata <text or hash>", "its new description (default: as it is)")
    .action(async (typed: string, o: { class?: string; metadata?: string }) => {
      const resourceId = wholeNumber(typed, "the resource id");
      if (o.class === undefined && o.metadata === undefined) {
        throw new WeconetError("update-resource needs --class <class> or --metadata <text or hash> (or both)");
      }
      const w = await cli.actor();
      const current = (await w.reads.resources()).items.find((r) => r.id === resourceId);
      if (current === undefined) throw new WeconetError(`there is no resource ${resourceId} on this network`);
      const resourceClass = o.class === undefined ? current.classId : (await classOf(w, o.class)).id;
      await cli.sent(
        w.resources.update({ resourceId, resourceClass, metadata: o.metadata ?? current.metadata }),
        `updated resource ${resourceId}`,
      );
    });
}
