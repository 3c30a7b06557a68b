// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// The test runner finds tests by the `testFuzz_` and `invariant_` prefixes.
// solhint-disable func-name-mixedcase

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {IMembership} from "../contracts/membership/IMembership.sol";
import {Authority} from "../contracts/governance/Authority.sol";
import {Membership} from "../contracts/membership/Membership.sol";
import {WeconetGovernor} from "../contracts/governance/WeconetGovernor.sol";
import {INetworkRules} from "../contracts/rules/INetworkRules.sol";
import {NetworkRules} from "../contracts/rules/NetworkRules.sol";
import {WeconetTest} from "./lib/WeconetTest.sol";

/// @dev Deploys the rules and a membership with four founders (a manager, two leaders, a plain member), governed
/// by `GOVERNANCE`.
abstract contract MembershipSetup is WeconetTest {
    address internal constant GOVERNANCE = address(0x60fe);
    uint256 internal constant START = 1_700_000_000;

    uint32 internal constant PROBATION = 35 days;

    NetworkRules internal rules;
    Membership internal membership;
    address[] internal founders;

    function _deploy() internal {
        _deploy(100);
    }

    function _deploy(uint16 admissionsPerLeader) internal {
        vm.warp(START);
        rules = new NetworkRules(
            GOVERNANCE,
            NetworkRules.RuleValues({
                admissionPolicy: INetworkRules.AdmissionPolicy.Open,
                marketFeeBps: 100,
                maxGrantDuration: 30 days,
                disputeWindow: 3 days,
                accessRequestLifetime: 7 days,
                probationPeriod: PROBATION,
                admissionsPerLeader: admissionsPerLeader,
                disputeRulingPeriod: 14 days
            })
        );
        founders.push(address(0xA11CE)); // manager
        founders.push(address(0xB0B)); // leader
        founders.push(address(0xCA401)); // leader
        founders.push(address(0xD0D0)); // member
        Membership.Founder[] memory list = new Membership.Founder[](founders.length);
        for (uint256 i = 0; i < founders.length; ++i) {
            bytes32 role = i == 0 ? keccak256("MANAGER_ROLE") : (i < 3 ? keccak256("LEADER_ROLE") : bytes32(0));
            list[i] = Membership.Founder({account: founders[i], profile: keccak256(abi.encode(i)), role: role});
        }
        membership = new Membership(GOVERNANCE, rules, list);
    }
}

