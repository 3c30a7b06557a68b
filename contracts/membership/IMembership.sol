// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Weconet membership, as other Weconet contracts see it
/// @notice Status and roles of members, answered in O(1) for contracts that gate actions on them.
interface IMembership {
    /// @notice Where an address stands in the network.
    /// @dev `None` also covers members who left; `Removed` addresses were expelled by the members' vote and may not apply again.
    enum Status {
        None,
        Applicant,
        Active,
        Suspended,
        Removed
    }

    /// @notice The network manager role: exactly one holder at any time, appointed by the members' vote.
    function MANAGER_ROLE() external view returns (bytes32);

    /// @notice The network leader role: any number of holders, appointed and removed by the members' vote.
    function LEADER_ROLE() external view returns (bytes32);

    /// @notice The community developer role: granted and revoked by network leaders.
    function DEVELOPER_ROLE() external view returns (bytes32);

    /// @notice The status of `account`.
    function statusOf(address account) external view returns (Status);

    /// @notice Whether `account` is an active (admitted, not suspended) member: one who may act. Whether their vote
    /// counts is a separate matter (see the membership's votes: probation, and suspension does not take votes).
    function isActiveMember(address account) external view returns (bool);

    /// @notice When `account`'s current membership began, or 0 when `account` is not a member.
    /// @dev Lets other contracts tell a member's current membership from an earlier one (leave and re-join).
    function memberSince(address account) external view returns (uint48);

    /// @notice When `account`'s current membership began if `account` is an active member now, else 0.
    /// @dev One call answers both "is active" and "since when" — e.g. whether something registered at a given time
    /// belongs to the current membership.
    function activeSince(address account) external view returns (uint48);

    /// @notice Whether `account` was ever admitted as a member (true also after leaving or removal).
    /// @dev Lets other contracts refuse to treat a former member's address as something else (an application).
    function hasBeenMember(address account) external view returns (bool);

    /// @notice Whether `account` is an active member holding `role`.
    function hasActiveRole(bytes32 role, address account) external view returns (bool);

    /// @notice The current network manager.
    function manager() external view returns (address);
}
