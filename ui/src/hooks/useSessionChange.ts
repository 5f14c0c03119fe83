import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BackendError } from "../api/errors";
import type { AppStatus } from "../api/types";
import { queryKeys } from "./queries";

/** Signs in or out; on success the whole app follows the new session. */
export function useSessionChange<T>(change: (value: T) => Promise<AppStatus>) {
  const client = useQueryClient();
  return useMutation<AppStatus, BackendError, T>({
    mutationFn: change,
    onSuccess: (status) => {
      client.setQueryData(queryKeys.appStatus, status);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.appStatus[0] });
    },
  });
}
