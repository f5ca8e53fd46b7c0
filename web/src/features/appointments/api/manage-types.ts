/** Shapes of the manage-link API (API.md "Manage links"): only what the email shows. */
import { type QueryClient } from "@tanstack/react-query";

import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

export type ManageState = ApiSchema<"ManageStateOut">;
export type Slot = ApiSchema<"SlotOut">;

/** The path of one manage-link endpoint; the token is the credential (never logged). */
export function managePath(token: string, action = ""): string {
  return `/api/manage/${encodeURIComponent(token)}${action === "" ? "" : `/${action}`}`;
}

/** After an action through the link: its answer is the page's new state. */
export function afterManagedAction(queryClient: QueryClient, token: string, state: ManageState): Promise<void> {
  queryClient.setQueryData(queryKeys.manageLink.state(token), state);
  return queryClient.invalidateQueries({ queryKey: queryKeys.manageLink.alternatives(token) });
}
