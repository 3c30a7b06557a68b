// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {GovernorLateQuorum} from "../governance/GovernorLateQuorum.sol";

// TEST DOUBLES, never deployed by Weconet's modules: the late-quorum module on its own, next to OpenZeppelin's
// GovernorPreventLateQuorum with the same token and settings, so that tests can compare the two (including
// settings Weconet's governor refuses, such as a quorum of zero or votes without weight).

/// @title LateQuorumVotesToken — TEST DOUBLE
/// @notice An ERC-20 vote token that anyone may mint (the holder delegates to themselves), on a timestamp clock
/// shifted by a fixed offset, so that tests can run governors near the end of the uint48 clock.
contract LateQuorumVotesToken is ERC20, EIP712, ERC20Votes {
    /// @notice Added to the block timestamp to give the clock.
    uint256 public immutable CLOCK_OFFSET;

    /// @param clockOffset Added to the block timestamp to give the clock (0: the block timestamp).
    constructor(uint256 clockOffset) ERC20("Late Quorum Votes", "LQV") EIP712("Late Quorum Votes", "1") {
        CLOCK_OFFSET = clockOffset;
    }

    /// @notice Mints `amount` votes to `to`, who delegates to themselves (tests only).
    function mint(address to, uint256 amount) external {
        if (delegates(to) == address(0)) _delegate(to, to);
        _mint(to, amount);
    }

    /// @notice ERC-6372 clock: the block timestamp plus {CLOCK_OFFSET}.
    function clock() public view override returns (uint48) {
        return SafeCast.toUint48(block.timestamp + CLOCK_OFFSET);
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

/// @title OZLateQuorumGovernor — TEST DOUBLE
/// @notice A governor with OpenZeppelin's GovernorPreventLateQuorum: the reference of the differential tests.
contract OZLateQuorumGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum
{
    constructor(
        IVotes token,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint48 voteExtension,
        uint256 quorumNumerator_
    )
        Governor("OZ late quorum")
        GovernorSettings(votingDelay_, votingPeriod_, 0)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumNumerator_)
        GovernorPreventLateQuorum(voteExtension)
    {}

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }
}

/// @title WeconetLateQuorumGovernor — TEST DOUBLE
/// @notice The same governor with Weconet's GovernorLateQuorum instead, and nothing else of Weconet's governor
/// (any quorum, votes without weight counted).
contract WeconetLateQuorumGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorLateQuorum
{
    constructor(
        IVotes token,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint48 voteExtension,
        uint48 maxVoteExtension,
        uint256 quorumNumerator_
    )
        Governor("Weconet late quorum")
        GovernorSettings(votingDelay_, votingPeriod_, 0)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumNumerator_)
        GovernorLateQuorum(voteExtension, maxVoteExtension)
    {}

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function proposalDeadline(uint256 proposalId) public view override(Governor, GovernorLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal override(Governor, GovernorCountingSimple, GovernorLateQuorum) returns (uint256) {
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorLateQuorum) {
        super._tallyUpdated(proposalId);
    }
}