/// @notice Performs random sequences of everything that changes membership, across a fixed set of actors and with
/// random clock moves, and keeps an independent model of statuses, roles, suspension authorities, admission
/// windows and votes over time. Every call checks its outcome against the model and reverts on any difference,
/// so the invariant run fails on it.
contract MembershipHandler is WeconetTest {
    struct Change {
        uint48 at;
        uint208 value;
    }

    struct Observation {
        address account;
        uint48 at;
        uint256 votes;
        uint256 total;
    }

    error HandlerUnexpectedOutcome(string action, address account, bool expectedSuccess);
    error HandlerWrongRevert(string action, bytes4 expected, bytes revertData);
    error HandlerModelMismatch(string what, address account, uint256 at, uint256 expected, uint256 actual);

    Membership public immutable membership;
    address public immutable governance;
    uint48 public immutable start;
    uint16 public immutable admissionsPerLeader;

    address[] public actors;
    mapping(address account => IMembership.Status) public expectedStatus;
    mapping(address account => bool) public expectedLeader;
    mapping(address account => bool) public expectedHasVote;
    mapping(address account => uint48) public expectedJoined;
    mapping(address account => Authority) public expectedSuspendedBy;
    mapping(address leader => uint48) private _windowStart;
    mapping(address leader => uint16) private _windowCount;
    address public expectedManager;

    mapping(address account => Change[]) private _votes;
    Change[] private _totals;
    Observation[] private _observations;
    uint256 private _nextObservation;

    uint256 public constant MAX_OBSERVATIONS = 24;
    uint48 public constant PROBATION = 35 days;

    bytes32 private constant LEADER_ROLE = keccak256("LEADER_ROLE");

    constructor(Membership membership_, address governance_, address[] memory founders, address[] memory others) {
        membership = membership_;
        governance = governance_;
        start = uint48(block.timestamp);
        admissionsPerLeader = INetworkRules(membership_.networkRules()).admissionsPerLeader();
        for (uint256 i = 0; i < founders.length; ++i) {
            actors.push(founders[i]);
            expectedStatus[founders[i]] = IMembership.Status.Active;
            expectedHasVote[founders[i]] = true;
            expectedJoined[founders[i]] = start;
            _votes[founders[i]].push(Change(start, 1));
        }
        expectedManager = founders[0];
        expectedLeader[founders[1]] = true;
        expectedLeader[founders[2]] = true;
        _totals.push(Change(start, uint208(founders.length)));
        for (uint256 i = 0; i < others.length; ++i) actors.push(others[i]);
    }

    // ---- actions ------------------------------------------------------------------------------------------------

    function applyForMembership(uint256 actorSeed, bytes32 profile) external {
        address a = _actorWith(actorSeed, IMembership.Status.None);
        bool ok = profile != bytes32(0) && expectedStatus[a] == IMembership.Status.None;
        if (_attempt(a, abi.encodeCall(membership.applyForMembership, (profile)), ok, "apply", a)) {
            expectedStatus[a] = IMembership.Status.Applicant;
        }
    }

    function withdrawApplication(uint256 actorSeed) external {
        address a = _actorWith(actorSeed, IMembership.Status.Applicant);
        bool ok = expectedStatus[a] == IMembership.Status.Applicant;
        if (_attempt(a, abi.encodeCall(membership.withdrawApplication, ()), ok, "withdraw", a)) {
            expectedStatus[a] = IMembership.Status.None;
        }
    }

    function admit(uint256 actorSeed, uint256 bySeed) external {
        (address a, address by) = (_actorWith(actorSeed, IMembership.Status.Applicant), _leaderOrAnyone(bySeed));
        bool ok = _isActiveLeader(by) && expectedStatus[a] == IMembership.Status.Applicant;
        uint48 now_ = uint48(block.timestamp);
        bool newWindow = now_ >= uint256(_windowStart[by]) + PROBATION;
        if (ok && !newWindow && _windowCount[by] >= admissionsPerLeader) ok = false;
        if (_attempt(by, abi.encodeCall(membership.admit, (a)), ok, "admit", a)) {
            expectedStatus[a] = IMembership.Status.Active;
            expectedJoined[a] = now_;
            if (newWindow) (_windowStart[by], _windowCount[by]) = (now_, 1);
            else ++_windowCount[by];
        }
    }

    /// @dev Anyone, for anyone: succeeds exactly for a member without a vote whose probation is over.
    function activateVote(uint256 actorSeed, uint256 bySeed) external {
        (address a, address by) = (_actor(actorSeed), _actor(bySeed));
        bool ok = _isMember(a) && !expectedHasVote[a] && block.timestamp >= uint256(expectedJoined[a]) + PROBATION;
        if (_attempt(by, abi.encodeCall(membership.activateVote, (a)), ok, "activateVote", a)) _setVote(a, 1);
    }

    function rejectApplication(uint256 actorSeed, uint256 bySeed) external {
        (address a, address by) = (_actorWith(actorSeed, IMembership.Status.Applicant), _leaderOrAnyone(bySeed));
        bool ok = _isActiveLeader(by) && expectedStatus[a] == IMembership.Status.Applicant;
        if (_attempt(by, abi.encodeCall(membership.rejectApplication, (a, "reason")), ok, "reject", a)) {
            expectedStatus[a] = IMembership.Status.None;
        }
    }

    /// @dev Suspends an active member, or raises the authority of a suspension; votes never move.
    function suspend(uint256 actorSeed, uint256 bySeed) external {
        (address a, address by) = (_actorWith(actorSeed, IMembership.Status.Active), _overseer(bySeed));
        Authority level = _authority(by, a);
        IMembership.Status s = expectedStatus[a];
        bool ok =
            level != Authority.None &&
                (s == IMembership.Status.Active ||
                    (s == IMembership.Status.Suspended && level > expectedSuspendedBy[a]));
        if (_attempt(by, abi.encodeCall(membership.suspend, (a, "reason")), ok, "suspend", a)) {
            expectedStatus[a] = IMembership.Status.Suspended;
            expectedSuspendedBy[a] = level;
        }
    }

    /// @dev Lifts a suspension, only with the same or a higher authority than imposed it; votes never move.
    function reinstate(uint256 actorSeed, uint256 bySeed) external {
        (address a, address by) = (_actorWith(actorSeed, IMembership.Status.Suspended), _overseer(bySeed));
        Authority level = _authority(by, a);
        bool ok =
            level != Authority.None &&
                expectedStatus[a] == IMembership.Status.Suspended &&
                level >= expectedSuspendedBy[a];
        if (_attempt(by, abi.encodeCall(membership.reinstate, (a)), ok, "reinstate", a)) {
            expectedStatus[a] = IMembership.Status.Active;
            expectedSuspendedBy[a] = Authority.None;
        }
    }

    function leave(uint256 actorSeed) external {
        address a = _actor(actorSeed);
        bool ok = _isMember(a) && a != expectedManager;
        if (_attempt(a, abi.encodeCall(membership.leave, ()), ok, "leave", a)) _depart(a, IMembership.Status.None);
    }

    function remove(uint256 actorSeed) external {
        address a = _actor(actorSeed);
        bool ok = _isMember(a) && a != expectedManager;
        if (_attempt(governance, abi.encodeCall(membership.remove, (a, "reason")), ok, "remove", a)) {
            _depart(a, IMembership.Status.Removed);
        }
    }

    function appointManager(uint256 actorSeed) external {
        address a = _actor(actorSeed);
        bool ok = expectedStatus[a] == IMembership.Status.Active && a != expectedManager;
        if (_attempt(governance, abi.encodeCall(membership.appointManager, (a)), ok, "appointManager", a)) {
            expectedManager = a;
        }
    }

    function setLeader(uint256 actorSeed, bool grant) external {
        address a = _actor(actorSeed);
        if (grant) {
            bool ok = expectedStatus[a] == IMembership.Status.Active;
            if (_attempt(governance, abi.encodeCall(membership.grantRole, (LEADER_ROLE, a)), ok, "grantLeader", a)) {
                expectedLeader[a] = true;
            }
        } else {
            _attempt(governance, abi.encodeCall(membership.revokeRole, (LEADER_ROLE, a)), true, "revokeLeader", a);
            expectedLeader[a] = false;
        }
    }

    function updateProfile(uint256 actorSeed, bytes32 profile) external {
        address a = _actor(actorSeed);
        IMembership.Status s = expectedStatus[a];
        bool ok = profile != bytes32(0) && (s == IMembership.Status.Active || s == IMembership.Status.Applicant);
        _attempt(a, abi.encodeCall(membership.updateProfile, (profile)), ok, "updateProfile", a);
    }

    /// @dev Every way to move or approve a badge, by anyone, to anyone: always MembershipBadgeLocked.
    function tryToMoveBadge(uint256 fromSeed, uint256 toSeed, uint256 tokenSeed, uint8 how) external {
        (address from, address to) = (_actor(fromSeed), _actor(toSeed));
        uint256 tokenId = uint160(_actor(tokenSeed));
        bytes memory call;
        uint256 reportedId = tokenId;
        how = how % 5;
        if (how == 0) call = abi.encodeCall(membership.transferFrom, (from, to, tokenId));
        else if (how == 1)
            call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", from, to, tokenId);
        else if (how == 2) {
            call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256,bytes)", from, to, tokenId, "");
        } else if (how == 3) call = abi.encodeCall(membership.approve, (to, tokenId));
        else {
            call = abi.encodeCall(membership.setApprovalForAll, (to, true));
            reportedId = 0;
        }
        vm.prank(from);
        // one low-level call covers all five functions, and returns the revert data to compare
        // solhint-disable-next-line avoid-low-level-calls
        (bool success, bytes memory data) = address(membership).call(call);
        bytes memory expected = abi.encodeWithSelector(Membership.MembershipBadgeLocked.selector, reportedId);
        if (success || keccak256(data) != keccak256(expected)) {
            revert HandlerWrongRevert("move badge", Membership.MembershipBadgeLocked.selector, data);
        }
    }

    function warp(uint256 secondsSeed) external {
        // mostly small steps (and 0: several changes in one second), sometimes long ones
        uint256 step = secondsSeed % 4 == 0 ? bound(secondsSeed, 0, 400 days) : bound(secondsSeed, 0, 3);
        vm.warp(block.timestamp + step);
    }

    /// @dev Reads the votes of an actor and the total at a past timepoint, checks them against the model and
    /// remembers them, so that the invariant can check they never change.
    function observe(uint256 actorSeed, uint256 backSeed) external {
        if (block.timestamp <= start) return;
        address a = _actor(actorSeed);
        uint48 at = uint48(block.timestamp - bound(backSeed, 1, block.timestamp - start + 1));
        uint256 votes = membership.getPastVotes(a, at);
        uint256 total = membership.getPastTotalSupply(at);
        _check("past votes", a, at, _valueAt(_votes[a], at), votes);
        _check("past total", address(0), at, _valueAt(_totals, at), total);
        Observation memory o = Observation(a, at, votes, total);
        if (_observations.length < MAX_OBSERVATIONS) _observations.push(o);
        else _observations[_nextObservation++ % MAX_OBSERVATIONS] = o;
    }

    // ---- what the invariants read ---------------------------------------------------------------------------------

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function expectedActive() public view returns (uint256) {
        return _totals[_totals.length - 1].value;
    }

    function expectedTotalAt(uint48 at) external view returns (uint256) {
        return _valueAt(_totals, at);
    }

    function expectedVotesAt(address account, uint48 at) external view returns (uint256) {
        return _valueAt(_votes[account], at);
    }

    function observationCount() external view returns (uint256) {
        return _observations.length;
    }

    function observation(uint256 i) external view returns (Observation memory) {
        return _observations[i];
    }

    // ---- model ---------------------------------------------------------------------------------------------------

    function _pushVote(address a, uint208 value) private {
        uint48 now_ = uint48(block.timestamp);
        _votes[a].push(Change(now_, value));
        uint208 total = _totals[_totals.length - 1].value;
        _totals.push(Change(now_, value == 1 ? total + 1 : total - 1));
    }

    function _setVote(address a, uint208 value) private {
        expectedHasVote[a] = value == 1;
        _pushVote(a, value);
    }

    function _depart(address a, IMembership.Status next) private {
        if (expectedHasVote[a]) _setVote(a, 0);
        expectedStatus[a] = next;
        expectedLeader[a] = false;
        expectedJoined[a] = 0;
        expectedSuspendedBy[a] = Authority.None;
    }

    /// @dev The value at the end of second `at`: the last change at or before it (0 before any).
    function _valueAt(Change[] storage changes, uint48 at) private view returns (uint256 value) {
        for (uint256 i = changes.length; i > 0; --i) {
            if (changes[i - 1].at <= at) return changes[i - 1].value;
        }
        return 0;
    }

    function _isMember(address a) private view returns (bool) {
        IMembership.Status s = expectedStatus[a];
        return s == IMembership.Status.Active || s == IMembership.Status.Suspended;
    }

    function _isActiveLeader(address a) private view returns (bool) {
        return expectedLeader[a] && expectedStatus[a] == IMembership.Status.Active;
    }

    /// @dev With which authority `by` may suspend or reinstate `member`: the members' vote anyone; the active
    /// manager any other member; an active leader any member without a leader role; else none.
    function _authority(address by, address member) private view returns (Authority) {
        if (by == governance) return Authority.MembersVote;
        if (member == expectedManager) return Authority.None;
        if (by == expectedManager) {
            return expectedStatus[by] == IMembership.Status.Active ? Authority.Manager : Authority.None;
        }
        if (!expectedLeader[member] && _isActiveLeader(by)) return Authority.Leader;
        return Authority.None;
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    /// @dev Mostly an actor with status `wanted` (so that actions succeed often), sometimes anyone (so that
    /// refusals are exercised too).
    function _actorWith(uint256 seed, IMembership.Status wanted) private view returns (address) {
        if (seed % 4 != 0) {
            for (uint256 i = 0; i < actors.length; ++i) {
                address candidate = actors[(seed / 4 + i) % actors.length];
                if (expectedStatus[candidate] == wanted) return candidate;
            }
        }
        return _actor(seed / 4);
    }

    /// @dev Half the time an active leader (so that admissions happen), else any actor.
    function _leaderOrAnyone(uint256 seed) private view returns (address) {
        if (seed % 2 == 0) {
            for (uint256 i = 0; i < actors.length; ++i) {
                address candidate = actors[(seed / 2 + i) % actors.length];
                if (_isActiveLeader(candidate)) return candidate;
            }
        }
        return _actor(seed / 2);
    }

    /// @dev The governance executor, the manager, or an actor (often a leader).
    function _overseer(uint256 seed) private view returns (address) {
        uint256 pick = seed % 4;
        if (pick == 0) return governance;
        if (pick == 1) return expectedManager;
        return _leaderOrAnyone(seed / 4);
    }

    /// @dev Calls the membership as `by`, and fails the run unless the call succeeded exactly when the model says.
    function _attempt(
        address by,
        bytes memory call,
        bool expected,
        string memory action,
        address account
    ) private returns (bool succeeded) {
        vm.prank(by);
        // solhint-disable-next-line avoid-low-level-calls
        (succeeded, ) = address(membership).call(call);
        if (succeeded != expected) revert HandlerUnexpectedOutcome(action, account, expected);
    }

    function _check(string memory what, address account, uint256 at, uint256 expected, uint256 actual) private pure {
        if (expected != actual) revert HandlerModelMismatch(what, account, at, expected, actual);
    }
}

