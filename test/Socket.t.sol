// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// The test runner finds tests by the `testFuzz_` prefix.
// solhint-disable func-name-mixedcase

import {IMembership} from "../contracts/membership/IMembership.sol";
import {ReceiptAnchors} from "../contracts/socket/ReceiptAnchors.sol";
import {SocketDirectory} from "../contracts/socket/SocketDirectory.sol";
import {WeconetTest} from "./lib/WeconetTest.sol";

/// @notice Stands in for Membership: every account is an active member, so the URL rules alone decide.
contract EveryoneActive {
    function isActiveMember(address) external pure returns (bool) {
        return true;
    }
}

/// @notice Fuzz tests of the socket contracts: the directory accepts exactly the URLs its rules describe (and
/// returns them byte for byte), and an operator's anchored count only ever grows, whatever order counts come in.
contract SocketFuzzTest is WeconetTest {
    SocketDirectory private _directory;
    ReceiptAnchors private _anchors;

    constructor() {
        _directory = new SocketDirectory(address(0xBEEF), IMembership(address(new EveryoneActive())), "http://d");
        _anchors = new ReceiptAnchors();
    }

    /// @dev Any body after `http://` or `https://`: accepted and stored as given iff it is 1 to (200 - scheme) bytes
    /// of printable ASCII; otherwise refused with the first offending byte's position (or the length).
    function testFuzz_urlRules(bytes memory body, bool secure) public {
        bytes memory scheme = secure ? bytes("https://") : bytes("http://");
        bytes memory url = bytes.concat(scheme, body);
        (bool printable, uint256 index) = _firstUnprintable(url);
        bytes memory refusal;
        if (body.length == 0) {
            refusal = abi.encodeWithSelector(SocketDirectory.SocketDirectoryUrlNotHttp.selector);
        } else if (url.length > 200) {
            refusal = abi.encodeWithSelector(SocketDirectory.SocketDirectoryUrlTooLong.selector, url.length, 200);
        } else if (!printable) {
            refusal = abi.encodeWithSelector(SocketDirectory.SocketDirectoryUrlInvalidCharacter.selector, index);
        }
        try _directory.setSocket(string(url)) {
            assertTrue(refusal.length == 0, "accepted only a valid URL");
            assertTrue(keccak256(bytes(_directory.socketOf(address(this)))) == keccak256(url), "stored byte for byte");
        } catch (bytes memory reason) {
            assertTrue(refusal.length != 0, "refused only an invalid URL");
            assertTrue(keccak256(reason) == keccak256(refusal), "refused with the rule it breaks");
        }
    }

    /// @dev A sequence of anchors with arbitrary counts: each succeeds iff its count exceeds the largest so far;
    /// the latest anchor is always the last success, numbered by the successes.
    function testFuzz_anchoredCountOnlyGrows(uint64[16] memory counts) public {
        uint64 highest = 0;
        uint64 successes = 0;
        for (uint256 i = 0; i < counts.length; ++i) {
            // Mostly small steps up and down, so that both outcomes occur often.
            uint64 count = counts[i] % 4 == 0 ? counts[i] : uint64(bound(counts[i], 0, uint256(highest) + 3));
            bytes32 root = keccak256(abi.encode(i, count));
            bool grows = count > highest;
            try _anchors.anchor(root, count) returns (uint64 seq) {
                assertTrue(grows, "accepted only a growing count");
                highest = count;
                successes += 1;
                assertEq(seq, successes, "numbered by the successes");
            } catch (bytes memory reason) {
                assertFalse(grows, "refused only a count that does not grow");
                bytes memory expected = abi.encodeWithSelector(
                    ReceiptAnchors.ReceiptAnchorsCountNotIncreasing.selector,
                    highest,
                    count
                );
                assertTrue(keccak256(reason) == keccak256(expected), "refused as not increasing");
            }
            (, uint64 receipts, uint64 latestSeq, ) = _anchors.latestOf(address(this));
            assertEq(receipts, highest, "the latest count is the highest accepted");
            assertEq(latestSeq, successes, "the latest number is the count of successes");
        }
    }

    function _firstUnprintable(bytes memory url) private pure returns (bool printable, uint256 index) {
        for (uint256 i = 0; i < url.length; ++i) {
            if (url[i] < 0x21 || url[i] > 0x7e) return (false, i);
        }
        return (true, 0);
    }
}
