// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {Membership} from "../membership/Membership.sol";
import {GovernorLateQuorum} from "./GovernorLateQuorum.sol";
import {VotingBounds} from "./VotingBounds.sol";

/// @title WeconetGovernor
/// @notice The members' vote: one member, one vote, on proposals with a human-readable description. Passed
/// proposals are queued in and executed by the timelock, which owns everything governable. The quorum is a share
/// of the votes at the snapshot, rounded up and at least one vote. A quorum reached late extends the vote so that
/// others can react. The voting delay and period are bounded (VotingBounds), so that every decision fits in
/// {VotingBounds.MAX_DECISION_TIME}. Votes may be cast by EIP-712 signature.
/// @dev OpenZeppelin Governor with settings, simple counting, votes (timestamp clock, as the membership's),
/// quorum fraction and timelock control; late-quorum protection is {GovernorLateQuorum} (OpenZeppelin's
/// interface, checked only where it can matter). Plain snapshot semantics: the votes a member held at a
/// proposal's snapshot count until the proposal ends, whatever happens to them meanwhile (a suspension never
/// takes a vote; leaving or removal end votes only for later snapshots). Only active members may propose.
contract WeconetGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorLateQuorum,
    GovernorTimelockControl
{
    /// @notice Voting parameters, in seconds (the clock is the block timestamp) and percent of members.
    struct Settings {
        uint48 votingDelay;
        uint48 lateQuorumExtension;
        uint48 maxLateQuorumExtension;
        uint32 votingPeriod;
        uint16 quorumPercent;
    }

    /// @notice A proposal needs a description that says what it does.
    error WeconetGovernorEmptyDescription();
    /// @notice `account` had no vote at the proposal's snapshot.
    error WeconetGovernorNoVotingPower(address account);
    /// @notice `account` is not an active member (suspended, or not a member), so may not propose.
    error WeconetGovernorProposerNotActive(address account);
    /// @notice The timelock cannot be replaced: the rules, the taxonomy and the membership's admin role are bound
    /// to it (a new timelock means a new network deployment).
    error WeconetGovernorTimelockIsPermanent();
    /// @notice A voting delay may not exceed {VotingBounds.MAX_VOTING_DELAY}.
    error WeconetGovernorVotingDelayTooLong(uint256 votingDelay, uint256 maxVotingDelay);
    /// @notice A voting period may not exceed {VotingBounds.MAX_VOTING_PERIOD}.
    error WeconetGovernorVotingPeriodTooLong(uint256 votingPeriod, uint256 maxVotingPeriod);

    /// @param membership The membership contract: the source of votes and of the clock.
    /// @param timelock The timelock that queues and executes passed proposals.
    /// @param settings The initial voting parameters: the voting delay at most {VotingBounds.MAX_VOTING_DELAY}, the
    /// period at most {VotingBounds.MAX_VOTING_PERIOD}, the late-quorum bound at most the period and at most
    /// {VotingBounds.MAX_LATE_QUORUM_EXTENSION}.
    constructor(
        Membership membership,
        TimelockController timelock,
        Settings memory settings
    )
        Governor("Weconet")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, 1)
        GovernorVotes(IVotes(address(membership)))
        GovernorVotesQuorumFraction(settings.quorumPercent)
        GovernorLateQuorum(settings.lateQuorumExtension, settings.maxLateQuorumExtension)
        GovernorTimelockControl(timelock)
    {}

    /// @notice Creates a proposal. Only active (not suspended) members whose vote counts may propose; the
    /// description must not be empty
    /// (by convention a `# Title` line, then what changes and why).
    /// @param targets The contracts to call.
    /// @param values The ETH to send with each call.
    /// @param calldatas The encoded calls.
    /// @param description The human-readable description.
    /// @return The proposal id.
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public override returns (uint256) {
        if (bytes(description).length == 0) revert WeconetGovernorEmptyDescription();
        address proposer = _msgSender();
        if (!Membership(address(token())).isActiveMember(proposer)) revert WeconetGovernorProposerNotActive(proposer);
        return super.propose(targets, values, calldatas, description);
    }

    /// @notice ERC-6372 clock: the block timestamp, as the membership's (read here without a call to it).
    /// @return The current timestamp.
    function clock() public view override(Governor, GovernorVotes) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock mode.
    /// @return "mode=timestamp".
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(Governor, GovernorVotes) returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Always reverts with {WeconetGovernorTimelockIsPermanent}: the contracts the members govern are bound to
    /// this timelock, and switching the governor to another one would leave them ungovernable.
    function updateTimelock(TimelockController) public pure override {
        revert WeconetGovernorTimelockIsPermanent();
    }

    // The overrides below only resolve OpenZeppelin's multiple inheritance, except where a comment says more.

    /// @inheritdoc Governor
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc Governor
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @notice Votes (For plus Abstain) a proposal with snapshot `timepoint` needs: the quorum fraction of the
    /// votes at that time, rounded up, and at least one. Rounding down would let a share below the fraction decide
    /// (5 to 9 votes at 20% would need 1), and a quorum of zero would let a proposal pass without any vote for it.
    /// @param timepoint The snapshot (a timestamp in the past).
    /// @return The quorum.
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        uint256 share = Math.mulDiv(
            token().getPastTotalSupply(timepoint),
            quorumNumerator(timepoint),
            quorumDenominator(),
            Math.Rounding.Ceil
        );
        return Math.max(share, 1);
    }

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function proposalDeadline(uint256 proposalId) public view override(Governor, GovernorLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    /// @dev The vote held at the snapshot, whatever the voter's status now: no single role holder can take a
    /// vote away during a proposal (a suspension does not touch votes).
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory
    ) internal view override(Governor, GovernorVotes) returns (uint256) {
        return token().getPastVotes(account, timepoint);
    }

    /// @dev Refuses a voting delay beyond {VotingBounds.MAX_VOTING_DELAY}, at construction and when the members'
    /// vote changes it.
    function _setVotingDelay(uint48 newVotingDelay) internal override {
        if (newVotingDelay > VotingBounds.MAX_VOTING_DELAY) {
            revert WeconetGovernorVotingDelayTooLong(newVotingDelay, VotingBounds.MAX_VOTING_DELAY);
        }
        super._setVotingDelay(newVotingDelay);
    }

    /// @dev Refuses a voting period beyond {VotingBounds.MAX_VOTING_PERIOD}, at construction and when the members'
    /// vote changes it.
    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        if (newVotingPeriod > VotingBounds.MAX_VOTING_PERIOD) {
            revert WeconetGovernorVotingPeriodTooLong(newVotingPeriod, VotingBounds.MAX_VOTING_PERIOD);
        }
        super._setVotingPeriod(newVotingPeriod);
    }

    /// @dev A vote without weight is refused rather than recorded as a zero-weight vote.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal override(Governor, GovernorCountingSimple, GovernorLateQuorum) returns (uint256) {
        if (totalWeight == 0) revert WeconetGovernorNoVotingPower(account);
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
