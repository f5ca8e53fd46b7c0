/**
 * The API's shapes, as the back end declares them: `web/src/generated/api.ts` is generated from
 * the OpenAPI document (`make api-types`; `make lint` fails when it is stale). Features name the
 * schemas they use (`type Doctor = ApiSchema<"DoctorOut">`) instead of writing the shapes again.
 */
import { type components } from "@/generated/api";

export type ApiSchema<Name extends keyof components["schemas"]> = components["schemas"][Name];
