// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// The test runner finds tests by the `testFuzz_` prefix.
// solhint-disable func-name-mixedcase

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {VoteHistory} from "../contracts/membership/VoteHistory.sol";
import {WeconetTest} from "./lib/WeconetTest.sol";

/// @notice Differential fuzz test: the append-only {VoteHistory} answers every lookup exactly as OpenZeppelin's
/// `Checkpoints.Trace208` does after the same pushes — repeated keys (several changes in one second) included,
/// where Trace208 updates in place and VoteHistory appends.
contract VoteHistoryDifferentialTest is WeconetTest {
    using Checkpoints for Checkpoints.Trace208;
    using VoteHistory for VoteHistory.History;

    Checkpoints.Trace208 private _oz;
    VoteHistory.History private _ours;

    /// @dev `steps[i]` encodes a key gap (mostly 0 or 1, sometimes long) and a value; `probes` are lookups
    /// anywhere from before the first key to after the last.
    function testFuzz_lookupsMatchTrace208(
        uint64[40] memory steps,
        uint8 count,
        uint48 first,
        uint64[12] memory probes
    ) public {
        uint256 n = bound(count, 0, steps.length);
        uint48 key = uint48(bound(first, 0, type(uint32).max));
        uint48 firstKey = key;
        for (uint256 i = 0; i < n; ++i) {
            uint64 step = steps[i];
            uint256 gap = step % 5 == 0 ? bound(step >> 8, 0, 400 days) : (step % 5) - 1; // 0..3 mostly
            if (i > 0) key = uint48(key + gap);
            uint208 value = uint208(step >> 16) % 1000;
            _oz.push(key, value);
            _ours.push(key, value);
        }
        assertEq(_ours.length(), n, "one entry per push");
        uint256 span = uint256(key) - firstKey + 2;
        for (uint256 j = 0; j < probes.length; ++j) {
            uint48 t = uint48(firstKey + (probes[j] % (span + 1)));
            if (t > 0 && probes[j] % 7 == 0) t -= 1; // also just before the first key
            _compare(t);
        }
        // every key exactly, and the seconds around it
        _compare(key);
        _compare(key + 1);
        _compare(firstKey);
        if (firstKey > 0) _compare(firstKey - 1);
    }

    function _compare(uint48 t) private view {
        assertEq(_ours.upperLookup(t), _oz.upperLookupRecent(t), "same answer as Trace208.upperLookupRecent");
        assertEq(_ours.upperLookup(t), _oz.upperLookup(t), "same answer as Trace208.upperLookup");
    }
}
