import { nth } from "../../test/helpers/deployment.js";
import { ethers, networkHelpers } from "../../test/helpers/network.js";
import { Floor__factory, type Floor } from "../../typechain-types/index.js";
import { fundedAccounts, gasOf, type Measurement, type Scenario } from "../lib.js";

/** The domain under which the floor's figures are recorded, and its two operations. */
export const FLOOR = "floor";
export const SLOT_FLOOR = "one fresh slot + event";
export const TX_FLOOR = "bare transaction";

let floor: Floor | undefined;

/**
 * The physical floor: what a consent-style write costs at the least (bench/anchors/contracts/Floor.sol writes one
 * fresh storage slot and emits one event naming both parties), and what any transaction costs (a plain ETH
 * transfer, 21,000).
 */
export const floorAnchor: Scenario = {
  domain: FLOOR,
  async grow(): Promise<void> {
    floor ??= await new Floor__factory(nth(await ethers.getSigners(), 0)).deploy();
  },
  async measure(scale: number): Promise<Measurement[]> {
    if (floor === undefined) throw new Error("floor: grow() deploys the contract before measure()");
    const [owner, grantee] = await fundedAccounts(2);
    if (owner === undefined || grantee === undefined) throw new Error("floor: no accounts");
    const expiry = BigInt(await networkHelpers.time.latest()) + 30n * 86_400n;
    // A record as a one-attribute connection packs it: attribute id and expiry in one word.
    const record = (7n << 48n) | expiry;
    const slot = await gasOf(floor.connect(owner).record(grantee.address, record));
    const transfer = await (await owner.sendTransaction({ to: grantee.address, value: 1n })).wait();
    if (transfer === null) throw new Error("floor: transfer not mined");
    return [
      { domain: FLOOR, operation: SLOT_FLOOR, scale, gas: slot },
      { domain: FLOOR, operation: TX_FLOOR, scale, gas: transfer.gasUsed },
    ];
  },
};
