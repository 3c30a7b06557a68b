// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title VotingBounds
/// @notice The longest any step of the members' vote may take, fixed for every Weconet network. Together they
/// bound the time from a proposal's creation to its execution ({MAX_DECISION_TIME}), which the network rules use
/// as the shortest probation period of a new member and as the members' own time to rule on a dispute: whatever
/// the members later vote for the voting delay, the voting period, the late-quorum extension and the timelock
/// delay, a decision always fits in that time.
library VotingBounds {
    /// @notice The longest voting delay (from proposal to snapshot) the governor accepts, in seconds.
    uint256 internal constant MAX_VOTING_DELAY = 7 days;
    /// @notice The longest voting period the governor accepts, in seconds.
    uint256 internal constant MAX_VOTING_PERIOD = 14 days;
    /// @notice The longest late-quorum extension the governor accepts, in seconds.
    uint256 internal constant MAX_LATE_QUORUM_EXTENSION = 7 days;
    /// @notice The longest timelock delay the timelock accepts, in seconds.
    uint256 internal constant MAX_TIMELOCK_DELAY = 7 days;
    /// @notice The longest a proposal can take from creation to execution, in seconds.
    uint256 internal constant MAX_DECISION_TIME =
        MAX_VOTING_DELAY + MAX_VOTING_PERIOD + MAX_LATE_QUORUM_EXTENSION + MAX_TIMELOCK_DELAY;
}
