// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Weconet taxonomy, as other Weconet contracts read it
/// @notice One shared vocabulary describes people, resources and offers. An attribute is a name with a domain
/// and a data type; a `Class` attribute is a node of the classification that other attributes and resources
/// point to.
interface ITaxonomy {
    /// @notice What an attribute describes.
    enum Domain {
        Person,
        Resource,
        Offer
    }

    /// @notice The type of an attribute's values (kept off-chain; the chain only names them).
    enum DataType {
        Class,
        Text,
        Integer,
        Decimal,
        Boolean,
        Date,
        // One word: the SDK names each member in snake_case ("datetime", "postal_address").
        Datetime,
        Duration,
        Email,
        Phone,
        PostalAddress,
        GeoLocation,
        Money,
        Url,
        Reference
    }

    /// @notice An attribute of the shared vocabulary.
    /// @dev The first four fields share one storage slot: contracts checking `deprecated` or `domain` load only it.
    struct Attribute {
        Domain domain;
        DataType dataType;
        uint16 parent;
        bool deprecated;
        string name;
    }

    /// @notice Whether attribute `id` exists, is not deprecated and describes `domain`.
    function isActive(uint16 id, Domain domain) external view returns (bool);

    /// @notice Whether attribute `id` is an active class of `domain`.
    function isActiveClass(uint16 id, Domain domain) external view returns (bool);
}
