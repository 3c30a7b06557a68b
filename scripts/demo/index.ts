import { seedAccessDemo } from "./access.js";
import { seedCoreDemo } from "./core.js";
import { seedMarketDemo } from "./market.js";
import type { DemoNetwork } from "./network.js";

/** Seeds the whole demo network, domain by domain (each step builds on the previous ones). */
export async function seedDemo(net: DemoNetwork): Promise<void> {
  await seedCoreDemo(net);
  await seedAccessDemo(net);
  await seedMarketDemo(net);
}