/// @notice Invariants of the membership under random sequences of every membership action.
contract MembershipInvariantTest is MembershipSetup {
    MembershipHandler internal handler;
    WeconetGovernor internal governor;

    function setUp() public {
        // two admissions per leader and probation period, so that the cap is reached in a run
        _deploy(2);
        // a real governor over this membership: what it would count for any snapshot is checked below
        TimelockController timelock = new TimelockController(1 days, new address[](0), new address[](0), address(0));
        governor = new WeconetGovernor(
            membership,
            timelock,
            WeconetGovernor.Settings({
                votingDelay: 1 days,
                lateQuorumExtension: 1 days,
                maxLateQuorumExtension: 2 days,
                votingPeriod: 5 days,
                quorumPercent: 10
            })
        );
        address[] memory others = new address[](4);
        for (uint256 i = 0; i < others.length; ++i) others[i] = address(uint160(0xE000 + i));
        handler = new MembershipHandler(membership, GOVERNANCE, founders, others);
        targetContract(address(handler));
    }

    /// @dev At most one badge per address, and an address holds its badge exactly while it is a member.
    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 100
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_oneBadgePerMember() public view {
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            IMembership.Status s = handler.expectedStatus(a);
            bool member = s == IMembership.Status.Active || s == IMembership.Status.Suspended;
            assertEq(uint256(membership.statusOf(a)), uint256(s), "status follows the model");
            assertEq(membership.balanceOf(a), member ? 1 : 0, "one badge while a member, none otherwise");
            assertEq(membership.memberSince(a) != 0 ? 1 : 0, member ? 1 : 0, "memberSince only while a member");
        }
    }

    /// @dev The owner of any actor's token id is the address it encodes, or nobody: no path moves a badge.
    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 100
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_noBadgeMoves() public view {
        uint256 n = handler.actorCount();
        for (uint256 i = 0; i < n; ++i) {
            address a = handler.actors(i);
            uint256 tokenId = membership.tokenIdOf(a);
            try membership.ownerOf(tokenId) returns (address owner) {
                assertEq(owner, a, "a badge is owned by the address it encodes");
                assertTrue(membership.locked(tokenId), "every badge is locked");
                assertEq(membership.getApproved(tokenId), address(0), "never approved");
            } catch {
                assertEq(membership.balanceOf(a), 0, "no badge, no balance");
            }
            for (uint256 j = 0; j < n; ++j) {
                assertFalse(membership.isApprovedForAll(a, handler.actors(j)), "no operator approvals");
            }
        }
    }

    /// @dev Total votes = members whose vote was activated (suspended or not): summed current votes, the O(1)
    /// count, and the past total supply.
    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 100
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_totalVotesEqualVoters() public view {
        uint256 sum;
        uint256 voters;
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            uint256 votes = membership.getVotes(a);
            bool hasVote = handler.expectedHasVote(a);
            assertEq(votes, hasVote ? 1 : 0, "one vote exactly from activation to departure");
            assertEq(uint256(membership.suspensionAuthority(a)), uint256(handler.expectedSuspendedBy(a)), "authority");
            assertEq(membership.delegates(a), a, "always self-delegated");
            sum += votes;
            if (hasVote) ++voters;
        }
        assertEq(sum, voters, "summed votes = voters");
        assertEq(membership.voterCount(), voters, "voterCount = voters");
        assertEq(handler.expectedActive(), voters, "the model agrees");
        if (block.timestamp > handler.start()) {
            uint48 last = uint48(block.timestamp - 1);
            assertEq(membership.getPastTotalSupply(last), handler.expectedTotalAt(last), "past total supply");
        }
    }

    /// @dev Votes and totals read at past timepoints never change afterwards.
    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 100
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_pastVotesNeverChange() public view {
        for (uint256 i = 0; i < handler.observationCount(); ++i) {
            MembershipHandler.Observation memory o = handler.observation(i);
            assertEq(membership.getPastVotes(o.account, o.at), o.votes, "past votes unchanged");
            assertEq(membership.getPastTotalSupply(o.at), o.total, "past total unchanged");
            assertEq(o.votes, handler.expectedVotesAt(o.account, o.at), "past votes match the model");
        }
    }

    /// @dev No action of a single role holder (a leader's or the manager's suspension, reinstatement or
    /// admission; anyone's vote activation; a member leaving) between a proposal's creation and its end changes
    /// its vote totals: for every observed snapshot, what the governor counts for each voter and the quorum's
    /// basis stay what they were when first read, whatever the handler did since.
    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 100
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_noRoleHolderChangesAProposalsVotes() public view {
        for (uint256 i = 0; i < handler.observationCount(); ++i) {
            MembershipHandler.Observation memory o = handler.observation(i);
            assertEq(governor.getVotes(o.account, o.at), o.votes, "the governor counts the snapshot's vote");
            assertEq(membership.getPastTotalSupply(o.at), o.total, "the quorum's basis is unchanged");
        }
    }
}

