import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type { BackendError } from "../api/errors";
import type { AppStatus, SearchRequest } from "../api/types";

export const queryKeys = {
  appStatus: ["app-status"] as const,
  connection: ["connection-status"] as const,
  usage: ["usage"] as const,
  liveUsage: ["live-usage"] as const,
  creditHistory: (days: number) => ["credit-history", days] as const,
  search: (request: SearchRequest) => ["search", request] as const,
  team: ["team"] as const,
  teamUsage: ["team-usage"] as const,
};

/** Version, session and launch facts; waits while `--demo` is still starting. */
export function useAppStatus() {
  const backend = useBackend();
  return useQuery<AppStatus, BackendError>({
    queryKey: queryKeys.appStatus,
    queryFn: () => backend.appStatus(),
    staleTime: Infinity,
  });
}

export function useStartDemo() {
  const backend = useBackend();
  const client = useQueryClient();
  return useMutation<AppStatus, BackendError>({
    mutationFn: () => backend.startDemo(),
    onSuccess: (status) => {
      client.setQueryData(queryKeys.appStatus, status);
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.appStatus[0] });
    },
  });
}

export function useConnectionStatus(enabled: boolean) {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKeys.connection,
    queryFn: () => backend.connectionStatus(),
    enabled,
  });
}

/** The account's limits. ZoomInfo pushes nothing, so this polls while the screen is open. */
export function useUsage(enabled: boolean) {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKeys.usage,
    queryFn: () => backend.getUsage(),
    enabled,
    refetchInterval: 60_000,
  });
}

/** What the latest answers' headers told: local, so it can follow a running job closely. */
export function useLiveUsage(enabled: boolean) {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKeys.liveUsage,
    queryFn: () => backend.liveUsage(),
    enabled,
    refetchInterval: 3_000,
  });
}

/** Credits spent per day from the local ledger; refreshed with the limits. */
export function useCreditHistory(days: number, enabled: boolean) {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKeys.creditHistory(days),
    queryFn: () => backend.creditHistory(days),
    enabled,
    refetchInterval: 60_000,
  });
}

/** Runs a search once it is submitted (`request` not null); results are kept per request. */
export function useSearch(request: SearchRequest | null) {
  const backend = useBackend();
  return useQuery({
    queryKey: request ? queryKeys.search(request) : ["search", "idle"],
    queryFn: () => backend.search(request as SearchRequest),
    enabled: request !== null,
    staleTime: 5 * 60_000,
  });
}

/** The team's spending this month (null outside team mode); teammates spend too, so it polls. */
export function useTeamUsage(enabled: boolean) {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKeys.teamUsage,
    queryFn: () => backend.teamUsage(),
    enabled,
    refetchInterval: 60_000,
  });
}
