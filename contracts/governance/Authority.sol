// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Who imposed a suspension (of a member or an application), from the lowest authority to the highest.
/// A suspension is lifted only by the same or a higher authority, and raised by a higher one.
enum Authority {
    None,
    Leader,
    Manager,
    MembersVote
}
