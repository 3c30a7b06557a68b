import type { Metadata } from "next";
import type { ReactNode } from "react";

import { Header } from "@/components/Header";
import { Providers } from "@/components/Providers";
import { currentNetworkConfig } from "@/server/weconet";

import "./globals.css";

// The deployments are found at request time: a restarted local network needs no rebuild.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  // Each page names itself (its `metadata.title`): "Governance · Weconet"; a page without a title is "Weconet".
  title: { default: "Weconet", template: "%s · Weconet" },
  description: "Members vote on rules and open or close connections; providers list, consumers book; auditors read.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const network = await currentNetworkConfig();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip">
          Skip to content
        </a>
        {network.chains.length === 0 ? (
          <main id="main" className="page">
            <h1>No Weconet network found</h1>
            <p>
              The dApp found no live Weconet deployment. Start the local network with <code>npm start</code> (it starts
              this dApp too), or deploy to a test chain with Ignition (deploy/deployments/chain-&lt;id&gt;/).
            </p>
            {network.problems.map((p) => (
              <p key={p} className="error">
                {p}
              </p>
            ))}
          </main>
        ) : (
          <Providers network={network}>
            <Header />
            <main id="main" className="page">
              {children}
            </main>
          </Providers>
        )}
      </body>
    </html>
  );
}
