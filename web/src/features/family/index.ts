// The public surface of the family feature: its pages are loaded by app/router.tsx from
// ./routes/*; other features show the "acting for" selector.
export { ActingForSelect } from "./components/acting-for-select";
export { useFamily } from "./api/get-family";
export type { ActingFor, Capability } from "./api/types";
