// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// The test runner finds tests by the `testFuzz_` prefix.
// solhint-disable func-name-mixedcase

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {
    LateQuorumVotesToken,
    OZLateQuorumGovernor,
    WeconetLateQuorumGovernor
} from "../contracts/test/LateQuorumHarness.sol";
import {WeconetTest} from "./lib/WeconetTest.sol";

/// @dev The log-recording cheatcodes (Foundry's, supported by Hardhat's Solidity test runner), at the same address
/// as the cheatcodes of {WeconetTest}.
interface IVmLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
}

/// @notice Differential test of Weconet's GovernorLateQuorum against OpenZeppelin's GovernorPreventLateQuorum: two
/// governors on the same vote token with the same settings (voting delay and period, extension, quorum fraction
/// including zero) receive the same random sequence of votes (random voters, some without weight, random support,
/// repeated voters, votes before the snapshot, in the final window, at the deadline and after it, several at the
/// same time, new votes minted meanwhile). After every vote, both must have accepted or refused it, emitted the
/// same events in the same order (VoteCast, ProposalExtended), and report the same deadline and state; and so at
/// the end, at times around the (extended) deadline.
contract GovernorLateQuorumDifferentialTest is WeconetTest {
    IVmLogs internal constant VM_LOGS = IVmLogs(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant VOTERS = 8;
    uint256 internal constant STEPS = 14;

    LateQuorumVotesToken internal token;
    OZLateQuorumGovernor internal oz;
    WeconetLateQuorumGovernor internal weconet;

    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint48 extension;
        uint48 maxExtension;
        uint256 quorumNumerator;
    }

    /// forge-config: default.fuzz.runs = 1000
    function testFuzz_sameOutcomeAsOpenZeppelin(uint256 seed) public {
        Settings memory s = _settings(seed);
        uint256 proposalId = _deployAndPropose(s, seed);
        uint256 deadline = START + 1 + s.votingDelay + s.votingPeriod;
        uint256[] memory times = _voteTimes(uint256(keccak256(abi.encode(seed, "times"))), s, deadline);

        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, "step", step)));
            vm.warp(times[step]);
            if (r % 7 == 0) token.mint(_voter(r >> 8), 1 + ((r >> 16) % 5)); // supply after the snapshot: no effect
            _voteOnBoth(proposalId, _voter(r >> 24), uint8((r >> 32) % 4 == 3 ? (r >> 40) % 4 : (r >> 32) % 3));
            _assertSameView(proposalId, "after a vote");
        }
        // Around the original and the extended deadline, and long after.
        uint256 end = oz.proposalDeadline(proposalId);
        uint256[5] memory later = [deadline, deadline + 1, end, end + 1, end + 30 days];
        for (uint256 i = 0; i < later.length; ++i) {
            if (later[i] < block.timestamp) continue;
            vm.warp(later[i]);
            _assertSameView(proposalId, "after the votes");
        }
    }

    /// @dev Random settings: quorum 0% in a third of the runs, else 1% to 100%; extension up to the period; Weconet's
    /// bound (which sets where its final window starts) equal to the extension in half the runs, else up to the
    /// period (OpenZeppelin's bound is the period).
    function _settings(uint256 seed) private pure returns (Settings memory s) {
        uint256 r = uint256(keccak256(abi.encode(seed, "settings")));
        s.votingDelay = uint48(bound(r, 1, 100));
        s.votingPeriod = uint32(bound(r >> 16, 10, 2_000));
        s.extension = uint48(bound(r >> 48, 0, s.votingPeriod));
        s.maxExtension = (r >> 96) % 2 == 0 ? s.extension : uint48(bound(r >> 104, s.extension, s.votingPeriod));
        s.quorumNumerator = (r >> 80) % 3 == 0 ? 0 : bound(r >> 88, 1, 100);
    }

    /// @dev Deploys the token, gives random weights (some zero) to the voters, deploys both governors with the same
    /// settings and proposes the same proposal on both.
    function _deployAndPropose(Settings memory s, uint256 seed) private returns (uint256 proposalId) {
        vm.warp(START);
        token = new LateQuorumVotesToken(0);
        for (uint256 i = 0; i < VOTERS; ++i) {
            uint256 weight = uint256(keccak256(abi.encode(seed, "weight", i))) % 3; // 0 (no vote) to 2
            if (weight != 0) token.mint(_voter(i), weight);
        }
        oz = new OZLateQuorumGovernor(token, s.votingDelay, s.votingPeriod, s.extension, s.quorumNumerator);
        weconet = new WeconetLateQuorumGovernor(
            token,
            s.votingDelay,
            s.votingPeriod,
            s.extension,
            s.maxExtension,
            s.quorumNumerator
        );
        vm.warp(START + 1);
        address[] memory targets = new address[](1);
        targets[0] = address(token);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        proposalId = oz.propose(targets, values, calldatas, "differential");
        assertEq(weconet.propose(targets, values, calldatas, "differential"), proposalId, "same proposal id");
    }

    /// @dev STEPS non-decreasing vote times from the proposal to a little after the longest possible deadline; half
    /// of them drawn from around the final window (where extensions happen), some equal.
    function _voteTimes(uint256 seed, Settings memory s, uint256 deadline) private pure returns (uint256[] memory t) {
        t = new uint256[](STEPS);
        uint256 first = START + 1;
        uint256 last = deadline + s.extension + 3;
        uint256 windowStart = deadline > s.maxExtension + 3 + first ? deadline - s.maxExtension - 3 : first;
        for (uint256 i = 0; i < STEPS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (r % 8 == 0 && i > 0) t[i] = t[i - 1];
            else if (r % 2 == 0) t[i] = bound(r >> 8, windowStart, last);
            else t[i] = bound(r >> 8, first, last);
        }
        // Insertion sort: time only moves forward.
        for (uint256 i = 1; i < STEPS; ++i) {
            uint256 v = t[i];
            uint256 j = i;
            while (j > 0 && t[j - 1] > v) {
                t[j] = t[j - 1];
                --j;
            }
            t[j] = v;
        }
    }

    function _voter(uint256 r) private pure returns (address) {
        return address(uint160(0xB0000 + (r % VOTERS)));
    }

    /// @dev Casts the same vote on both governors and compares acceptance and every event each emitted.
    function _voteOnBoth(uint256 proposalId, address voter, uint8 support) private {
        bytes memory call = abi.encodeCall(IGovernor.castVote, (proposalId, support));
        VM_LOGS.recordLogs();
        // Low-level calls: a refused vote must be compared, not revert the test.
        vm.prank(voter);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ozOk, ) = address(oz).call(call);
        vm.prank(voter);
        // solhint-disable-next-line avoid-low-level-calls
        (bool weconetOk, ) = address(weconet).call(call);
        IVmLogs.Log[] memory logs = VM_LOGS.getRecordedLogs();
        assertTrue(ozOk == weconetOk, "both accept or both refuse the vote");

        bytes32[] memory ozEvents = new bytes32[](logs.length);
        bytes32[] memory weconetEvents = new bytes32[](logs.length);
        uint256 ozCount;
        uint256 weconetCount;
        for (uint256 i = 0; i < logs.length; ++i) {
            bytes32 digest = keccak256(abi.encode(logs[i].topics, logs[i].data));
            if (logs[i].emitter == address(oz)) ozEvents[ozCount++] = digest;
            else if (logs[i].emitter == address(weconet)) weconetEvents[weconetCount++] = digest;
        }
        assertEq(weconetCount, ozCount, "as many events");
        for (uint256 i = 0; i < ozCount; ++i) {
            assertTrue(ozEvents[i] == weconetEvents[i], "the same event, in the same order");
        }
    }

    function _assertSameView(uint256 proposalId, string memory when) private view {
        assertEq(weconet.proposalDeadline(proposalId), oz.proposalDeadline(proposalId), when);
        assertEq(uint256(weconet.state(proposalId)), uint256(oz.state(proposalId)), when);
    }
}
