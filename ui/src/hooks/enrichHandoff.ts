import type { RecordKind } from "../api/types";

/** A file another screen asks the Enrich screen to plan (e.g. "Enrich selected" on Search). */
export type EnrichHandoff = { path: string; kind: RecordKind };

// One pending hand-off per backend (tests each have their own backend).
const pending = new WeakMap<object, EnrichHandoff>();

export function handOffToEnrich(owner: object, file: EnrichHandoff) {
  pending.set(owner, file);
}

/** The pending hand-off, if any; taking it clears it, so it is planned once. */
export function takeEnrichHandoff(owner: object): EnrichHandoff | undefined {
  const file = pending.get(owner);
  pending.delete(owner);
  return file;
}
