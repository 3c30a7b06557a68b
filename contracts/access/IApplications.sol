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

    /// @notice Whether the application `account` may hold access now: it is active, and its developer is an active
    /// member holding the developer role whose current membership began no later than the registration. O(1).
    function isLive(address account) external view returns (bool);

    /// @notice When the application `account` was (last) registered if it is live now (see {isLive}), else 0: a
    /// consent to it counts only if given at or after this time. O(1).
    function liveSince(address account) external view returns (uint48);
}
