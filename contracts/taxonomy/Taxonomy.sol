// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governed} from "../governance/Governed.sol";
import {ITaxonomy} from "./ITaxonomy.sol";

/// @title Taxonomy
/// @notice The network's shared vocabulary: at most 512 attributes describing people, resources and offers.
/// Attributes are added and deprecated only by the members' vote; ids are never reused and never removed, so a
/// grant or an offer that names an attribute keeps meaning the same thing.
/// @dev Ids run from 1; id 0 means "none" (e.g. no parent). Lookups by id and by name are O(1).
contract Taxonomy is ITaxonomy, Governed {
    /// @notice The hard cap on the number of attributes.
    uint16 public constant MAX_ATTRIBUTES = 512;
    /// @notice The longest attribute name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 32;

    /// @notice What a new attribute is: its name (lower-case letters, digits, `_`; starting with a letter), its
    /// domain, its data type and its parent class (0 for none).
    struct AttributeInput {
        string name;
        Domain domain;
        DataType dataType;
        uint16 parent;
    }

    /// @dev How an attribute is stored: like {Attribute}, but with `active` instead of `deprecated`, so that an id
    /// never added reads as inactive from its own (empty) slot and {isActive} needs one storage read.
    struct Record {
        Domain domain;
        DataType dataType;
        uint16 parent;
        bool active;
        string name;
    }

    mapping(uint16 id => Record) private _attributes;
    mapping(bytes32 nameHash => uint16 id) private _idByName;

    /// @notice How many attributes exist (deprecated ones included); also the highest id.
    uint16 public attributeCount;

    /// @notice An attribute was added.
    event AttributeAdded(uint16 indexed id, string name, Domain domain, DataType dataType, uint16 parent);

    /// @notice An attribute was deprecated: it stays readable, but no new grant, offer or resource may use it.
    event AttributeDeprecated(uint16 indexed id);

    /// @notice The taxonomy already holds {MAX_ATTRIBUTES} attributes.
    error TaxonomyFull();
    /// @notice `name` is empty, too long, or has characters other than `a-z`, `0-9` and `_` (or starts with a non-letter).
    error TaxonomyInvalidName(string name);
    /// @notice An attribute named `name` exists already (as `id`).
    error TaxonomyDuplicateName(string name, uint16 id);
    /// @notice No attribute has id `id`.
    error TaxonomyUnknownAttribute(uint16 id);
    /// @notice No attribute is named `name`.
    error TaxonomyUnknownName(string name);
    /// @notice `parent` is not an active class of the new attribute's domain.
    error TaxonomyInvalidParent(uint16 parent);
    /// @notice Attribute `id` is deprecated already.
    error TaxonomyAlreadyDeprecated(uint16 id);

    /// @param governance_ The timelock that executes the members' decisions.
    /// @param starter The starter vocabulary, added in order (a parent must come before its children).
    constructor(address governance_, AttributeInput[] memory starter) Governed(governance_) {
        for (uint256 i = 0; i < starter.length; ++i) {
            _add(starter[i]);
        }
    }

    /// @notice Adds an attribute. Only the governance executor (after a members' vote) may call it.
    /// @param input The new attribute.
    /// @return id The new attribute's id.
    function addAttribute(AttributeInput calldata input) external onlyGovernance returns (uint16 id) {
        return _add(input);
    }

    /// @notice Adds several attributes in one call (bounded by the cap). Only the governance executor may call it.
    /// @param inputs The new attributes, in order (a parent before its children).
    /// @return ids The new attributes' ids, in the same order.
    function addAttributes(AttributeInput[] calldata inputs) external onlyGovernance returns (uint16[] memory ids) {
        ids = new uint16[](inputs.length);
        for (uint256 i = 0; i < inputs.length; ++i) {
            ids[i] = _add(inputs[i]);
        }
    }

    /// @notice Deprecates attribute `id`: grants on it stop authorizing and new uses are refused. Only the
    /// governance executor may call it. Deprecation is final; a replacement is added under a new name.
    /// @param id The attribute to deprecate.
    function deprecateAttribute(uint16 id) external onlyGovernance {
        Record storage a = _existing(id);
        if (!a.active) revert TaxonomyAlreadyDeprecated(id);
        a.active = false;
        emit AttributeDeprecated(id);
    }

    /// @notice Attribute `id`.
    /// @param id The attribute's id.
    /// @return The attribute (reverts with {TaxonomyUnknownAttribute} when it does not exist).
    function attribute(uint16 id) external view returns (Attribute memory) {
        return _toAttribute(_existing(id));
    }

    /// @notice The id of the attribute named `name`.
    /// @param name The attribute's name.
    /// @return id The attribute's id (reverts with {TaxonomyUnknownName} when none has that name).
    function attributeId(string calldata name) external view returns (uint16 id) {
        id = _idByName[keccak256(bytes(name))];
        if (id == 0) revert TaxonomyUnknownName(name);
    }

    /// @notice Up to `count` attributes starting at id `fromId`, for listing the vocabulary page by page.
    /// @param fromId The first id (1 for the start).
    /// @param count The most attributes to return.
    /// @return ids The ids returned, in order.
    /// @return page The attributes.
    function attributes(
        uint16 fromId,
        uint16 count
    ) external view returns (uint16[] memory ids, Attribute[] memory page) {
        uint256 total = attributeCount;
        uint256 first = fromId == 0 ? 1 : fromId;
        uint256 n = first > total ? 0 : total - first + 1;
        if (n > count) n = count;
        ids = new uint16[](n);
        page = new Attribute[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint16 id = uint16(first + i);
            ids[i] = id;
            page[i] = _toAttribute(_attributes[id]);
        }
    }

    /// @inheritdoc ITaxonomy
    function isActive(uint16 id, Domain domain) external view returns (bool) {
        Record storage a = _attributes[id];
        return a.active && a.domain == domain;
    }

    /// @inheritdoc ITaxonomy
    function isActiveClass(uint16 id, Domain domain) public view returns (bool) {
        Record storage a = _attributes[id];
        return a.active && a.domain == domain && a.dataType == DataType.Class;
    }

    function _add(AttributeInput memory input) private returns (uint16 id) {
        if (attributeCount >= MAX_ATTRIBUTES) revert TaxonomyFull();
        _validateName(input.name);
        bytes32 nameHash = keccak256(bytes(input.name));
        uint16 existing = _idByName[nameHash];
        if (existing != 0) revert TaxonomyDuplicateName(input.name, existing);
        if (input.parent != 0 && !isActiveClass(input.parent, input.domain)) revert TaxonomyInvalidParent(input.parent);

        id = ++attributeCount;
        _attributes[id] = Record({
            domain: input.domain,
            dataType: input.dataType,
            parent: input.parent,
            active: true,
            name: input.name
        });
        _idByName[nameHash] = id;
        emit AttributeAdded(id, input.name, input.domain, input.dataType, input.parent);
    }

    function _toAttribute(Record storage r) private view returns (Attribute memory) {
        return
            Attribute({domain: r.domain, dataType: r.dataType, parent: r.parent, deprecated: !r.active, name: r.name});
    }

    function _existing(uint16 id) private view returns (Record storage a) {
        if (id == 0 || id > attributeCount) revert TaxonomyUnknownAttribute(id);
        return _attributes[id];
    }

    function _validateName(string memory name) private pure {
        bytes memory b = bytes(name);
        if (b.length == 0 || b.length > MAX_NAME_LENGTH) revert TaxonomyInvalidName(name);
        for (uint256 i = 0; i < b.length; ++i) {
            bytes1 c = b[i];
            bool letter = c >= "a" && c <= "z";
            bool allowed = letter || (i > 0 && ((c >= "0" && c <= "9") || c == "_"));
            if (!allowed) revert TaxonomyInvalidName(name);
        }
    }
}
