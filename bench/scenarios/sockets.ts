import { keccak256, stringToHex, type Address } from "viem";

import { send } from "@weconet/sdk";

import {
  admit,
  asGovernance,
  benchNetwork,
  everyone,
  fundedAddresses,
  gasOf,
  type Measurement,
  type Scenario,
} from "../lib.js";

/** A typical socket URL (26 bytes: one storage slot) and the longest the directory accepts (200 bytes). */
const URL = "https://socket.example.org";
const LONGEST = `https://${"s".repeat(192)}`;
const rootOf = (n: number) => keccak256(stringToHex(`bench receipt heads ${n}`));

/** The operator whose receipt log grows with the network: one anchor per member the benchmark grew to. */
let operator: Address | undefined;
let anchored = 0;
/** How many members have named their socket so far (they are `everyone(net)` in order). */
let pointed = 0;

/**
 * Where members' data lives and the socket operators' receipt anchors, measured with `scale` members who have
 * each named their socket and an operator that has anchored `scale` times: naming, moving and dropping a
 * pointer, a first and a later anchor, and the members' vote changing the default.
 */
export const socketsScenario: Scenario = {
  domain: "sockets",
  async grow(scale: number): Promise<void> {
    const net = await benchNetwork(scale);
    const members = everyone(net);
    for (const member of members.slice(pointed)) {
      await net.sdk.as(member).sockets.set({ url: `https://socket-${pointed++}.example.org` });
    }
    operator ??= (await fundedAddresses(1))[0];
    if (operator === undefined) throw new Error("no operator");
    for (; anchored < scale; anchored++) {
      await net.sdk.as(operator).sockets.anchor({ root: rootOf(anchored + 1), receipts: (anchored + 1) * 10 });
    }
  },
  async measure(scale: number): Promise<Measurement[]> {
    const net = await benchNetwork(scale);
    const rows: Measurement[] = [];
    const record = (operation: string, gas: bigint) => rows.push({ domain: "sockets", operation, scale, gas });

    // A newcomer names their socket, moves it and drops it; another names the longest URL the directory takes.
    const [newcomer, another] = await fundedAddresses(2);
    if (newcomer === undefined || another === undefined || operator === undefined) throw new Error("no accounts");
    await admit(net, newcomer);
    await admit(net, another);
    const member = net.sdk.as(newcomer);
    record("setSocket (first)", await gasOf(member.sockets.set({ url: URL })));
    record("setSocket (move)", await gasOf(member.sockets.set({ url: "https://commons.example.net" })));
    record("clearSocket", await gasOf(member.sockets.clear()));
    record("setSocket (first, 200-byte URL)", await gasOf(net.sdk.as(another).sockets.set({ url: LONGEST })));

    // A new operator's first anchor, and the next anchor of the one whose log grew with the network.
    const [fresh] = await fundedAddresses(1);
    if (fresh === undefined) throw new Error("no fresh operator");
    record("anchor (first)", await gasOf(net.sdk.as(fresh).sockets.anchor({ root: rootOf(0), receipts: 1 })));
    record(
      "anchor (next)",
      await gasOf(net.sdk.as(operator).sockets.anchor({ root: rootOf(anchored + 1), receipts: (anchored + 1) * 10 })),
    );

    // The default socket, as the timelock sets it once the members' vote passed.
    const timelock = await asGovernance(net);
    record(
      "setDefaultSocket",
      await gasOf(send(timelock.context, "socketDirectory", "setDefaultSocket", ["https://commons.example.net"])),
    );
    return rows;
  },
};
