// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Weconet applications, as AccessGrants and the data socket see them
/// @notice An application is software a community developer built on the network's data: members connect to it
/// like to another member. It is known by its account: the address its back end signs data-socket requests with.
interface IApplications {
    /// @notice Where an application stands. `Retired` is final.
    enum Status {
        None,
        Active,
        Suspended,
        Retired
    }

    /// @notice The status of the application with account `account` (`None` when no application has it).
    function statusOf(address account) external view returns (Status);

    /// @notice Whether the application `account` may hold access now: it is active and its developer is an active
    /// member holding the developer role. O(1).
    function isLive(address account) external view returns (bool);
}
