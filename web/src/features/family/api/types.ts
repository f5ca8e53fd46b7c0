/** Shapes of the family-access API (API.md "Family access"). */
import { type ApiSchema } from "@/lib/api-types";

export type Family = ApiSchema<"FamilyOut">;
export type Dependent = ApiSchema<"DependentOut">;
export type DependentCreate = ApiSchema<"DependentCreate">;
export type ProxyGrant = ApiSchema<"ProxyGrantOut">;
export type ProxyGrantCreate = ApiSchema<"ProxyGrantCreate">;
export type ActingFor = ApiSchema<"ActingFor">;
export type Capability = ActingFor["capabilities"][number];
export type Relationship = DependentCreate["relationship"];

export const CAPABILITIES: readonly { value: Capability; label: string }[] = [
  { value: "appointments", label: "Book and manage appointments" },
  { value: "records", label: "Read medical records" },
  { value: "messages", label: "Message doctors" },
];

export const RELATIONSHIPS: readonly { value: Relationship; label: string }[] = [
  { value: "child", label: "Child" },
  { value: "parent", label: "Parent" },
  { value: "spouse", label: "Spouse or partner" },
  { value: "sibling", label: "Sibling" },
  { value: "other", label: "Other" },
];
