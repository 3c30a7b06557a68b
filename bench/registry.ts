import { easAnchor } from "./anchors/eas.js";
import { floorAnchor } from "./anchors/floor.js";
import { ozGovernorAnchor } from "./anchors/governor.js";
import type { Scenario } from "./lib.js";
import { accessScenario } from "./scenarios/access.js";
import { coreScenario } from "./scenarios/core.js";
import { marketScenario } from "./scenarios/market.js";
import { socketsScenario } from "./scenarios/sockets.js";

/** Weconet's scenarios, one per domain file in bench/scenarios/: register a new one here. */
export const SCENARIOS: readonly Scenario[] = [coreScenario, accessScenario, marketScenario, socketsScenario];

/** The systems Weconet is compared with (bench/anchors/), and the floor. */
export const ANCHORS: readonly Scenario[] = [easAnchor, ozGovernorAnchor, floorAnchor];
