// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice One consent of a data connection from an owner to a grantee (the owner's own, or one a connector
/// opened for a booking), packed in one storage slot so that opening a consent of up to
/// {ConnectionLib.MAX_INLINE_ATTRIBUTES} attributes writes one fresh slot, closing it clears that slot, and reading
/// it loads one slot.
/// @dev Layout, from the least significant bit:
///   bits   0..39   expiresAt   (unix seconds; 0 = no consent)
///   bits  40..79   grantedAt   (when the consent was given)
///   bits  80..87   connector   (the id of the connector that opened it; 0 = the owner's own consent). A connector
///                  slot whose consent the owner or grantee closed keeps only this field ({ConnectionLib.heldBy}).
///   bits  88..95   inlineCount (1..10 attribute ids held inline below; 0 = the ids are in a 512-bit bitmap)
///   bits  96..255  up to 10 attribute ids, 16 bits each, in increasing order
type Connection is uint256;

/// @title ConnectionLib
/// @notice Packing and reading of {Connection}.
library ConnectionLib {
    /// @notice How many attribute ids fit in the connection's own slot.
    uint256 internal constant MAX_INLINE_ATTRIBUTES = 10;

    uint256 private constant TIME_MASK = (1 << 40) - 1;
    uint256 private constant GRANTED_AT_SHIFT = 40;
    uint256 private constant CONNECTOR_SHIFT = 80;
    uint256 private constant COUNT_SHIFT = 88;
    uint256 private constant IDS_SHIFT = 96;

    /// @dev Packs a connection; `ids` are held inline when they fit, else the caller stores them in a bitmap.
    /// `expiry` and `grantTime` must fit in 40 bits (the caller bounds them by the maximum grant duration).
    function pack(
        uint256 expiry,
        uint256 grantTime,
        uint8 connectorId,
        uint16[] calldata ids
    ) internal pure returns (Connection) {
        uint256 word = expiry | (grantTime << GRANTED_AT_SHIFT) | (uint256(connectorId) << CONNECTOR_SHIFT);
        uint256 n = ids.length;
        if (n <= MAX_INLINE_ATTRIBUTES) {
            word |= n << COUNT_SHIFT;
            for (uint256 i = 0; i < n; ++i) {
                word |= uint256(ids[i]) << (IDS_SHIFT + 16 * i);
            }
        }
        return Connection.wrap(word);
    }

    /// @dev The empty slot: no connection.
    function none() internal pure returns (Connection) {
        return Connection.wrap(0);
    }

    /// @dev A connector slot that holds no consent but stays held by connector `connectorId` until it frees it.
    function heldBy(uint8 connectorId) internal pure returns (Connection) {
        return Connection.wrap(uint256(connectorId) << CONNECTOR_SHIFT);
    }

    /// @dev Whether there is a connection (open or expired) in the slot.
    function exists(Connection c) internal pure returns (bool) {
        return Connection.unwrap(c) != 0;
    }

    /// @dev When the connection ends (0 when there is none).
    function expiresAt(Connection c) internal pure returns (uint48) {
        return uint48(Connection.unwrap(c) & TIME_MASK);
    }

    /// @dev When the owner gave the consent the connection rests on.
    function grantedAt(Connection c) internal pure returns (uint48) {
        return uint48((Connection.unwrap(c) >> GRANTED_AT_SHIFT) & TIME_MASK);
    }

    /// @dev The id of the connector that opened it (0: the owner's own consent).
    function connector(Connection c) internal pure returns (uint8) {
        return uint8(Connection.unwrap(c) >> CONNECTOR_SHIFT);
    }

    /// @dev How many attribute ids are held inline (0: they are in the connection's bitmap).
    function inlineCount(Connection c) internal pure returns (uint256) {
        return uint8(Connection.unwrap(c) >> COUNT_SHIFT);
    }

    /// @dev The `i`-th inline attribute id.
    function inlineId(Connection c, uint256 i) internal pure returns (uint16) {
        return uint16(Connection.unwrap(c) >> (IDS_SHIFT + 16 * i));
    }

    /// @dev Whether `id` is among the inline attribute ids (at most 10 comparisons, no storage read).
    function inlineIncludes(Connection c, uint16 id) internal pure returns (bool) {
        uint256 n = inlineCount(c);
        for (uint256 i = 0; i < n; ++i) {
            if (inlineId(c, i) == id) return true;
        }
        return false;
    }
}
