import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type { BackendError } from "../api/errors";
import type { EnrichPlan, EnrichRequest, EnrichSummary, FileDropEvent, JobSummary } from "../api/types";

export const enrichKeys = {
  jobs: ["enrich-jobs"] as const,
};

/** The job history (past, stopped, interrupted), newest first. */
export function useJobs(enabled: boolean) {
  const backend = useBackend();
  return useQuery<JobSummary[], BackendError>({
    queryKey: enrichKeys.jobs,
    queryFn: () => backend.listJobs(),
    enabled,
  });
}

/** Plans a file (free): mapping and estimate. Refreshes the job history. */
export function usePlan() {
  const backend = useBackend();
  const client = useQueryClient();
  return useMutation<EnrichPlan, BackendError, EnrichRequest>({
    mutationFn: (request) => backend.planEnrichment(request),
    onSettled: () => void client.invalidateQueries({ queryKey: enrichKeys.jobs }),
  });
}

export function useExport() {
  const backend = useBackend();
  const client = useQueryClient();
  return useMutation<EnrichSummary, BackendError, { jobId: number; path: string }>({
    mutationFn: ({ jobId, path }) => backend.exportEnrichment(jobId, path, []),
    onSettled: () => void client.invalidateQueries({ queryKey: enrichKeys.jobs }),
  });
}

/**
 * Files dragged onto the window, while `enabled`: `dragging` is true while files hover over it;
 * `onDrop` gets the first dropped path.
 */
export function useFileDrop(enabled: boolean, onDrop: (path: string) => void) {
  const backend = useBackend();
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onDrop);
  latest.current = onDrop;

  useEffect(() => {
    if (!enabled) {
      setDragging(false);
      return;
    }
    let stop: (() => void) | null = null;
    let gone = false;
    const handle = (event: FileDropEvent) => {
      if (event.type === "over") setDragging(true);
      else if (event.type === "leave") setDragging(false);
      else {
        setDragging(false);
        const [first] = event.paths;
        if (first) latest.current(first);
      }
    };
    backend
      .onFileDrop(handle)
      .then((unlisten) => {
        if (gone) unlisten();
        else stop = unlisten;
      })
      .catch(() => {
        // No drag and drop here (e.g. a browser without Tauri): "Choose file…" still works.
      });
    return () => {
      gone = true;
      stop?.();
    };
  }, [backend, enabled]);

  return dragging;
}

type Updater<S> = S | ((current: S) => S);

/** A value that outlives the screen showing it, so a running job is still shown on return. */
class Kept<S> {
  private listeners = new Set<() => void>();
  constructor(private value: S) {}
  get = () => this.value;
  set = (next: Updater<S>) => {
    this.value = typeof next === "function" ? (next as (current: S) => S)(this.value) : next;
    for (const listener of this.listeners) listener();
  };
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
}

const kept = new WeakMap<object, Kept<unknown>>();

/**
 * Like `useState`, but kept per backend while the app runs: leaving the Enrich screen during a
 * run and coming back shows the run (its progress keeps arriving), not an empty screen.
 */
export function useKeptState<S>(owner: object, initial: S): [S, (next: Updater<S>) => void] {
  let store = kept.get(owner) as Kept<S> | undefined;
  if (!store) {
    store = new Kept<S>(initial);
    kept.set(owner, store as Kept<unknown>);
  }
  const value = useSyncExternalStore(store.subscribe, store.get, store.get);
  return [value, store.set];
}
