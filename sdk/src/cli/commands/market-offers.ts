/**
 * The market's offers: the list and the ranking for a need; what providers do with theirs (list one for a
 * resource, change its terms, pause, resume, close for good); booking one. Prices are typed and shown in the
 * token's units ("0.008 ETH"), never in its smallest unit.
 */
import type { Command } from "commander";

import type { DataRequestInput } from "../../actions/market.js";
import { WeconetError } from "../../errors.js";
import type { AttributeWant } from "../../matching.js";
import { documentsFromDirectory } from "../../node/documents.js";
import { describePurpose } from "../../purposes.js";
import type { OfferView } from "../../reads/market.js";
import type { Weconet } from "../../weconet.js";
import { confirmed, type Cli } from "../context.js";
import { formatAmount, formatDuration } from "../../format/index.js";
import {
  amountIn,
  attributeList,
  classOf,
  collect,
  days,
  moment,
  moneyOf,
  parseAddress,
  positiveCount,
  tokenInfo,
  tokenOption,
  wholeNumber,
} from "../parse.js";
import { table } from "../output.js";

const GROUP = "Market: offers (acting needs --from or WECONET_PRIVATE_KEY):";

/** --want service_area=Amsterdam, lead_time<=3600, capacity>=2. */
function wants(typed: readonly string[]): Record<string, AttributeWant> {
  const parsed: Record<string, AttributeWant> = {};
  for (const want of typed) {
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

/** What a booking of the offer shares with its provider, from --share, --purpose and --share-days (all or none). */
function dataRequest(o: { share?: string; purpose?: string; shareDays?: string }): DataRequestInput | undefined {
  if (o.share === undefined && o.purpose === undefined && o.shareDays === undefined) return undefined;
  if (o.share === undefined || o.purpose === undefined || o.shareDays === undefined) {
    throw new WeconetError(
      "a booking's data request needs --share <attributes> --purpose <purpose> --share-days <n> (all three)",
    );
  }
  return {
    attributes: attributeList(o.share, "--share needs attribute names or ids, separated by commas"),
    purpose: o.purpose,
    duration: days(o.shareDays, "--share-days"),
  };
}

/** The offer, which must exist (a sentence for an unknown id). */
async function offerOf(w: Weconet, typed: string): Promise<OfferView> {
  return w.reads.offer(wholeNumber(typed, "the offer id"));
}

/** What a booking shares with the provider, in words ("delivery_address for Delivery of goods, 1 day"). */
async function sharesOf(w: Weconet, offer: OfferView): Promise<string> {
  const r = offer.dataRequest;
  if (r.attributeIds.length === 0) return "";
  const names = new Map((await w.reads.attributes()).map((a) => [a.id, a.name]));
  return `${r.attributeIds.map((id) => names.get(id) ?? String(id)).join(",")} for ${describePurpose(r.purpose)}, ${formatDuration(r.duration)}`;
}

interface TermsOptions {
  price?: string;
  capacity?: string;
  token?: string;
  class?: string;
  document?: string;
  validFrom?: string;
  validUntil?: string;
  share?: string;
  purpose?: string;
  shareDays?: string;
}

/** The options of list-offer and update-offer (update-offer: each one optional, unchanged when left out). */
function termsOptions(command: Command): Command {
  return command
    .option("--price <amount>", "the price of one unit in the token's units, e.g. 0.008")
    .option("--capacity <n>", "how many units may be booked in total")
    .option("--token <ETH|symbol|address>", "what it is paid in (default ETH)")
    .option("--class <class>", "its class (default: the resource's class)")
    .option("--document <text or hash>", 'its document: JSON such as {"attributes":{"service_area":"Amsterdam"}}')
    .option("--valid-from <date>", "bookable from (2026-01-31 or unix time; default now)")
    .option("--valid-until <date>", "bookable until (default: no end)")
    .option("--share <attributes>", "what a booking shares with you: person attributes, separated by commas")
    .option("--purpose <purpose>", "why (with --share): a DPV term of `weconet purposes`")
    .option("--share-days <n>", "for how long (with --share), in days from the booking");
}

export function registerOffers(program: Command, cli: Cli): void {
  program
    .command("offers")
    .helpGroup(GROUP)
    .description("live offers, cheapest first; with --match, ranked for a need with each match explained in words")
    .option("--class <class>", "only offers of this class")
    .option("--subclasses", "with --class: its subclasses too", false)
    .option("--token <ETH|symbol|address>", "only offers priced in it (default for --max-price: ETH)")
    .option("--max-price <amount>", "at most this unit price, in the token's units")
    .option("--provider <address>", "only this provider's")
    .option("--all", "also paused, closed, sold-out and expired offers", false)
    .option("--match", "rank for a need: --class, --quantity and --max-price, and --want …", false)
    .option("--quantity <n>", "with --match: how many units", "1")
    .option("--want <criterion>", "with --match: attribute=value, attribute<=n or attribute>=n (repeatable)", collect)
    .option("--documents <dir>", "with --match: a folder of offer documents (the matcher reads their attributes)")
    .action(
      async (o: {
        class?: string;
        subclasses: boolean;
        token?: string;
        maxPrice?: string;
        provider?: string;
        all: boolean;
        match: boolean;
        quantity: string;
        want?: string[];
        documents?: string;
      }) => {
        const w = await cli.reader();
        const token = await tokenOption(w, o.token);
        const info = await tokenInfo(w, token);
        const maxPrice = o.maxPrice === undefined ? undefined : amountIn(o.maxPrice, info, "--max-price");
        const money = moneyOf(w);
        const names = new Map((await w.reads.attributes()).map((a) => [a.id, a.name]));
        if (o.match) {
          if (o.class === undefined || maxPrice === undefined) {
            throw new WeconetError("offers --match needs --class <name>, --quantity <n> and --max-price <amount>");
          }
          const quantity = positiveCount(o.quantity, "quantity (--quantity)");
          const outcome = await w.reads.match(
            { class: o.class, quantity, maxUnitPrice: maxPrice, token, attributes: wants(o.want ?? []) },
            o.documents === undefined ? {} : { resolveDocument: documentsFromDirectory(o.documents) },
          );
          const lines: string[] = [];
          for (const [i, m] of outcome.ranked.entries()) {
            lines.push(
              `${i + 1}. offer ${m.offer.id} by ${m.offer.provider}: ${names.get(m.offer.classId) ?? m.offer.classId}, ${await money(m.offer.unitPrice, m.offer.token)} a unit — ${m.verdict}`,
              ...m.explanation.slice(1).map((line) => `     ${line}`),
            );
          }
          for (const e of outcome.excluded) lines.push(`   left out: offer ${e.offer.id} — ${e.reasons.join("; ")}`);
          cli.print(outcome, () =>
            outcome.ranked.length === 0 && outcome.excluded.length === 0 ? "no offers" : lines.join("\n"),
          );
          return;
        }
        const provider = o.provider === undefined ? undefined : parseAddress(o.provider, "--provider");
        const { items: offers } = await w.reads.offers({
          ...(o.class === undefined ? {} : { class: (await classOf(w, o.class)).id, includeSubclasses: o.subclasses }),
          ...(o.token === undefined ? {} : { token }),
          ...(maxPrice === undefined ? {} : { maxUnitPrice: maxPrice }),
          ...(provider === undefined ? {} : { provider }),
          all: o.all,
        });
        const rows = await Promise.all(
          offers.map(async (offer) => [
            offer.id.toString(),
            names.get(offer.classId) ?? String(offer.classId),
            await money(offer.unitPrice, offer.token),
            `${offer.remaining}/${offer.capacity}`,
            offer.bookable ? "bookable" : offer.status,
            offer.provider,
            offer.dataRequest.attributeIds.map((id) => names.get(id) ?? id).join(","),
          ]),
        );
        cli.print(offers, () =>
          offers.length === 0
            ? "no offers"
            : table([["offer", "class", "unit price", "left", "state", "provider", "shares"], ...rows]),
        );
      },
    );

  termsOptions(
    program
      .command("list-offer")
      .helpGroup(GROUP)
      .description("put one of your resources on the market: an offer with its price, capacity and terms")
      .argument("<resource>", "your resource's id (see `weconet resources --owner <you>`)"),
  ).action(async (resourceText: string, o: TermsOptions) => {
    const resourceId = wholeNumber(resourceText, "the resource id");
    if (o.price === undefined || o.capacity === undefined || o.document === undefined) {
      throw new WeconetError("list-offer needs <resource> --price <amount> --capacity <n> --document <text or hash>");
    }
    const capacity = positiveCount(o.capacity, "capacity (--capacity)");
    const request = dataRequest(o);
    const w = await cli.actor();
    const token = await tokenOption(w, o.token);
    const info = await tokenInfo(w, token);
    const unitPrice = amountIn(o.price, info, "--price");
    const listed = await w.market.listOffer({
      resourceId,
      token,
      unitPrice,
      capacity,
      document: o.document,
      ...(o.class === undefined ? {} : { class: (await classOf(w, o.class)).id }),
      ...(o.validFrom === undefined ? {} : { validFrom: moment(o.validFrom, "--valid-from") }),
      ...(o.validUntil === undefined ? {} : { validUntil: moment(o.validUntil, "--valid-until") }),
      ...(request === undefined ? {} : { dataRequest: request }),
    });
    cli.print(
      { hash: listed.hash, offerId: listed.offerId },
      () =>
        `listed offer ${listed.offerId}: ${capacity} unit(s) at ${formatAmount(unitPrice, info)} a unit (transaction ${listed.hash})`,
    );
  });

  termsOptions(
    program
      .command("update-offer")
      .helpGroup(GROUP)
      .description("change your offer's terms (a new version; bookings made keep theirs); what you leave out stays")
      .argument("<offer>", "the offer id"),
  )
    .option("--no-share", "a booking shares no data any more")
    .action(async (offerText: string, o: Omit<TermsOptions, "share"> & { share?: string | false }) => {
      const share = o.share === false ? null : o.share;
      const changes = [o.price, o.capacity, o.token, o.class, o.document, o.validFrom, o.validUntil, o.purpose];
      if (changes.every((c) => c === undefined) && share === undefined && o.shareDays === undefined) {
        throw new WeconetError(
          "update-offer needs what changes: --price, --capacity, --token, --class, --document, --valid-from, --valid-until or --share",
        );
      }
      const capacity = o.capacity === undefined ? undefined : positiveCount(o.capacity, "capacity (--capacity)");
      const request =
        share === null
          ? null
          : dataRequest({
              ...(share === undefined ? {} : { share }),
              ...(o.purpose === undefined ? {} : { purpose: o.purpose }),
              ...(o.shareDays === undefined ? {} : { shareDays: o.shareDays }),
            });
      const w = await cli.actor();
      const offer = await offerOf(w, offerText);
      const token = o.token === undefined ? offer.token : await tokenOption(w, o.token);
      const info = await tokenInfo(w, token);
      const unitPrice = o.price === undefined ? undefined : amountIn(o.price, info, "--price");
      const updated = await w.market.updateOffer({
        offerId: offer.id,
        token,
        ...(unitPrice === undefined ? {} : { unitPrice }),
        ...(capacity === undefined ? {} : { capacity }),
        ...(o.document === undefined ? {} : { document: o.document }),
        ...(o.class === undefined ? {} : { class: (await classOf(w, o.class)).id }),
        ...(o.validFrom === undefined ? {} : { validFrom: moment(o.validFrom, "--valid-from") }),
        ...(o.validUntil === undefined ? {} : { validUntil: moment(o.validUntil, "--valid-until") }),
        ...(request === undefined ? {} : { dataRequest: request }),
      });
      cli.print(
        { hash: updated.hash, version: updated.version },
        () =>
          `updated offer ${offer.id} to version ${updated.version}: ${formatAmount(unitPrice ?? offer.unitPrice, info)} a unit, ${capacity ?? offer.capacity} unit(s) (transaction ${updated.hash})`,
      );
    });

  program
    .command("pause-offer")
    .helpGroup(GROUP)
    .description("take your offer off the market until you resume it")
    .argument("<offer>", "the offer id")
    .action(async (offerText: string) => {
      const w = await cli.actor();
      const offer = await offerOf(w, offerText);
      await cli.sent(w.market.pauseOffer({ offerId: offer.id }), `paused offer ${offer.id}`);
    });

  program
    .command("resume-offer")
    .helpGroup(GROUP)
    .description("put your paused offer back on the market")
    .argument("<offer>", "the offer id")
    .action(async (offerText: string) => {
      const w = await cli.actor();
      const offer = await offerOf(w, offerText);
      await cli.sent(w.market.resumeOffer({ offerId: offer.id }), `resumed offer ${offer.id}`);
    });

  program
    .command("close-offer")
    .helpGroup(GROUP)
    .description("end your offer for good (bookings made run on); asks first unless --yes")
    .argument("<offer>", "the offer id")
    .action(async (offerText: string) => {
      const w = await cli.actor();
      const offer = await offerOf(w, offerText);
      if (!(await confirmed(cli, `Close offer ${offer.id} for good?`))) {
        cli.print({ closed: false }, () => "nothing closed");
        return;
      }
      await cli.sent(w.market.closeOffer({ offerId: offer.id }), `closed offer ${offer.id} for good`);
    });

  program
    .command("book")
    .helpGroup(GROUP)
    .description("book an offer at its current version and price (approves an ERC-20 first when needed)")
    .argument("<offer>", "the offer id")
    .option("--quantity <n>", "how many units", "1")
    .action(async (offerText: string, o: { quantity: string }) => {
      const offerId = wholeNumber(offerText, "the offer id");
      const quantity = positiveCount(o.quantity, "quantity (--quantity)");
      const w = await cli.actor();
      const offer = await w.reads.offer(offerId);
      if (offer.bookable && quantity > offer.remaining) {
        throw new WeconetError(`offer ${offerId} has ${offer.remaining} unit(s) left, not ${quantity}`);
      }
      const booked = await w.market.book({ offerId, quantity });
      const info = await tokenInfo(w, booked.token);
      const shares = await sharesOf(w, offer);
      cli.print(booked, () =>
        [
          ...(booked.approval === undefined
            ? []
            : [
                `approved the market to take ${formatAmount(booked.amount, info)} (transaction ${booked.approval.hash})`,
              ]),
          `booked ${quantity} unit(s) of offer ${offerId}: booking ${booked.bookingId}, ${formatAmount(booked.amount, info)} in escrow${booked.connectionId === 0n ? "" : `; data connection ${booked.connectionId} opened for the provider (${shares})`} (transaction ${booked.hash})`,
        ].join("\n"),
      );
    });
}
