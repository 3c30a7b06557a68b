// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {VotingBounds} from "./VotingBounds.sol";

/// @title WeconetTimelock
/// @notice The network's executor and treasury: it owns the rules, the taxonomy and role appointments, holds the
/// market's fees, and runs only what the members' vote queued through the governor. Its delay never exceeds
/// {VotingBounds.MAX_TIMELOCK_DELAY}, so that every decision fits in {VotingBounds.MAX_DECISION_TIME}.
/// @dev OpenZeppelin's TimelockController with a bounded delay; the deployment makes the governor its only
/// proposer and canceller, lets anyone execute a ready operation, and renounces the deployer's admin role.
contract WeconetTimelock is TimelockController {
    /// @notice A timelock delay may not exceed {VotingBounds.MAX_TIMELOCK_DELAY}.
    error WeconetTimelockDelayTooLong(uint256 delay, uint256 maxDelay);

    /// @param minDelay Seconds between queueing and executing an operation, at most
    /// {VotingBounds.MAX_TIMELOCK_DELAY}.
    /// @param proposers Accounts allowed to schedule and cancel (the governor, granted after it is deployed).
    /// @param executors Accounts allowed to execute; `address(0)` lets anyone execute a ready operation.
    /// @param admin Optional bootstrap admin, renounced by the deployment once the governor is wired.
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(_bounded(minDelay), proposers, executors, admin) {}

    /// @notice Changes the delay. Only the timelock itself (an operation the members' vote queued) may call it.
    /// @param newDelay The new delay, at most {VotingBounds.MAX_TIMELOCK_DELAY}.
    function updateDelay(uint256 newDelay) public override {
        // The caller is checked first, so that anyone else learns only that they may not call it.
        address sender = _msgSender();
        if (sender != address(this)) revert TimelockUnauthorizedCaller(sender);
        super.updateDelay(_bounded(newDelay));
    }

    /// @dev `delay`, or a revert with {WeconetTimelockDelayTooLong} beyond the bound.
    function _bounded(uint256 delay) private pure returns (uint256) {
        if (delay > VotingBounds.MAX_TIMELOCK_DELAY) {
            revert WeconetTimelockDelayTooLong(delay, VotingBounds.MAX_TIMELOCK_DELAY);
        }
        return delay;
    }
}
