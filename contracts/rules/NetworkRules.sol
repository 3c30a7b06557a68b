// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governed} from "../governance/Governed.sol";
import {VotingBounds} from "../governance/VotingBounds.sol";
import {INetworkRules} from "./INetworkRules.sol";

/// @title NetworkRules
/// @notice The parameters of the network that only the members' vote may change. Each rule has a name (its
/// key, readable as a short string), a typed getter and bounds; every change emits the key, old and new value.
/// @dev All rules share one storage slot, so a contract reading several of them pays for one cold load.
contract NetworkRules is INetworkRules, Governed {
    /// @notice Key of the admission policy: 0 = applications closed, 1 = open (a leader admits each applicant).
    bytes32 public constant ADMISSION_POLICY = "admissionPolicy";
    /// @notice Key of the maximum duration of a data connection, in seconds.
    bytes32 public constant MAX_GRANT_DURATION = "maxGrantDuration";
    /// @notice Key of the market fee, in basis points.
    bytes32 public constant MARKET_FEE_BPS = "marketFeeBps";
    /// @notice Key of the dispute window, in seconds.
    bytes32 public constant DISPUTE_WINDOW = "disputeWindow";
    /// @notice Key of how long a pending request for a data connection waits for the owner's answer, in seconds.
    bytes32 public constant ACCESS_REQUEST_LIFETIME = "accessRequestLifetime";

    /// @notice Key of a new member's probation period, in seconds: their vote counts only once it has passed.
    bytes32 public constant PROBATION_PERIOD = "probationPeriod";
    /// @notice Key of how many members one leader may admit per probation period.
    bytes32 public constant ADMISSIONS_PER_LEADER = "admissionsPerLeader";
    /// @notice Key of how long the network leaders have to rule on a dispute, in seconds from its opening.
    bytes32 public constant DISPUTE_RULING_PERIOD = "disputeRulingPeriod";
    /// @notice Lower bound of the maximum grant duration.
    uint256 public constant MIN_GRANT_DURATION = 1 hours;
    /// @notice Upper bound of the maximum grant duration.
    uint256 public constant MAX_GRANT_DURATION_LIMIT = 10 * 365 days;
    /// @notice 100%, in basis points: the market fee may not exceed it.
    uint256 public constant MAX_FEE_BPS = 10_000;
    /// @notice Lower bound of the dispute window.
    uint256 public constant MIN_DISPUTE_WINDOW = 1 hours;
    /// @notice Upper bound of the dispute window.
    uint256 public constant MAX_DISPUTE_WINDOW = 365 days;
    /// @notice Lower bound of the lifetime of a pending access request.
    uint256 public constant MIN_ACCESS_REQUEST_LIFETIME = 1 hours;
    /// @notice Upper bound of the lifetime of a pending access request.
    uint256 public constant MAX_ACCESS_REQUEST_LIFETIME = 90 days;

    /// @notice Lower bound of the probation period: the longest a proposal can take from creation to execution,
    /// so that the members always see an admission in the events and can remove the leader who made it before
    /// the new vote counts, whatever voting settings they chose.
    uint256 public constant MIN_PROBATION_PERIOD = VotingBounds.MAX_DECISION_TIME;
    /// @notice Upper bound of the probation period.
    uint256 public constant MAX_PROBATION_PERIOD = 365 days;
    /// @notice Lower bound of the admissions per leader and probation period.
    uint256 public constant MIN_ADMISSIONS_PER_LEADER = 1;
    /// @notice Upper bound of the admissions per leader and probation period.
    uint256 public constant MAX_ADMISSIONS_PER_LEADER = 1_000;
    /// @notice Lower bound of the leaders' ruling period.
    uint256 public constant MIN_DISPUTE_RULING_PERIOD = 1 hours;
    /// @notice Upper bound of the leaders' ruling period.
    uint256 public constant MAX_DISPUTE_RULING_PERIOD = 90 days;

    /// @notice The values of all rules, as set at deployment or by a later vote.
    struct RuleValues {
        AdmissionPolicy admissionPolicy;
        uint16 marketFeeBps;
        uint32 maxGrantDuration;
        uint32 disputeWindow;
        uint32 accessRequestLifetime;
        uint32 probationPeriod;
        uint16 admissionsPerLeader;
        uint32 disputeRulingPeriod;
    }

    RuleValues private _rules;

    /// @notice A rule changed (also emitted for every rule at deployment, with `oldValue` 0).
    event RuleChanged(bytes32 indexed key, uint256 oldValue, uint256 newValue);

    /// @notice `key` names no rule.
    error UnknownRule(bytes32 key);

    /// @notice `value` is outside the bounds of rule `key`.
    error InvalidRuleValue(bytes32 key, uint256 value);

    /// @param governance_ The timelock that executes the members' decisions.
    /// @param initial The rules in force from deployment; each must be within its bounds.
    constructor(address governance_, RuleValues memory initial) Governed(governance_) {
        _set(ADMISSION_POLICY, uint256(initial.admissionPolicy));
        _set(MAX_GRANT_DURATION, initial.maxGrantDuration);
        _set(MARKET_FEE_BPS, initial.marketFeeBps);
        _set(DISPUTE_WINDOW, initial.disputeWindow);
        _set(ACCESS_REQUEST_LIFETIME, initial.accessRequestLifetime);
        _set(PROBATION_PERIOD, initial.probationPeriod);
        _set(ADMISSIONS_PER_LEADER, initial.admissionsPerLeader);
        _set(DISPUTE_RULING_PERIOD, initial.disputeRulingPeriod);
    }

    /// @notice Changes rule `key` to `value`. Only the governance executor (after a members' vote) may call it.
    /// @dev Reverts with {UnknownRule} for an unknown key and {InvalidRuleValue} for a value out of bounds.
    /// @param key The rule's key (one of the `*` constants of this contract).
    /// @param value The new value, in the rule's unit.
    function setRule(bytes32 key, uint256 value) external onlyGovernance {
        _set(key, value);
    }

    /// @notice The current value of rule `key`, whatever its type.
    /// @param key The rule's key.
    /// @return The value, in the rule's unit.
    function rule(bytes32 key) public view returns (uint256) {
        RuleValues memory r = _rules;
        if (key == ADMISSION_POLICY) return uint256(r.admissionPolicy);
        if (key == MAX_GRANT_DURATION) return r.maxGrantDuration;
        if (key == MARKET_FEE_BPS) return r.marketFeeBps;
        if (key == DISPUTE_WINDOW) return r.disputeWindow;
        if (key == ACCESS_REQUEST_LIFETIME) return r.accessRequestLifetime;
        if (key == PROBATION_PERIOD) return r.probationPeriod;
        if (key == ADMISSIONS_PER_LEADER) return r.admissionsPerLeader;
        if (key == DISPUTE_RULING_PERIOD) return r.disputeRulingPeriod;
        revert UnknownRule(key);
    }

    /// @notice The bounds (inclusive) that a value of rule `key` must lie within.
    /// @param key The rule's key.
    /// @return min The smallest value accepted.
    /// @return max The largest value accepted.
    function ruleBounds(bytes32 key) public pure returns (uint256 min, uint256 max) {
        if (key == ADMISSION_POLICY) return (0, uint256(type(AdmissionPolicy).max));
        if (key == MAX_GRANT_DURATION) return (MIN_GRANT_DURATION, MAX_GRANT_DURATION_LIMIT);
        if (key == MARKET_FEE_BPS) return (0, MAX_FEE_BPS);
        if (key == DISPUTE_WINDOW) return (MIN_DISPUTE_WINDOW, MAX_DISPUTE_WINDOW);
        if (key == ACCESS_REQUEST_LIFETIME) return (MIN_ACCESS_REQUEST_LIFETIME, MAX_ACCESS_REQUEST_LIFETIME);
        if (key == PROBATION_PERIOD) return (MIN_PROBATION_PERIOD, MAX_PROBATION_PERIOD);
        if (key == ADMISSIONS_PER_LEADER) return (MIN_ADMISSIONS_PER_LEADER, MAX_ADMISSIONS_PER_LEADER);
        if (key == DISPUTE_RULING_PERIOD) return (MIN_DISPUTE_RULING_PERIOD, MAX_DISPUTE_RULING_PERIOD);
        revert UnknownRule(key);
    }

    /// @notice The keys of all rules, in a fixed order.
    /// @return keys The rule keys.
    function ruleKeys() external pure returns (bytes32[] memory keys) {
        keys = new bytes32[](8);
        keys[0] = ADMISSION_POLICY;
        keys[1] = MAX_GRANT_DURATION;
        keys[2] = MARKET_FEE_BPS;
        keys[3] = DISPUTE_WINDOW;
        keys[4] = ACCESS_REQUEST_LIFETIME;
        keys[5] = PROBATION_PERIOD;
        keys[6] = ADMISSIONS_PER_LEADER;
        keys[7] = DISPUTE_RULING_PERIOD;
    }

    /// @notice All rules at once.
    /// @return The current values.
    function rules() external view returns (RuleValues memory) {
        return _rules;
    }

    /// @inheritdoc INetworkRules
    function admissionPolicy() external view returns (AdmissionPolicy) {
        return _rules.admissionPolicy;
    }

    /// @inheritdoc INetworkRules
    function maxGrantDuration() external view returns (uint32) {
        return _rules.maxGrantDuration;
    }

    /// @inheritdoc INetworkRules
    function marketFeeBps() external view returns (uint16) {
        return _rules.marketFeeBps;
    }

    /// @inheritdoc INetworkRules
    function disputeWindow() external view returns (uint32) {
        return _rules.disputeWindow;
    }

    /// @inheritdoc INetworkRules
    function accessRequestLifetime() external view returns (uint32) {
        return _rules.accessRequestLifetime;
    }

    /// @inheritdoc INetworkRules
    function probationPeriod() external view returns (uint32) {
        return _rules.probationPeriod;
    }

    /// @inheritdoc INetworkRules
    function admissionsPerLeader() external view returns (uint16) {
        return _rules.admissionsPerLeader;
    }

    /// @inheritdoc INetworkRules
    function disputeRulingPeriod() external view returns (uint32) {
        return _rules.disputeRulingPeriod;
    }

    function _set(bytes32 key, uint256 value) private {
        uint256 oldValue = rule(key);
        (uint256 min, uint256 max) = ruleBounds(key);
        if (value < min || value > max) revert InvalidRuleValue(key, value);
        // every bound fits the field's type, so the casts below cannot truncate
        if (key == ADMISSION_POLICY) _rules.admissionPolicy = AdmissionPolicy(value);
        else if (key == MAX_GRANT_DURATION) _rules.maxGrantDuration = uint32(value);
        else if (key == MARKET_FEE_BPS) _rules.marketFeeBps = uint16(value);
        else if (key == DISPUTE_WINDOW) _rules.disputeWindow = uint32(value);
        else if (key == ACCESS_REQUEST_LIFETIME) _rules.accessRequestLifetime = uint32(value);
        else if (key == PROBATION_PERIOD) _rules.probationPeriod = uint32(value);
        else if (key == ADMISSIONS_PER_LEADER) _rules.admissionsPerLeader = uint16(value);
        else _rules.disputeRulingPeriod = uint32(value);
        emit RuleChanged(key, oldValue, value);
    }
}
