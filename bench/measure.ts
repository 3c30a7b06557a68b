import type { SnapshotRestorer } from "@nomicfoundation/hardhat-network-helpers/types";

import { networkHelpers } from "../test/helpers/network.js";
import type { Measurement, Scenario } from "./lib.js";
import type { RunResult } from "./report.js";

function notesOf(scenarios: readonly Scenario[]): Map<string, string> {
  return new Map(scenarios.flatMap((s) => Object.entries(s.expectedGrowth ?? {})));
}

/**
 * Measures Weconet's scenarios and the anchors on one chain at each of `scales` (ascending): every scenario
 * grows to the scale, then each measures from the same snapshot (see Scenario in bench/lib.ts).
 */
export async function measureAll(
  scales: readonly number[],
  scenarios: readonly Scenario[],
  anchors: readonly Scenario[],
  progress: (line: string) => void = () => {},
): Promise<RunResult> {
  const ascending = [...scales].sort((a, b) => a - b);
  const measured = { weconet: [] as Measurement[], anchors: [] as Measurement[] };
  let populated: SnapshotRestorer | undefined;
  for (const scale of ascending) {
    await populated?.restore();
    progress(`growing to ${scale} members, grants, offers and bookings`);
    for (const scenario of [...scenarios, ...anchors]) await scenario.grow?.(scale);
    populated = await networkHelpers.takeSnapshot();
    for (const [group, into] of [
      [scenarios, measured.weconet],
      [anchors, measured.anchors],
    ] as const) {
      for (const scenario of group) {
        progress(`${scenario.domain} with ${scale} existing`);
        await populated.restore();
        into.push(...(await scenario.measure(scale)));
      }
    }
  }
  return {
    scales: ascending,
    ...measured,
    weconetNotes: notesOf(scenarios),
    anchorNotes: notesOf(anchors),
  };
}
