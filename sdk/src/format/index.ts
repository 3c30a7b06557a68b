/**
 * Formatting shared by the dApp, the CLI and the audit trail: amounts in their token's units, dates, durations,
 * short ids, people by name, rules in words; and the parsing of what people type into them, with field errors.
 */
export { ETH_TOKEN, formatAmount, parseAmount, parseCount } from "./tokens.js";
export type { Parsed, TokenInfo } from "./tokens.js";
export { formatDate, formatDuration, formatRelative, parseDuration } from "./time.js";
export { resolveId, sameAddress, shortAddress, shortId } from "./ids.js";
export { personName, personNames, withPersonNames } from "./people.js";
export type { PersonNames } from "./people.js";
export { describeRuleChange, formatBps, formatRuleValue, RULE_INFO, ruleInfo, ruleLabel } from "./rules.js";
export type { RuleInfo, RuleKind } from "./rules.js";
