import { type ApiSchema } from "@/lib/api-types";

export type Consent = ApiSchema<"ConsentOut">;
export type AuthorizedApp = ApiSchema<"AuthorizedAppOut">;
