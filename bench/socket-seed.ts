/**
 * Fills the socket benchmark's store with many owners' values: each owner signs in (SIWE) and writes its values
 * through the HTTP API, `concurrency` owners at a time — the path every real write takes.
 */
import type { PrivateKeyAccount } from "viem/accounts";

import type { Attribute } from "@weconet/sdk";

interface Service {
  url: string;
}

interface Session {
  values: { set(attributeId: number, value: unknown): Promise<unknown> };
}

export interface SeedOptions<S extends Service> {
  owners: readonly PrivateKeyAccount[];
  attributes: readonly Attribute[];
  value(dataType: string, owner: number): unknown;
  start(): Promise<S>;
  stop(service: S): Promise<void>;
  signIn(url: string, account: PrivateKeyAccount): Promise<Session>;
  concurrency: number;
}

export async function seedValues<S extends Service>(
  o: SeedOptions<S>,
): Promise<{ how: string; seconds: number; values: number }> {
  const socket = await o.start();
  const started = performance.now();
  let next = 0;
  let values = 0;
  const worker = async () => {
    for (let i = next++; i < o.owners.length; i = next++) {
      const owner = o.owners[i];
      if (owner === undefined) continue;
      const session = await o.signIn(socket.url, owner);
      for (const a of o.attributes) {
        await session.values.set(a.id, o.value(a.dataType, i));
        values++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await o.stop(socket);
  return { how: `through HTTP, each owner signed in with SIWE, ${o.concurrency} at a time`, seconds, values };
}
