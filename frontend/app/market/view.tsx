"use client";

import dynamic from "next/dynamic";

import { OfferCard } from "@/components/market/Offers";
import { RequestRow } from "@/components/market/Requests";
import { Search } from "@/components/market/Search";
import { Query } from "@/components/Query";
import { useChainNow } from "@/lib/clock";
import { offersByToken } from "@/lib/booking";
import { tokenArgs, tokenOf } from "@/lib/market";
import { useWeconet, useWeconetList, useWeconetRead } from "@/lib/weconet";

// What only a connected wallet sees is loaded once one is: a first visit does not carry the forms.
const MyMarket = dynamic(() => import("@/components/market/MyMarket").then((m) => m.MyMarket), {
  ssr: false,
  loading: () => <p className="muted">Reading your bookings and offers…</p>,
});
const PostRequestForm = dynamic(() => import("@/components/market/PostRequest").then((m) => m.PostRequestForm), {
  ssr: false,
});

/** Supply and demand: find and book offers; list and manage one's own; bookings with their next step; requests. */
export function MarketPage() {
  const { account } = useWeconet();
  const connected = account !== undefined;
  const now = useChainNow();
  const attributes = useWeconetList("attributes");
  const offers = useWeconetList("offers", { all: true });
  const tokens = useWeconetRead("tokens", tokenArgs(offers.data?.map((o) => o.token)));
  const myOffers = (offers.data ?? []).filter(
    (o) => account !== undefined && o.provider.toLowerCase() === account.toLowerCase(),
  );
  const requests = useWeconetList("marketRequests");
  const attrs = attributes.data ?? [];

  return (
    <>
      <h1>Market</h1>
      <p className="muted">
        Providers list what their resources offer; consumers search and book. Payment waits in escrow until the booking
        is settled; a booking may share some of the consumer&apos;s data with the provider for its time.
      </p>
      {attributes.data !== undefined && <Search attributes={attributes.data} tokens={tokens.data ?? []} />}
      {!connected && <p className="banner warning">Connect a wallet to book, list offers and see your bookings.</p>}
      <section className="card" aria-labelledby="live-h">
        <h2 id="live-h">Live offers</h2>
        <p className="hint">
          Everything bookable now, per payment token and cheapest first. Search above to rank them for what you need.
        </p>
        <Query result={offers} what="the offers">
          {(list) => {
            const live = list.filter((o) => o.bookable);
            return live.length === 0 ? (
              <p className="muted">Nothing is on offer now.</p>
            ) : (
              <div data-testid="live-offers">
                {offersByToken(live, (t) => tokenOf(tokens.data, t)).map((group) => (
                  <section
                    key={group.token.address}
                    data-token={group.token.symbol}
                    aria-label={`In ${group.token.symbol}`}
                  >
                    <h3>Priced in {group.token.symbol}</h3>
                    <ul className="plain">
                      {group.offers.map((o) => (
                        <OfferCard key={o.id.toString()} offer={o} attributes={attrs} tokens={tokens.data} />
                      ))}
                    </ul>
                  </section>
                ))}
              </div>
            );
          }}
        </Query>
      </section>
      {account !== undefined && (
        <MyMarket
          account={account}
          offers={offers.data}
          myOffers={myOffers}
          attributes={attrs}
          tokens={tokens.data}
          now={now}
        />
      )}
      <section className="card" aria-labelledby="requests-h">
        <h2 id="requests-h">Requests</h2>
        <Query result={requests} what="the requests">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No open requests.</p>
            ) : (
              <ul className="plain">
                {list.map((r) => (
                  <RequestRow
                    key={r.id.toString()}
                    request={r}
                    myOffers={myOffers}
                    attributes={attrs}
                    tokens={tokens.data}
                    now={now}
                  />
                ))}
              </ul>
            )
          }
        </Query>
        {connected && attributes.data !== undefined && <PostRequestForm attributes={attributes.data} />}
      </section>
    </>
  );
}
