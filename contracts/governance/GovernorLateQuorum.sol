// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title GovernorLateQuorum
/// @notice Late-quorum protection: when a proposal reaches quorum less than `lateQuorumVoteExtension` before its
/// deadline, the deadline moves to `lateQuorumVoteExtension` after that vote, so that members who were counting on
/// quorum not being reached can still react. The members' vote may change the extension, up to a bound fixed at
/// deployment.
/// @dev Same interface and outcome as OpenZeppelin's GovernorPreventLateQuorum (same functions, events and
/// error), built to cost (almost) nothing on an ordinary vote. OpenZeppelin's version reads its extended deadline
/// in every {state} call and computes the quorum on every vote until quorum is reached (about 15k gas a vote).
/// Here:
/// - an extension can only be created by a vote cast less than `lateQuorumVoteExtension` (at most
///   {MAX_LATE_QUORUM_VOTE_EXTENSION}) before the deadline, so before that final window {proposalDeadline} is the
///   original deadline and needs no storage read;
/// - only a For or Abstain vote inside the final window is checked (Against votes never count towards quorum),
///   and it extends the deadline only if it crossed quorum. Quorum crossed earlier needs no extension, and quorum
///   can only be crossed by a vote: the supply and the quorum fraction at the snapshot are fixed.
abstract contract GovernorLateQuorum is Governor, GovernorCountingSimple {
    /// @notice The largest late-quorum extension the members' vote may set, fixed at deployment.
    uint48 public immutable MAX_LATE_QUORUM_VOTE_EXTENSION;

    uint48 private _voteExtension;

    mapping(uint256 proposalId => uint48) private _extendedDeadlines;

    /// @notice The deadline of `proposalId` moved because it reached quorum late in its voting period.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);

    /// @notice The late-quorum extension changed.
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);

    /// @notice The extension may not exceed {MAX_LATE_QUORUM_VOTE_EXTENSION}.
    error GovernorPreventLateQuorumVoteExtensionTooLarge(uint256 newVoteExtension, uint256 maxVoteExtension);

    /// @param initialVoteExtension Seconds a proposal stays open after reaching quorum late.
    /// @param maxVoteExtension The largest extension the members' vote may ever set.
    constructor(uint48 initialVoteExtension, uint48 maxVoteExtension) {
        MAX_LATE_QUORUM_VOTE_EXTENSION = maxVoteExtension;
        _setLateQuorumVoteExtension(initialVoteExtension);
    }

    /// @notice The deadline of `proposalId`, later than originally set if quorum was reached late.
    /// @param proposalId The proposal.
    /// @return The deadline (a timestamp).
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        uint256 original = super.proposalDeadline(proposalId);
        if (_beforeFinalWindow(original)) return original;
        return Math.max(original, _extendedDeadlines[proposalId]);
    }

    /// @notice Seconds a proposal stays open after reaching quorum late.
    /// @return The extension.
    function lateQuorumVoteExtension() public view virtual returns (uint48) {
        return _voteExtension;
    }

    /// @notice Changes the late-quorum extension. Only through a governance proposal.
    /// @param newVoteExtension The new extension, at most {MAX_LATE_QUORUM_VOTE_EXTENSION}.
    function setLateQuorumVoteExtension(uint48 newVoteExtension) public virtual onlyGovernance {
        _setLateQuorumVoteExtension(newVoteExtension);
    }

    /// @dev Counts the vote, then extends the deadline if this vote crossed quorum inside the final window.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal virtual override(Governor, GovernorCountingSimple) returns (uint256 votedWeight) {
        votedWeight = super._countVote(proposalId, account, support, totalWeight, params);
        if (support == uint8(VoteType.Against)) return votedWeight;
        if (_beforeFinalWindow(Governor.proposalDeadline(proposalId))) return votedWeight;
        _extendIfQuorumReachedLate(proposalId, votedWeight);
    }

    function _extendIfQuorumReachedLate(uint256 proposalId, uint256 votedWeight) private {
        uint256 extendedDeadline = clock() + _voteExtension;
        if (extendedDeadline <= proposalDeadline(proposalId)) return;

        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        uint256 counted = forVotes + abstainVotes;
        uint256 required = quorum(proposalSnapshot(proposalId));
        if (counted >= required && counted - votedWeight < required) {
            _extendedDeadlines[proposalId] = SafeCast.toUint48(extendedDeadline);
            emit ProposalExtended(proposalId, uint64(extendedDeadline));
        }
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        if (newVoteExtension > MAX_LATE_QUORUM_VOTE_EXTENSION) {
            revert GovernorPreventLateQuorumVoteExtensionTooLarge(newVoteExtension, MAX_LATE_QUORUM_VOTE_EXTENSION);
        }
        emit LateQuorumVoteExtensionSet(_voteExtension, newVoteExtension);
        _voteExtension = newVoteExtension;
    }

    /// @dev Whether `clock()` is before the final window of a proposal whose original deadline is `original`:
    /// no vote can have extended it yet, since an extension is created only by a vote less than the extension
    /// (at most the bound) before the deadline.
    function _beforeFinalWindow(uint256 original) private view returns (bool) {
        return clock() + MAX_LATE_QUORUM_VOTE_EXTENSION <= original;
    }
}
