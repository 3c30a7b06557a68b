// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title VoteHistory
/// @notice An append-only history of `(key, value)` entries with non-decreasing keys, looked up as "the value of
/// the last entry whose key is at most `t`".
/// @dev Unlike OpenZeppelin's `Checkpoints.Trace208`, a push never updates the last entry in place when its key
/// repeats: it always appends one entry (one new storage slot plus the array length). So the storage a push writes
/// — and its gas — never depends on whether another transaction pushed in the same second, which is what a
/// wallet estimating gas on the latest block assumes. Lookups answer exactly as `Trace208.upperLookup` does for
/// the same pushes (the last of several entries with the same key wins), which the differential fuzz test
/// `test/VoteHistory.t.sol` checks.
library VoteHistory {
    /// @notice One entry: from `key` on, the value was `value` (until the next entry's key).
    struct Entry {
        uint48 key;
        uint208 value;
    }

    /// @notice The entries, in push order (keys non-decreasing).
    struct History {
        Entry[] entries;
    }

    /// @notice Appends `(key, value)`. The caller guarantees that `key` is not lower than the last pushed key
    /// (Weconet pushes the block timestamp, which never decreases).
    /// @param self The history.
    /// @param key The entry's key (a timestamp).
    /// @param value The entry's value.
    function push(History storage self, uint48 key, uint208 value) internal {
        self.entries.push(Entry({key: key, value: value}));
    }

    /// @notice The value of the last entry whose key is at most `t`, or 0 when there is none.
    /// @dev Binary search for the first entry with a key above `t` (O(log n)); the latest entries are tried
    /// first, as `Trace208.upperLookupRecent` does, so that recent snapshots cost about the same as a fixed read.
    /// @param self The history.
    /// @param t The timepoint.
    /// @return The value at `t`.
    function upperLookup(History storage self, uint48 t) internal view returns (uint208) {
        Entry[] storage entries = self.entries;
        uint256 high = entries.length;
        uint256 low = 0;
        if (high > 5) {
            // The last entries answer most lookups (a proposal's snapshot is recent).
            uint256 mid = high - Math.sqrt(high);
            if (t < entries[mid].key) high = mid;
            else low = mid + 1;
        }
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (entries[mid].key > t) high = mid;
            else low = mid + 1;
        }
        return high == 0 ? 0 : entries[high - 1].value;
    }

    /// @notice The number of entries.
    /// @param self The history.
    /// @return The count.
    function length(History storage self) internal view returns (uint256) {
        return self.entries.length;
    }
}
