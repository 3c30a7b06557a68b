// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Consents opened by other Weconet contracts on a member's behalf
/// @notice A connector is a contract approved by the members' vote (the market) that opens a data consent in a
/// transaction the owner sent to it — the owner's consent is that transaction — and closes it again when the
/// business it served is over (a booking completes, is refunded or is ruled on).
/// @dev Consents from different sources combine: the owner's own consent and each connector consent (one per
/// booking) live side by side in the pair's slots, and the grantee may read an attribute while any live consent
/// covers it. A connector only ever adds a consent of its own and removes that same one: it never replaces,
/// narrows or closes the owner's own consent or another booking's.
interface IAccessConnector {
    /// @notice Adds a consent from `owner` to `grantee` for `attributeIds`, `purpose`, until `expiresAt`, on
    /// `owner`'s behalf, in a free connector slot of the pair. Only an approved connector may call it, and only
    /// with the sender of the transaction it is serving as `owner`. The same checks apply as when the owner
    /// grants directly.
    /// @return connectionId The pair's id (the same one every AccessGrants event about the pair carries).
    /// @return slot The slot of the new consent (1 and up; slot 0 is the owner's own consent), which the connector
    /// keeps to close exactly this consent later.
    function openByConnector(
        address owner,
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint48 expiresAt
    ) external returns (uint256 connectionId, uint8 slot);

    /// @notice Removes the consent in `slot` of the pair (`owner`, `grantee`) that the calling connector opened,
    /// and frees the slot. Never reverts for a consent that the owner or the grantee already closed, or that
    /// expired, so that settling a booking can never be blocked by it.
    /// @return closed Whether a live consent was closed (false when it had been closed or had expired before).
    function closeByConnector(address owner, address grantee, uint8 slot) external returns (bool closed);
}
