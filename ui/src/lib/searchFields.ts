// The criteria ZoomInfo's search takes, typed as its published field tables say. Generated from
// zi-client's table (`ui/src/bindings/searchFields.json`, written by `cargo test` and checked in
// CI like the IPC bindings): the filters here and `zi search --field` share one source.
import table from "../bindings/searchFields.json";
import type { RecordKind } from "../api/types";
import type { SearchFieldSpec } from "../bindings/SearchFieldSpec";

const FIELDS = table as Record<RecordKind, SearchFieldSpec[]>;

/** Every criterion a search of `kind` takes. */
export function searchFields(kind: RecordKind): SearchFieldSpec[] {
  return FIELDS[kind];
}

/** The criterion named `name`, if a search of `kind` takes it. */
export function searchField(kind: RecordKind, name: string): SearchFieldSpec | undefined {
  return FIELDS[kind].find((field) => field.name === name);
}

/** "revenueMin" → "Revenue min": a readable label for a criterion without one of its own. */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/\b(id|hq|url|sic|naics)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How several values of a criterion are written, for the field's hint. */
export function severalHint(field: SearchFieldSpec): string | null {
  if (field.valueType === "text" && field.several === "or") return "Several: join with OR, e.g. VP Sales OR Director";
  if (field.valueType === "text" && field.several === "comma") return "Several: separate with commas";
  if (field.valueType === "list") return "Several: separate with commas";
  return null;
}

/** Where a contact's location filters look (`locationSearchType`), in words. */
export const LOCATION_LABELS: Record<string, string> = {
  PersonOrHQ: "The person's office or the head office",
  PersonAndHQ: "Both the person's office and the head office",
  Person: "The person's office",
  HQ: "The head office",
  PersonThenHQ: "The person's office, else the head office",
};