/// @notice Fuzz tests of single membership properties.
contract MembershipFuzzTest is MembershipSetup {
    function setUp() public {
        _deploy();
    }

    /// @dev Any caller, any recipient, any badge: moving or approving always reverts with MembershipBadgeLocked.
    function testFuzz_badgesNeverMove(address caller, address to, uint256 founderSeed) public {
        vm.assume(caller != address(vm));
        address owner = founders[founderSeed % founders.length];
        uint256 tokenId = uint160(owner);
        bytes memory locked = abi.encodeWithSelector(Membership.MembershipBadgeLocked.selector, tokenId);
        vm.prank(caller);
        vm.expectRevert(locked);
        membership.transferFrom(owner, to, tokenId);
        vm.prank(caller);
        vm.expectRevert(locked);
        membership.safeTransferFrom(owner, to, tokenId);
        vm.prank(caller);
        vm.expectRevert(locked);
        membership.approve(to, tokenId);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(Membership.MembershipBadgeLocked.selector, 0));
        membership.setApprovalForAll(to, true);
        assertEq(membership.ownerOf(tokenId), owner, "the badge stays");
    }

    /// @dev Applying and being admitted gives exactly one badge and no vote; the vote counts from the probation's
    /// end and activation, which anyone may trigger, and not a second earlier; a second application is refused.
    function testFuzz_admissionGivesABadgeAndAVoteAfterProbation(
        address applicant,
        bytes32 profile,
        address anyone,
        uint32 early
    ) public {
        vm.assume(applicant != address(0) && applicant != address(vm) && anyone != address(vm));
        vm.assume(membership.statusOf(applicant) == IMembership.Status.None);
        vm.assume(profile != bytes32(0));
        uint256 before = membership.voterCount();
        vm.prank(applicant);
        membership.applyForMembership(profile);
        vm.prank(founders[1]);
        membership.admit(applicant);
        uint48 joined = uint48(block.timestamp);
        assertEq(membership.balanceOf(applicant), 1, "one badge");
        assertEq(membership.ownerOf(uint160(applicant)), applicant, "its own badge");
        assertEq(membership.getVotes(applicant), 0, "no vote during probation");
        assertEq(membership.voterCount(), before, "no vote in total");
        assertTrue(membership.hasBeenMember(applicant), "has been a member");
        uint48 due = joined + PROBATION;
        assertEq(membership.voteActivatesAt(applicant), due, "when the vote can count");
        vm.warp(due - bound(early, 1, PROBATION));
        vm.prank(anyone);
        vm.expectRevert(abi.encodeWithSelector(Membership.MembershipProbationNotOver.selector, applicant, due));
        membership.activateVote(applicant);
        vm.warp(due);
        vm.prank(anyone);
        membership.activateVote(applicant);
        assertEq(membership.getVotes(applicant), 1, "one vote");
        assertEq(membership.voterCount(), before + 1, "one more vote in total");
        vm.warp(due + 1);
        assertEq(membership.getPastVotes(applicant, due - 1), 0, "not a second earlier");
        vm.prank(anyone);
        vm.expectRevert(abi.encodeWithSelector(Membership.MembershipVoteAlreadyActive.selector, applicant));
        membership.activateVote(applicant);
        vm.prank(applicant);
        vm.expectRevert(
            abi.encodeWithSelector(Membership.MembershipInvalidStatus.selector, applicant, IMembership.Status.Active)
        );
        membership.applyForMembership(profile);
    }

    /// @dev One leader admits at most `admissionsPerLeader` members per probation period, whatever the timing
    /// within the window; the next window opens at the window's end.
    function testFuzz_admissionCapPerLeader(uint16 cap, uint32[8] memory gaps) public {
        cap = uint16(bound(cap, 1, 4));
        bytes32 key = rules.ADMISSIONS_PER_LEADER();
        vm.prank(GOVERNANCE);
        rules.setRule(key, cap);
        address leader = founders[1];
        uint48 windowStart = uint48(block.timestamp);
        uint256 inWindow = 0;
        for (uint256 i = 0; i < gaps.length; ++i) {
            vm.warp(block.timestamp + bound(gaps[i], 0, PROBATION / 2));
            address applicant = address(uint160(0xAB00 + i));
            vm.prank(applicant);
            membership.applyForMembership(keccak256(abi.encode(i)));
            if (i == 0 || block.timestamp >= windowStart + PROBATION) {
                windowStart = uint48(block.timestamp);
                inWindow = 0;
            }
            if (inWindow >= cap) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        Membership.MembershipAdmissionLimitReached.selector,
                        leader,
                        windowStart + PROBATION
                    )
                );
            } else {
                ++inWindow;
            }
            vm.prank(leader);
            membership.admit(applicant);
        }
    }

    /// @dev Admission, vote activation, suspension, reinstatement and departure at fuzzed moments (gaps of 0
    /// included): the vote at any past second is the state at its end, and a suspension never moves it.
    function testFuzz_pastVotesFollowTheLifecycle(uint32[5] memory gaps, uint48 probe) public {
        address m = address(0xF00D);
        vm.prank(m);
        membership.applyForMembership(keccak256("m"));
        uint48[5] memory at;
        for (uint256 i = 0; i < 5; ++i) {
            uint256 least = i == 1 ? PROBATION : 0;
            vm.warp(block.timestamp + bound(gaps[i], least, 5 * 365 days));
            at[i] = uint48(block.timestamp);
            if (i == 4) {
                vm.prank(m);
                membership.leave();
                continue;
            }
            vm.prank(founders[1]);
            if (i == 0) membership.admit(m);
            else if (i == 1) membership.activateVote(m);
            else if (i == 2) membership.suspend(m, "x");
            else membership.reinstate(m);
        }
        vm.warp(block.timestamp + 1);
        // every second around each change, and one anywhere
        for (uint256 i = 0; i < 5; ++i) {
            for (uint256 d = 0; d < 3; ++d) {
                uint256 t = at[i] + d - 1;
                if (t < block.timestamp) _checkPastVotes(m, at, uint48(t));
            }
        }
        _checkPastVotes(m, at, uint48(bound(probe, START - 1, block.timestamp - 1)));
    }

    /// @dev The vote at the end of second `t`: from activation until departure.
    function _checkPastVotes(address m, uint48[5] memory at, uint48 t) private view {
        uint256 expected = at[4] <= t ? 0 : (at[1] <= t ? 1 : 0);
        assertEq(membership.getPastVotes(m, t), expected, "past vote");
        uint256 others = t >= START ? founders.length : 0;
        assertEq(membership.getPastTotalSupply(t), others + expected, "past total");
    }

    /// @dev Any number of founders other than exactly one manager is refused.
    function testFuzz_foundersNeedExactlyOneManager(uint8 count, uint8 managers) public {
        count = uint8(bound(count, 0, 12));
        managers = uint8(bound(managers, 0, count));
        Membership.Founder[] memory list = new Membership.Founder[](count);
        for (uint256 i = 0; i < count; ++i) {
            bytes32 role = i < managers ? keccak256("MANAGER_ROLE") : keccak256("LEADER_ROLE");
            list[i] = Membership.Founder({account: address(uint160(0x1000 + i)), profile: keccak256("p"), role: role});
        }
        if (managers != 1) vm.expectRevert(Membership.MembershipInvalidFounders.selector);
        Membership deployed = new Membership(GOVERNANCE, rules, list);
        if (managers == 1) {
            assertEq(deployed.manager(), address(0x1000), "the one manager");
            assertEq(deployed.voterCount(), count, "every founder votes at once");
        }
    }

    /// @dev Roles are for active members: granting one to an address that is not an active member reverts.
    function testFuzz_rolesOnlyForActiveMembers(address account) public {
        vm.assume(membership.statusOf(account) != IMembership.Status.Active);
        bytes32 leader = keccak256("LEADER_ROLE");
        vm.prank(GOVERNANCE);
        vm.expectRevert(abi.encodeWithSelector(Membership.MembershipNotActiveMember.selector, account));
        membership.grantRole(leader, account);
        vm.prank(founders[1]);
        vm.expectRevert(abi.encodeWithSelector(Membership.MembershipNotActiveMember.selector, account));
        membership.grantRole(keccak256("DEVELOPER_ROLE"), account);
        assertFalse(IAccessControl(address(membership)).hasRole(leader, account), "no role");
    }
}
