// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {VotingBounds} from "./VotingBounds.sol";

/// @title GovernorLateQuorum
/// @notice Late-quorum protection: when a proposal reaches quorum less than `lateQuorumVoteExtension` before its
/// deadline, the deadline moves to `lateQuorumVoteExtension` after that vote, so that members who were counting on
/// quorum not being reached can still react. The members' vote may change the extension, up to a bound fixed at
/// deployment (at most the voting period and at most {VotingBounds.MAX_LATE_QUORUM_EXTENSION}).
/// @dev Same interface and outcome as OpenZeppelin's GovernorPreventLateQuorum (same functions, events, error,
/// deadlines and states after every vote; test/GovernorLateQuorum.t.sol compares the two on random votes), built
/// to cost (almost) nothing on an ordinary vote. OpenZeppelin's version reads its extended deadline in every
/// {proposalDeadline} call and computes the quorum after every vote until quorum is reached. Its rule: the first
/// vote after which `quorum(snapshot) <= for + abstain` holds records `clock() + lateQuorumVoteExtension()` and
/// extends the deadline to it if that is later; no later vote extends again. With a quorum of zero that is the
/// very first vote, of any support (even Against, even without weight).
///
/// Why checking only inside the final window gives the same outcome:
/// - A vote at time `t` can only extend if `t + extension > deadline`, and `extension <=
///   MAX_LATE_QUORUM_VOTE_EXTENSION`, so only a vote inside the final window (`t + MAX > deadline`) can. Before
///   that window {proposalDeadline} is the original deadline: no storage read. Time only moves forward, so once a
///   vote extended the deadline every later read is inside the window and sees the extension.
/// - Votes before the window are not looked at. Whether one of them already reached quorum is decided later, by
///   the first vote examined inside the window, from the tally before it: `for + abstain` before it at least the
///   quorum, and (for a quorum of zero) at least one vote before it. The tally only grows, and the quorum at the
///   snapshot is fixed during voting (the snapshot is in the past, and the supply and the quorum fraction at a
///   past time never change), so "reached before" is exactly "an earlier vote was the first to reach it".
/// - The one earlier vote a tally cannot show is a vote without weight when the quorum is zero. Such a vote
///   (rare: Weconet's governor refuses votes without weight) is recorded when cast, as OpenZeppelin records it.
/// - Inside the window the first vote that reaches quorum records its deadline (as OpenZeppelin's does), so later
///   votes see at once that quorum was reached.
/// - The event {ProposalExtended} is emitted in {_tallyUpdated}, after {IGovernor-VoteCast}, in OpenZeppelin's
///   order.
/// Every sum of clock values is computed in uint256 and a stored deadline is cast with SafeCast, so no setting
/// makes {proposalDeadline} or {IGovernor-state} overflow (the base Governor's own `voteStart + voteDuration` is
/// OpenZeppelin's; Weconet's governor bounds both terms, see VotingBounds).
///
/// The bound is checked against {IGovernor-votingPeriod} in the constructor: inherit the contract that sets the
/// voting period (GovernorSettings) before this one, as OpenZeppelin's own extension requires.
abstract contract GovernorLateQuorum is Governor, GovernorCountingSimple {
    /// @notice The largest late-quorum extension the members' vote may set, fixed at deployment.
    uint48 public immutable MAX_LATE_QUORUM_VOTE_EXTENSION;

    uint48 private _voteExtension;

    mapping(uint256 proposalId => uint48) private _extendedDeadlines;

    /// @dev The deadline the vote being cast extended the proposal to, from {_countVote} to {_tallyUpdated} (where
    /// the event is emitted, after VoteCast); zero when it extended nothing.
    uint48 private transient _extendedByThisVote;

    /// @notice The deadline of `proposalId` moved because it reached quorum late in its voting period.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);

    /// @notice The late-quorum extension changed.
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);

    /// @notice The extension may not exceed {MAX_LATE_QUORUM_VOTE_EXTENSION}.
    error GovernorPreventLateQuorumVoteExtensionTooLarge(uint256 newVoteExtension, uint256 maxVoteExtension);

    /// @notice The bound on the extension may not exceed the voting period: a quorum reached late may at most
    /// double the time to react, as with OpenZeppelin's default bound.
    error GovernorLateQuorumBoundAboveVotingPeriod(uint256 maxVoteExtension, uint256 votingPeriod);

    /// @notice The bound on the extension may not exceed {VotingBounds.MAX_LATE_QUORUM_EXTENSION}, the longest a
    /// Weconet network's decision may be delayed by a late quorum.
    error GovernorLateQuorumBoundTooLarge(uint256 maxVoteExtension, uint256 limit);

    /// @param initialVoteExtension Seconds a proposal stays open after reaching quorum late.
    /// @param maxVoteExtension The largest extension the members' vote may ever set: at most the voting period
    /// and at most {VotingBounds.MAX_LATE_QUORUM_EXTENSION}.
    constructor(uint48 initialVoteExtension, uint48 maxVoteExtension) {
        if (maxVoteExtension > VotingBounds.MAX_LATE_QUORUM_EXTENSION) {
            revert GovernorLateQuorumBoundTooLarge(maxVoteExtension, VotingBounds.MAX_LATE_QUORUM_EXTENSION);
        }
        uint256 period = votingPeriod();
        if (maxVoteExtension > period) revert GovernorLateQuorumBoundAboveVotingPeriod(maxVoteExtension, period);
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

    /// @dev Counts the vote; inside the final window, extends the deadline if this vote is the first to reach
    /// quorum. Before the window only a vote without weight does any more work (see the contract's notes).
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal virtual override(Governor, GovernorCountingSimple) returns (uint256 votedWeight) {
        votedWeight = super._countVote(proposalId, account, support, totalWeight, params);
        uint256 original = super.proposalDeadline(proposalId);
        if (!_beforeFinalWindow(original)) {
            _checkLateQuorum(proposalId, support, votedWeight, original);
        } else if (votedWeight == 0) {
            _recordWeightlessFirstVote(proposalId);
        }
    }

    /// @dev Emits {ProposalExtended} for the vote just cast, after its VoteCast event (OpenZeppelin's order).
    function _tallyUpdated(uint256 proposalId) internal virtual override {
        super._tallyUpdated(proposalId);
        uint48 extendedDeadline = _extendedByThisVote;
        if (extendedDeadline != 0) {
            _extendedByThisVote = 0;
            emit ProposalExtended(proposalId, extendedDeadline);
        }
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        if (newVoteExtension > MAX_LATE_QUORUM_VOTE_EXTENSION) {
            revert GovernorPreventLateQuorumVoteExtensionTooLarge(newVoteExtension, MAX_LATE_QUORUM_VOTE_EXTENSION);
        }
        emit LateQuorumVoteExtensionSet(_voteExtension, newVoteExtension);
        _voteExtension = newVoteExtension;
    }

    /// @dev Inside the final window: if quorum was not reached before this vote and is now, records
    /// `clock() + lateQuorumVoteExtension()` and, when that is later than the deadline, extends to it.
    function _checkLateQuorum(uint256 proposalId, uint8 support, uint256 votedWeight, uint256 original) private {
        if (_extendedDeadlines[proposalId] != 0) return; // reached already, by a vote that recorded it
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        uint256 counted = forVotes + abstainVotes;
        bool votedBefore = againstVotes + counted > votedWeight;
        bool against = support == uint8(VoteType.Against);
        // An Against vote adds nothing towards quorum: it can reach one only as the very first vote, on a quorum of
        // zero. So it skips the quorum's computation otherwise.
        if (against && votedBefore) return;
        uint256 required = quorum(proposalSnapshot(proposalId));
        if (counted < required) return;

        uint256 countedBefore = against ? counted : counted - votedWeight;
        if (required == 0 ? votedBefore : countedBefore >= required) return; // an earlier vote reached it

        uint256 extendedDeadline = uint256(clock()) + lateQuorumVoteExtension();
        _extendedDeadlines[proposalId] = SafeCast.toUint48(extendedDeadline);
        if (extendedDeadline > original) _extendedByThisVote = uint48(extendedDeadline);
    }

    /// @dev Before the final window, a vote without weight on a proposal with no vote yet and a quorum of zero
    /// reaches that quorum without showing in the tally: record it as OpenZeppelin does (no extension: the
    /// recorded deadline is before the original one).
    function _recordWeightlessFirstVote(uint256 proposalId) private {
        if (_extendedDeadlines[proposalId] != 0) return;
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        if (againstVotes + forVotes + abstainVotes != 0) return; // an earlier vote with weight reached it
        if (quorum(proposalSnapshot(proposalId)) != 0) return;
        _extendedDeadlines[proposalId] = SafeCast.toUint48(uint256(clock()) + lateQuorumVoteExtension());
    }

    /// @dev Whether `clock()` is before the final window of a proposal whose original deadline is `original`:
    /// no vote can have extended it yet, since an extension is created only by a vote less than the extension
    /// (at most the bound) before the deadline. In uint256: no overflow whatever the clock.
    function _beforeFinalWindow(uint256 original) private view returns (bool) {
        return uint256(clock()) + MAX_LATE_QUORUM_VOTE_EXTENSION <= original;
    }
}
