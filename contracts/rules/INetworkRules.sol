// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Weconet network rules, as other Weconet contracts read them
interface INetworkRules {
    /// @notice Whether new applications for membership are accepted.
    enum AdmissionPolicy {
        Closed,
        Open
    }

    /// @notice Whether new applications for membership are accepted.
    function admissionPolicy() external view returns (AdmissionPolicy);

    /// @notice The longest a data connection (access grant) may last, in seconds.
    function maxGrantDuration() external view returns (uint32);

    /// @notice The network's fee on market bookings, in basis points (1/100 of a percent).
    function marketFeeBps() external view returns (uint16);

    /// @notice How long after delivery a party may open a dispute, in seconds.
    function disputeWindow() external view returns (uint32);

    /// @notice How long a pending request for a data connection waits for the owner's answer, in seconds.
    function accessRequestLifetime() external view returns (uint32);

    /// @notice How long a new member waits after admission before their vote counts, in seconds.
    function probationPeriod() external view returns (uint32);

    /// @notice How many members one network leader may admit per probation period.
    function admissionsPerLeader() external view returns (uint16);

    /// @notice How long the network leaders have to rule on a dispute, in seconds from its opening.
    function disputeRulingPeriod() external view returns (uint32);
}
