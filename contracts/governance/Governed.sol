// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Governed
/// @notice Base for contracts whose settings only the members' vote changes: every restricted call must come
/// from the governance executor (the network's TimelockController), fixed at deployment.
abstract contract Governed {
    /// @notice The governance executor (the TimelockController that the members' vote controls).
    address public immutable governance;

    /// @notice The caller is not the governance executor.
    error NotGovernance(address caller);

    /// @notice The governance executor cannot be the zero address.
    error GovernanceZeroAddress();

    modifier onlyGovernance() {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        _;
    }

    constructor(address governance_) {
        if (governance_ == address(0)) revert GovernanceZeroAddress();
        governance = governance_;
    }
}
