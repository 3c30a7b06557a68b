// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ITaxonomy} from "../taxonomy/ITaxonomy.sol";

/// @title PersonAttributes
/// @notice Checks a set of taxonomy attributes that describe a person (what a data connection or an application
/// covers): not empty, strictly increasing ids (so a set has one spelling and no duplicates), each an active
/// attribute of the person domain.
library PersonAttributes {
    /// @notice The set names no attribute.
    error PersonAttributesEmpty();
    /// @notice `id` does not come after the id before it: the set must be sorted, without duplicates.
    error PersonAttributesUnsorted(uint16 id);
    /// @notice `id` is not an active attribute of the person domain (unknown, deprecated, or of another domain).
    error PersonAttributesNotPersonAttribute(uint16 id);

    /// @dev Reverts with the first problem of `ids`. One taxonomy call per id (a bounded loop: at most 512 ids).
    function check(ITaxonomy taxonomy, uint16[] calldata ids) internal view {
        if (ids.length == 0) revert PersonAttributesEmpty();
        uint256 previous = 0;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint16 id = ids[i];
            if (id <= previous) revert PersonAttributesUnsorted(id);
            if (!taxonomy.isActive(id, ITaxonomy.Domain.Person)) revert PersonAttributesNotPersonAttribute(id);
            previous = id;
        }
    }
}
