import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

import { type AuthorizedApp } from "./types";

/** GET /api/oauth2/apps: the apps the signed-in user authorized. */
export async function listMyApps({ signal }: { signal?: AbortSignal } = {}): Promise<AuthorizedApp[]> {
  const list = await api.get<ApiSchema<"AuthorizedAppList">>("/api/oauth2/apps", { signal });
  return list.items;
}

export function myAppsQueryOptions() {
  return queryOptions({ queryKey: queryKeys.oauth.myApps, queryFn: ({ signal }) => listMyApps({ signal }) });
}

export function useMyApps() {
  return useQuery(myAppsQueryOptions());
}
