// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {INetworkRules} from "../rules/INetworkRules.sol";
import {IERC5192} from "./IERC5192.sol";
import {IMembership} from "./IMembership.sol";
import {VoteHistory} from "./VoteHistory.sol";

/// @title Membership
/// @notice The network's members and their roles. Each member holds one personal badge: an ERC-721 token that
/// can never be transferred or approved (ERC-5192 `locked`) and that carries exactly one vote (ERC721Votes, with
/// an ERC-6372 timestamp clock) — no self-delegation step. Applicants apply with a pointer to their off-chain
/// profile (a content hash: never personal data); a network leader admits them, at most `admissionsPerLeader`
/// per probation period. A new member's vote counts only once the probation period (a network rule) has passed
/// since admission and anyone has called {activateVote}; the founders vote from deployment. Leaders suspend and
/// reinstate members, the network manager oversees leaders, and the members' vote (the timelock) oversees
/// everyone, the manager included. A suspension stops a member acting, never voting: votes end only by leaving
/// or by removal (the members' vote). A suspension is lifted only by the same or a higher authority (members'
/// vote > manager > leader). The members' vote removes members and appoints the manager and the leaders;
/// leaders grant the developer role.
/// @dev The badge of `account` has token id `uint160(account)`. Votes do not follow the badge: a member has one
/// vote from {activateVote} (or from deployment, for a founder) until they leave or are removed. Every vote
/// change is written at the moment it happens (no future checkpoints). A member's vote history is kept lazily in
/// the packed member record (a checkpoint is only written when the vote changes a second time); the total is a
/// packed `(lastChange, votes)` slot, which answers snapshot queries after the latest change in O(1), plus an
/// append-only {VoteHistory} for earlier ones — so each vote change writes the same slots whatever other
/// transactions did in the same second (OpenZeppelin's total checkpoints are not used).
contract Membership is ERC721Votes, AccessControl, IERC5192, IMembership {
    using Checkpoints for Checkpoints.Trace208;
    using VoteHistory for VoteHistory.History;

    /// @inheritdoc IMembership
    bytes32 public constant MANAGER_ROLE = keccak256("MANAGER_ROLE");
    /// @inheritdoc IMembership
    bytes32 public constant LEADER_ROLE = keccak256("LEADER_ROLE");
    /// @inheritdoc IMembership
    bytes32 public constant DEVELOPER_ROLE = keccak256("DEVELOPER_ROLE");

    /// @notice A founding member, admitted at deployment with an optional role.
    /// @dev `role` is `bytes32(0)` for none, or one of {MANAGER_ROLE}, {LEADER_ROLE}, {DEVELOPER_ROLE}.
    struct Founder {
        address account;
        bytes32 profile;
        bytes32 role;
    }

    /// @notice Who imposed a suspension, from the lowest authority to the highest.
    /// @dev A suspension is lifted only by the same or a higher authority, and raised by a higher one.
    enum Authority {
        None,
        Leader,
        Manager,
        MembersVote
    }

    /// @dev One storage slot per address (248 of 256 bits), in declaration order from the low bits:
    /// status (8) · suspendedBy (8) · since (48) · memberSince (48) · votesSince (48) · admissionWindow (48) ·
    /// admissionsInWindow (16) · hasVote (8) · historyVote (8) · hasBeenMember (8). (Solhint's packing check
    /// counts an enum as a full slot; it is one byte.)
    struct MemberRecord {
        Status status;
        // the authority of the current suspension; None unless suspended
        Authority suspendedBy;
        // when the current status began (application, admission, suspension, reinstatement, departure)
        uint48 since;
        // admission time of the current membership; 0 when not a member
        uint48 memberSince;
        // when the current voting state `hasVote` began; lookups before it go to `_voteHistory`
        uint48 votesSince;
        // as a leader: when the current admission window began, and how many members they admitted in it
        uint48 admissionWindow;
        uint16 admissionsInWindow;
        bool hasVote;
        // the latest value written to `_voteHistory` (what a lookup before `votesSince` ends with)
        bool historyVote;
        // set at the first admission and never cleared (leaving and removal included)
        bool hasBeenMember;
    }

    /// @dev The number of votes now and when it last changed: O(1) answers for snapshots after the last change.
    struct VoteSupply {
        uint48 lastChange;
        uint208 votes;
    }

    INetworkRules public immutable networkRules;

    mapping(address account => MemberRecord) private _members;
    mapping(address account => bytes32) private _profiles;
    mapping(address account => Checkpoints.Trace208) private _voteHistory;
    VoteSupply private _supply;
    // each entry: the total from `key` on, written when that total ends (so lookups before `_supply.lastChange`)
    VoteHistory.History private _supplyHistory;
    address private _manager;

    /// @notice `applicant` applied for membership with the profile pointer `profile`.
    event MembershipApplied(address indexed applicant, bytes32 profile);
    /// @notice `applicant` withdrew their application.
    event ApplicationWithdrawn(address indexed applicant);
    /// @notice Leader `by` rejected `applicant`'s application for the reason code `reason`.
    event ApplicationRejected(address indexed applicant, address indexed by, bytes32 reason);
    /// @notice `member` was admitted by leader `by` (`address(0)` for the founders).
    event MemberAdmitted(address indexed member, address indexed by);
    /// @notice `member`'s vote counts from now on (after their probation period; at deployment for a founder).
    event VoteActivated(address indexed member);
    /// @notice `member` was suspended by `by`, with the authority `authority`, for the reason code `reason` (also
    /// when a higher authority suspends an already suspended member again to raise the suspension's authority).
    event MemberSuspended(address indexed member, address indexed by, Authority authority, bytes32 reason);
    /// @notice `member` was reinstated by `by`.
    event MemberReinstated(address indexed member, address indexed by);
    /// @notice `member` left the network.
    event MemberLeft(address indexed member);
    /// @notice `member` was removed by the members' vote for the reason code `reason`, and may not apply again.
    event MemberRemoved(address indexed member, bytes32 reason);
    /// @notice `account` points to a new off-chain profile (0 when the profile was dropped: leaving, removal,
    /// withdrawn or rejected application).
    event ProfileUpdated(address indexed account, bytes32 profile);
    /// @notice The members' vote appointed `next` as network manager in place of `previous`.
    event ManagerAppointed(address indexed previous, address indexed next);

    /// @notice The admission policy does not accept applications now.
    error MembershipApplicationsClosed();
    /// @notice `account` has status `status`, which does not allow this action.
    error MembershipInvalidStatus(address account, Status status);
    /// @notice A profile pointer must not be zero.
    error MembershipEmptyProfile();
    /// @notice Badges are personal: they cannot be transferred or approved.
    error MembershipBadgeLocked(uint256 tokenId);
    /// @notice Each member's one vote is their own: it cannot be delegated.
    error MembershipVotesNotDelegable();
    /// @notice `account` is not an active member, and this role or action needs one.
    error MembershipNotActiveMember(address account);
    /// @notice The manager role changes only through {appointManager}, so that there is always exactly one.
    error MembershipManagerIsAppointed();
    /// @notice `manager` must be replaced (by the members' vote) before they can leave or be removed.
    error MembershipManagerMustBeReplaced(address manager);
    /// @notice `account` is the manager already.
    error MembershipAlreadyManager(address account);
    /// @notice The founders must name exactly one manager and valid roles.
    error MembershipInvalidFounders();
    /// @notice The governance executor and the rules contract must be set.
    error MembershipZeroAddress();
    /// @notice `account` is not a member (admitted and not departed).
    error MembershipNotMember(address account);
    /// @notice `member`'s vote counts already.
    error MembershipVoteAlreadyActive(address member);
    /// @notice `member` is still on probation: their vote can be activated from `activatesAt`.
    error MembershipProbationNotOver(address member, uint48 activatesAt);
    /// @notice Leader `leader` admitted the most members allowed per probation period; they may admit again from
    /// `resetsAt`.
    error MembershipAdmissionLimitReached(address leader, uint48 resetsAt);
    /// @notice `member`'s suspension was imposed by `imposedBy`, a higher authority than the caller's.
    error MembershipSuspendedByHigherAuthority(address member, Authority imposedBy);
    /// @notice `member` is suspended already by `imposedBy`: only a higher authority may suspend them again.
    error MembershipAlreadySuspended(address member, Authority imposedBy);

    /// @param governance The timelock that executes the members' decisions; holds the admin role.
    /// @param rules_ The network rules (for the admission policy).
    /// @param founders The founding members, admitted at deployment; exactly one of them is the manager.
    constructor(
        address governance,
        INetworkRules rules_,
        Founder[] memory founders
    ) ERC721("Weconet Member", "WECO") EIP712("Weconet Member", "1") {
        if (governance == address(0) || address(rules_) == address(0)) revert MembershipZeroAddress();
        networkRules = rules_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _setRoleAdmin(DEVELOPER_ROLE, LEADER_ROLE);

        for (uint256 i = 0; i < founders.length; ++i) {
            Founder memory f = founders[i];
            if (f.profile == bytes32(0)) revert MembershipEmptyProfile();
            if (_members[f.account].status != Status.None || f.account == address(0)) {
                revert MembershipInvalidFounders();
            }
            _setProfile(f.account, f.profile);
            _admit(f.account, address(0));
            // founders vote from deployment: there is nobody yet who could react to their admission
            _transferVotingUnits(address(0), f.account, 1);
            emit VoteActivated(f.account);
            if (f.role == MANAGER_ROLE) {
                if (_manager != address(0)) revert MembershipInvalidFounders();
                _manager = f.account;
                emit ManagerAppointed(address(0), f.account);
            } else if (f.role != LEADER_ROLE && f.role != DEVELOPER_ROLE && f.role != bytes32(0)) {
                revert MembershipInvalidFounders();
            }
            if (f.role != bytes32(0)) _grantRole(f.role, f.account);
        }
        if (_manager == address(0)) revert MembershipInvalidFounders();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Applicants and members
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Applies for membership with a pointer to the caller's off-chain profile. A leader then admits or
    /// rejects the application. Needs the admission policy to be open.
    /// @param profile The content hash of the applicant's profile document (never personal data itself).
    function applyForMembership(bytes32 profile) external {
        if (networkRules.admissionPolicy() != INetworkRules.AdmissionPolicy.Open) {
            revert MembershipApplicationsClosed();
        }
        MemberRecord storage r = _members[msg.sender];
        if (r.status != Status.None) revert MembershipInvalidStatus(msg.sender, r.status);
        if (profile == bytes32(0)) revert MembershipEmptyProfile();
        r.status = Status.Applicant;
        r.since = clock();
        _setProfile(msg.sender, profile);
        emit MembershipApplied(msg.sender, profile);
    }

    /// @notice Withdraws the caller's pending application.
    function withdrawApplication() external {
        _requireStatus(msg.sender, Status.Applicant);
        _clearApplication(msg.sender);
        emit ApplicationWithdrawn(msg.sender);
    }

    /// @notice Points the caller's membership (or application) to a new off-chain profile.
    /// @param profile The content hash of the new profile document.
    function updateProfile(bytes32 profile) external {
        Status s = _members[msg.sender].status;
        if (s != Status.Active && s != Status.Applicant) revert MembershipInvalidStatus(msg.sender, s);
        if (profile == bytes32(0)) revert MembershipEmptyProfile();
        _setProfile(msg.sender, profile);
    }

    /// @notice Leaves the network: burns the caller's badge, ends their vote (if it counts yet) and drops their
    /// roles. A suspended member may leave too. The manager must first be replaced by the members' vote.
    function leave() external {
        _depart(msg.sender, Status.None);
        emit MemberLeft(msg.sender);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Leaders, the manager and the members' vote
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Admits applicant `applicant`: mints their badge. They act as a member at once; their vote counts
    /// once the probation period has passed and anyone has called {activateVote}.
    /// @dev Only an active network leader, at most `admissionsPerLeader` times per probation period (a fixed
    /// window per leader, starting at their first admission after the previous window ended).
    /// @param applicant The applicant to admit.
    function admit(address applicant) external onlyRole(LEADER_ROLE) {
        _requireStatus(applicant, Status.Applicant);
        _countAdmission(msg.sender);
        _admit(applicant, msg.sender);
    }

    /// @notice Makes `member`'s vote count from now on, once their probation period (the rule in force now) has
    /// passed since admission. Anyone may call it, for any member, suspended or not: no role holder can hold a
    /// vote back.
    /// @param member The member whose vote to activate.
    function activateVote(address member) external {
        MemberRecord storage r = _members[member];
        uint48 joined = r.memberSince;
        if (joined == 0) revert MembershipNotMember(member);
        if (r.hasVote) revert MembershipVoteAlreadyActive(member);
        uint48 activatesAt = _activationTime(joined);
        if (clock() < activatesAt) revert MembershipProbationNotOver(member, activatesAt);
        _transferVotingUnits(address(0), member, 1);
        emit VoteActivated(member);
    }

    /// @notice Rejects `applicant`'s application; they may apply again later.
    /// @dev Only an active network leader.
    /// @param applicant The applicant to reject.
    /// @param reason A short reason code (e.g. `bytes32("incomplete-profile")`), never personal text.
    function rejectApplication(address applicant, bytes32 reason) external onlyRole(LEADER_ROLE) {
        _requireStatus(applicant, Status.Applicant);
        _clearApplication(applicant);
        emit ApplicationRejected(applicant, msg.sender, reason);
    }

    /// @notice Suspends `member`: they keep their badge and their vote, but cannot act (grant, trade, propose,
    /// register, use a role) until reinstated. A higher authority may suspend an already suspended member again,
    /// to raise the authority needed to reinstate them.
    /// @dev A leader suspends members who hold no leader role; the manager anyone but themselves; the members'
    /// vote anyone, the manager included.
    /// @param member The member to suspend.
    /// @param reason A short reason code, never personal text.
    function suspend(address member, bytes32 reason) external {
        Authority authority = _checkOversight(member);
        MemberRecord storage r = _members[member];
        Status status = r.status;
        if (status == Status.Suspended) {
            if (r.suspendedBy >= authority) revert MembershipAlreadySuspended(member, r.suspendedBy);
        } else if (status != Status.Active) {
            revert MembershipInvalidStatus(member, status);
        } else {
            r.status = Status.Suspended;
            r.since = clock();
        }
        r.suspendedBy = authority;
        emit MemberSuspended(member, msg.sender, authority, reason);
    }

    /// @notice Reinstates suspended `member`: they may act again.
    /// @dev The accounts that may suspend `member`, with at least the authority that imposed the suspension.
    /// @param member The member to reinstate.
    function reinstate(address member) external {
        Authority authority = _checkOversight(member);
        MemberRecord storage r = _members[member];
        _requireStatus(member, Status.Suspended);
        if (authority < r.suspendedBy) revert MembershipSuspendedByHigherAuthority(member, r.suspendedBy);
        r.status = Status.Active;
        r.since = clock();
        r.suspendedBy = Authority.None;
        emit MemberReinstated(member, msg.sender);
    }

    /// @notice Removes `member` from the network by the members' vote: burns their badge, ends their vote, drops
    /// their roles and bars them from applying again. The manager must first be replaced.
    /// @dev Only the governance executor.
    /// @param member The member to remove.
    /// @param reason A short reason code, never personal text.
    function remove(address member, bytes32 reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _depart(member, Status.Removed);
        emit MemberRemoved(member, reason);
    }

    /// @notice Appoints `next` as network manager in place of the current one, by the members' vote.
    /// @dev Only the governance executor. `next` must be an active member.
    /// @param next The new manager.
    function appointManager(address next) external onlyRole(DEFAULT_ADMIN_ROLE) {
        address previous = _manager;
        if (next == previous) revert MembershipAlreadyManager(next);
        _revokeRole(MANAGER_ROLE, previous);
        _grantRole(MANAGER_ROLE, next);
        _manager = next;
        emit ManagerAppointed(previous, next);
    }

    /// @notice Grants `role` to `account`, who must be an active member. Leaders are appointed by the members'
    /// vote; developers by an active leader. The manager is appointed with {appointManager} instead.
    /// @param role The role to grant.
    /// @param account The member to grant it to.
    function grantRole(bytes32 role, address account) public override {
        if (role == MANAGER_ROLE) revert MembershipManagerIsAppointed();
        super.grantRole(role, account);
    }

    /// @notice Revokes `role` from `account`. The manager is replaced with {appointManager} instead.
    /// @param role The role to revoke.
    /// @param account The account to revoke it from.
    function revokeRole(bytes32 role, address account) public override {
        if (role == MANAGER_ROLE) revert MembershipManagerIsAppointed();
        super.revokeRole(role, account);
    }

    /// @notice Gives up `role` (a leader stepping down, a developer retiring). The manager cannot renounce: the
    /// members' vote appoints a successor.
    /// @param role The role to give up.
    /// @param callerConfirmation The caller's address, as a confirmation.
    function renounceRole(bytes32 role, address callerConfirmation) public override {
        if (role == MANAGER_ROLE) revert MembershipManagerIsAppointed();
        super.renounceRole(role, callerConfirmation);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IMembership
    function statusOf(address account) external view returns (Status) {
        return _members[account].status;
    }

    /// @inheritdoc IMembership
    function isActiveMember(address account) public view returns (bool) {
        return _members[account].status == Status.Active;
    }

    /// @inheritdoc IMembership
    function memberSince(address account) external view returns (uint48) {
        return _members[account].memberSince;
    }

    /// @inheritdoc IMembership
    function activeSince(address account) external view returns (uint48) {
        MemberRecord storage r = _members[account];
        return r.status == Status.Active ? r.memberSince : 0;
    }

    /// @inheritdoc IMembership
    function hasBeenMember(address account) external view returns (bool) {
        return _members[account].hasBeenMember;
    }

    /// @notice When `member`'s vote can be activated (memberSince + the probation period in force), or 0 when
    /// `account` is not a member or their vote counts already.
    /// @param member The member.
    /// @return The timestamp from which {activateVote} succeeds.
    function voteActivatesAt(address member) external view returns (uint48) {
        MemberRecord storage r = _members[member];
        if (r.memberSince == 0 || r.hasVote) return 0;
        return _activationTime(r.memberSince);
    }

    /// @notice The authority that imposed `member`'s current suspension (None when not suspended).
    /// @param member The member.
    /// @return The authority.
    function suspensionAuthority(address member) external view returns (Authority) {
        return _members[member].suspendedBy;
    }

    /// @notice How many members leader `leader` admitted in their current admission window, and when it began.
    /// @param leader The leader.
    /// @return count Admissions in the window (the window may have ended: see the probation period).
    /// @return windowStart When the window began (0 before the first admission).
    function admissionsOf(address leader) external view returns (uint16 count, uint48 windowStart) {
        MemberRecord storage r = _members[leader];
        return (r.admissionsInWindow, r.admissionWindow);
    }

    /// @notice Everything the chain knows about `account`'s membership.
    /// @param account The address to look up.
    /// @return status The account's status.
    /// @return since When that status began.
    /// @return joinedAt When the current membership began (0 when not a member).
    /// @return profile The pointer to the account's off-chain profile (0 when none).
    function memberInfo(
        address account
    ) external view returns (Status status, uint48 since, uint48 joinedAt, bytes32 profile) {
        MemberRecord storage r = _members[account];
        return (r.status, r.since, r.memberSince, _profiles[account]);
    }

    /// @notice The pointer to `account`'s off-chain profile (0 when none).
    /// @param account The member or applicant.
    /// @return The profile's content hash.
    function profileOf(address account) external view returns (bytes32) {
        return _profiles[account];
    }

    /// @inheritdoc IMembership
    function hasActiveRole(bytes32 role, address account) external view returns (bool) {
        return hasRole(role, account) && isActiveMember(account);
    }

    /// @inheritdoc IMembership
    function manager() external view returns (address) {
        return _manager;
    }

    /// @notice The number of members whose vote counts now (= the current total of votes). Members on
    /// probation do not count yet; suspended members do.
    /// @return The count.
    function voterCount() external view returns (uint256) {
        return _supply.votes;
    }

    /// @notice The badge token id of `account`.
    /// @param account The member.
    /// @return The token id, `uint160(account)`.
    function tokenIdOf(address account) public pure returns (uint256) {
        return uint256(uint160(account));
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    /// @notice ERC-165: ERC-721, ERC-5192 and AccessControl.
    /// @param interfaceId The interface to check.
    /// @return Whether it is supported.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl) returns (bool) {
        return interfaceId == type(IERC5192).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Votes: timestamp clock, one vote per active member, no delegation
    // ---------------------------------------------------------------------------------------------------------

    /// @notice ERC-6372 clock: the block timestamp.
    /// @return The current timestamp.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock mode.
    /// @return "mode=timestamp".
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Every member's vote is their own: `account` always delegates to itself.
    /// @param account The member.
    /// @return `account`.
    function delegates(address account) public pure override returns (address) {
        return account;
    }

    /// @notice `account`'s current votes: 1 for a member whose vote counts (activated, not departed), else 0.
    /// @param account The member.
    /// @return The votes.
    function getVotes(address account) public view override returns (uint256) {
        return _members[account].hasVote ? 1 : 0;
    }

    /// @notice `account`'s votes at the end of past timestamp `timepoint`.
    /// @param account The member.
    /// @param timepoint A past timestamp.
    /// @return The votes (0 or 1).
    function getPastVotes(address account, uint256 timepoint) public view override returns (uint256) {
        uint48 t = _validateTimepoint(timepoint);
        MemberRecord storage r = _members[account];
        if (t >= r.votesSince) return r.hasVote ? 1 : 0;
        return _voteHistory[account].upperLookupRecent(t);
    }

    /// @notice The number of votes at the end of past timestamp `timepoint`.
    /// @param timepoint A past timestamp.
    /// @return The total votes.
    function getPastTotalSupply(uint256 timepoint) public view override returns (uint256) {
        uint48 t = _validateTimepoint(timepoint);
        VoteSupply memory s = _supply;
        if (t >= s.lastChange) return s.votes;
        return _supplyHistory.upperLookup(t);
    }

    /// @notice Badges cannot be transferred (nor safe-transferred, which calls this), whoever asks.
    /// @dev Reverts before ERC-721's approval check, so every attempt gets the same answer.
    function transferFrom(address, address, uint256 tokenId) public pure override {
        revert MembershipBadgeLocked(tokenId);
    }

    /// @notice Badges cannot be approved.
    function approve(address, uint256 tokenId) public pure override {
        revert MembershipBadgeLocked(tokenId);
    }

    /// @notice Badges cannot be approved.
    function setApprovalForAll(address, bool) public pure override {
        revert MembershipBadgeLocked(0);
    }

    /// @dev Delegation is disabled: a member's one vote is always their own.
    function _delegate(address, address) internal pure override {
        revert MembershipVotesNotDelegable();
    }

    /// @dev Only mints and burns; and unlike ERC721Votes' hook, the badge does not move votes by itself (see
    /// {activateVote} and {_depart}).
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = ERC721._update(to, tokenId, auth);
        if (from != address(0) && to != address(0)) revert MembershipBadgeLocked(tokenId);
    }

    /// @dev Replaces Votes' total checkpoints (whose push updates in place within a second and appends
    /// otherwise, so its gas depends on other transactions): appends the total that ends now to the history and
    /// sets the O(1) slot. Always one vote, minted (`from` 0) or burnt (`to` 0).
    function _transferVotingUnits(address from, address to, uint256 amount) internal override {
        VoteSupply memory s = _supply;
        _supplyHistory.push(s.lastChange, s.votes);
        uint208 votes = from == address(0) ? s.votes + 1 : s.votes - 1;
        _supply = VoteSupply({lastChange: clock(), votes: votes});
        _moveDelegateVotes(from, to, amount);
    }

    /// @dev The total votes now, as Votes' internals would read it.
    function _getTotalSupply() internal view override returns (uint256) {
        return _supply.votes;
    }

    /// @dev Called by Votes with `from`/`to` being the members themselves (they delegate to themselves): records
    /// the change in the member record, and in the member's history only when the closing state differs from
    /// what the history already ends with.
    function _moveDelegateVotes(address from, address to, uint256) internal override {
        if (from != address(0)) _setVote(from, false);
        if (to != address(0)) _setVote(to, true);
    }

    /// @dev Roles other than the governance admin act only while their holder is an active member.
    function _checkRole(bytes32 role, address account) internal view override {
        super._checkRole(role, account);
        if (role != DEFAULT_ADMIN_ROLE && _members[account].status != Status.Active) {
            revert MembershipNotActiveMember(account);
        }
    }

    /// @dev Roles other than the governance admin are held by active members only.
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        if (role != DEFAULT_ADMIN_ROLE && _members[account].status != Status.Active) {
            revert MembershipNotActiveMember(account);
        }
        return super._grantRole(role, account);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    /// @dev Mints the badge; the vote comes with {activateVote} (or at once for a founder, in the constructor).
    function _admit(address account, address by) private {
        uint48 now_ = clock();
        MemberRecord storage r = _members[account];
        r.status = Status.Active;
        r.since = now_;
        r.memberSince = now_;
        r.hasBeenMember = true;
        uint256 tokenId = tokenIdOf(account);
        _mint(account, tokenId);
        emit Locked(tokenId);
        emit MemberAdmitted(account, by);
    }

    /// @dev Counts one admission by `leader` in their window, opening a new window once the last one ended.
    function _countAdmission(address leader) private {
        MemberRecord storage r = _members[leader];
        uint48 now_ = clock();
        uint256 windowEnds = uint256(r.admissionWindow) + networkRules.probationPeriod();
        if (now_ >= windowEnds) {
            r.admissionWindow = now_;
            r.admissionsInWindow = 1;
            return;
        }
        uint16 count = r.admissionsInWindow;
        if (count >= networkRules.admissionsPerLeader()) {
            revert MembershipAdmissionLimitReached(leader, uint48(windowEnds));
        }
        r.admissionsInWindow = count + 1;
    }

    /// @dev When a member admitted at `joined` may have their vote activated, under the probation rule in force.
    function _activationTime(uint48 joined) private view returns (uint48) {
        return uint48(uint256(joined) + networkRules.probationPeriod());
    }

    function _depart(address member, Status next) private {
        MemberRecord storage r = _members[member];
        Status current = r.status;
        if (current != Status.Active && current != Status.Suspended) revert MembershipInvalidStatus(member, current);
        if (member == _manager) revert MembershipManagerMustBeReplaced(member);

        if (r.hasVote) _transferVotingUnits(member, address(0), 1);
        r.status = next;
        r.since = clock();
        r.memberSince = 0;
        r.suspendedBy = Authority.None;
        _setProfile(member, bytes32(0));
        _revokeRole(LEADER_ROLE, member);
        _revokeRole(DEVELOPER_ROLE, member);
        _burn(tokenIdOf(member));
    }

    function _clearApplication(address applicant) private {
        MemberRecord storage r = _members[applicant];
        r.status = Status.None;
        r.since = clock();
        _setProfile(applicant, bytes32(0));
    }

    function _setProfile(address account, bytes32 profile) private {
        _profiles[account] = profile;
        emit ProfileUpdated(account, profile);
    }

    function _setVote(address account, bool value) private {
        MemberRecord storage r = _members[account];
        bool current = r.hasVote;
        if (r.historyVote != current) {
            _voteHistory[account].push(r.votesSince, current ? 1 : 0);
            r.historyVote = current;
        }
        r.hasVote = value;
        r.votesSince = clock();
        emit DelegateVotesChanged(account, current ? 1 : 0, value ? 1 : 0);
    }

    function _requireStatus(address account, Status expected) private view {
        Status actual = _members[account].status;
        if (actual != expected) revert MembershipInvalidStatus(account, actual);
    }

    /// @dev Who may suspend or reinstate `member`, and with which authority: the members' vote anyone (the
    /// manager included); the manager any other leader or member; a leader any member without a leader role.
    function _checkOversight(address member) private view returns (Authority) {
        if (hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) return Authority.MembersVote;
        if (member == _manager) revert AccessControlUnauthorizedAccount(msg.sender, DEFAULT_ADMIN_ROLE);
        if (msg.sender == _manager) {
            _checkRole(MANAGER_ROLE, msg.sender);
            return Authority.Manager;
        }
        if (hasRole(LEADER_ROLE, member)) revert AccessControlUnauthorizedAccount(msg.sender, MANAGER_ROLE);
        _checkRole(LEADER_ROLE, msg.sender);
        return Authority.Leader;
    }
}
