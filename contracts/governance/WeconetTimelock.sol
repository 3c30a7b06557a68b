// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title WeconetTimelock
/// @notice The network's executor and treasury: it owns the rules, the taxonomy and role appointments, holds the
/// market's fees, and runs only what the members' vote queued through the governor.
/// @dev OpenZeppelin's TimelockController unchanged; the deployment makes the governor its only proposer and
/// canceller, lets anyone execute a ready operation, and renounces the deployer's admin role.
contract WeconetTimelock is TimelockController {
    /// @param minDelay Seconds between queueing and executing an operation.
    /// @param proposers Accounts allowed to schedule and cancel (the governor, granted after it is deployed).
    /// @param executors Accounts allowed to execute; `address(0)` lets anyone execute a ready operation.
    /// @param admin Optional bootstrap admin, renounced by the deployment once the governor is wired.
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
