/**
 * The starter vocabulary every Weconet network begins with: the attributes that describe most people,
 * resources and offers. Members extend it by vote (Taxonomy.addAttribute); this list only seeds deployment.
 * Order matters: a class comes before the classes and attributes that name it as parent.
 */
import { enumValues } from "../sdk/src/vocabulary.js";

/** `ITaxonomy.Domain` and `ITaxonomy.DataType`, member by value (from the build's vocabulary). */
export const Domain = enumValues("ITaxonomy.Domain");
export type DomainName = keyof typeof Domain;
export const DataType = enumValues("ITaxonomy.DataType");
export type DataTypeName = keyof typeof DataType;

export interface StarterAttribute {
  name: string;
  domain: DomainName;
  dataType: DataTypeName;
  parent?: string;
}

export const STARTER_TAXONOMY: readonly StarterAttribute[] = [
  // People: basic data kept once, in the member's data socket.
  { name: "given_name", domain: "Person", dataType: "Text" },
  { name: "family_name", domain: "Person", dataType: "Text" },
  { name: "birth_date", domain: "Person", dataType: "Date" },
  { name: "postal_address", domain: "Person", dataType: "PostalAddress" },
  { name: "delivery_address", domain: "Person", dataType: "PostalAddress" },
  { name: "email", domain: "Person", dataType: "Email" },
  { name: "phone", domain: "Person", dataType: "Phone" },
  { name: "skills", domain: "Person", dataType: "Text" },
  { name: "languages", domain: "Person", dataType: "Text" },
  { name: "availability", domain: "Person", dataType: "Text" },
  { name: "home_location", domain: "Person", dataType: "GeoLocation" },
  { name: "bank_account", domain: "Person", dataType: "Text" },
  // Resources: a classification, then what describes any resource.
  { name: "equipment", domain: "Resource", dataType: "Class" },
  { name: "vehicle", domain: "Resource", dataType: "Class", parent: "equipment" },
  { name: "bike", domain: "Resource", dataType: "Class", parent: "vehicle" },
  { name: "van", domain: "Resource", dataType: "Class", parent: "vehicle" },
  { name: "laptop", domain: "Resource", dataType: "Class", parent: "equipment" },
  { name: "workspace", domain: "Resource", dataType: "Class" },
  { name: "desk", domain: "Resource", dataType: "Class", parent: "workspace" },
  { name: "meeting_room", domain: "Resource", dataType: "Class", parent: "workspace" },
  { name: "service", domain: "Resource", dataType: "Class" },
  { name: "courier_service", domain: "Resource", dataType: "Class", parent: "service" },
  { name: "software_development", domain: "Resource", dataType: "Class", parent: "service" },
  { name: "dataset", domain: "Resource", dataType: "Class" },
  { name: "capacity", domain: "Resource", dataType: "Integer" },
  { name: "resource_location", domain: "Resource", dataType: "GeoLocation" },
  { name: "brand_model", domain: "Resource", dataType: "Text" },
  { name: "condition", domain: "Resource", dataType: "Text" },
  // Offers: what a consumer searches and books on.
  { name: "price", domain: "Offer", dataType: "Money" },
  { name: "price_unit", domain: "Offer", dataType: "Text" },
  { name: "supplier", domain: "Offer", dataType: "Reference" },
  { name: "service_area", domain: "Offer", dataType: "GeoLocation" },
  { name: "available_from", domain: "Offer", dataType: "Datetime" },
  { name: "available_until", domain: "Offer", dataType: "Datetime" },
  { name: "lead_time", domain: "Offer", dataType: "Duration" },
  { name: "terms_url", domain: "Offer", dataType: "Url" },
];

/** The vocabulary as `Taxonomy.AttributeInput[]` constructor arguments (parents resolved to ids). */
export function starterTaxonomyInputs(
  vocabulary: readonly StarterAttribute[] = STARTER_TAXONOMY,
): { name: string; domain: number; dataType: number; parent: number }[] {
  const idByName = new Map<string, number>();
  return vocabulary.map((attribute, index) => {
    idByName.set(attribute.name, index + 1);
    const parent = attribute.parent === undefined ? 0 : idByName.get(attribute.parent);
    if (parent === undefined) {
      throw new Error(`starter taxonomy: "${attribute.name}" names parent "${attribute.parent}" before it is defined`);
    }
    return {
      name: attribute.name,
      domain: Domain[attribute.domain],
      dataType: DataType[attribute.dataType],
      parent,
    };
  });
}
