import { QueryClient, type QueryClientConfig } from "@tanstack/react-query";

import { ApiError } from "./api-client";

const MAX_RETRIES = 2;

/** Client errors (4xx) are answers, not accidents: retrying them cannot help. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export function createQueryClient(config: QueryClientConfig = {}): QueryClient {
  return new QueryClient({
    ...config,
    defaultOptions: {
      ...config.defaultOptions,
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        ...config.defaultOptions?.queries,
      },
      mutations: {
        retry: false,
        ...config.defaultOptions?.mutations,
      },
    },
  });
}

export const queryClient = createQueryClient();
