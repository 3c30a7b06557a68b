"use client";

import Link from "next/link";
import type { Address } from "viem";

import type { Attribute, OfferView } from "@weconet/sdk";

import { BookingRow, Credits } from "@/components/market/Bookings";
import { ListOfferForm, MyOfferRow } from "@/components/market/MyOffers";
import { Query } from "@/components/Query";
import { Table } from "@/components/Table";
import type { TokenInfo } from "@/lib/market";
import { useWeconetList, useWeconetRead } from "@/lib/weconet";

/**
 * The connected member's side of the market: their bookings with the next step, their credits, their offers and the
 * form to list one. Its own module: the market page loads it once a wallet is connected, so a first visit does not
 * carry the booking and listing forms.
 */
export function MyMarket({
  account,
  offers,
  myOffers,
  attributes: attrs,
  tokens,
  now,
}: {
  account: Address;
  offers: readonly OfferView[] | undefined;
  myOffers: readonly OfferView[];
  attributes: readonly Attribute[];
  tokens: readonly TokenInfo[] | undefined;
  now: number | undefined;
}) {
  const myResources = useWeconetList("resources", { owner: account, activeOnly: true });
  const bookings = useWeconetList("bookings", { party: account });
  const credits = useWeconetRead("credits", [account]);
  return (
    <>
      <section className="card" aria-labelledby="bookings-h" data-testid="my-bookings">
        <h2 id="bookings-h">My bookings</h2>
        <Query result={credits} what="your credits">
          {(list) => <Credits credits={list} tokens={tokens} />}
        </Query>
        <Query result={bookings} what="your bookings">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No bookings yet.</p>
            ) : (
              <Table head={["Booking", "What", "Status", "Next"]}>
                {list.map((b) => (
                  <BookingRow
                    key={b.id.toString()}
                    booking={b}
                    offer={offers?.find((o) => o.id === b.offerId)}
                    attributes={attrs}
                    tokens={tokens}
                    now={now}
                  />
                ))}
              </Table>
            )
          }
        </Query>
      </section>
      <section className="card" aria-labelledby="my-offers-h" data-testid="my-offers">
        <h2 id="my-offers-h">My offers</h2>
        {myOffers.length === 0 ? (
          <p className="muted">You offer nothing yet.</p>
        ) : (
          <ul className="plain">
            {myOffers.map((o) => (
              <MyOfferRow key={o.id.toString()} offer={o} attributes={attrs} tokens={tokens} />
            ))}
          </ul>
        )}
        {myResources.data !== undefined &&
          (myResources.data.length === 0 ? (
            <p className="muted small" data-testid="no-resources">
              Every offer is for one of your resources: <Link href="/membership#resources">register a resource</Link>{" "}
              first.
            </p>
          ) : (
            <ListOfferForm resources={myResources.data} attributes={attrs} />
          ))}
      </section>
    </>
  );
}
