// Facts about ZoomInfo the UI explains to the user. Source: ZoomInfo's legacy Enterprise API
// documentation, summarised in shared/docs/zoominfo-api.md; zi-client's `limits.rs` holds the
// same values for the backend.

/** The legacy API refuses to page past this many records of one search. */
export const SEARCH_DEPTH_LIMIT = 1000;

/** Management levels the search accepts (ZoomInfo's own spelling). */
export const MANAGEMENT_LEVELS = [
  "C-Level",
  "VP-Level",
  "Director",
  "Manager",
  "Non-Manager",
] as const;

/** A readable name for a usage limit type ("recordLimit" → "Record limit"). */
export function limitLabel(limitType: string): string {
  const known: Record<string, string> = {
    requestLimit: "Request limit",
    recordLimit: "Record limit (credits)",
    uniqueIdLimit: "Unique ID limit",
    webSightsApiRequestLimit: "WebSights API requests",
    webSightsApiRecordLimit: "WebSights API records",
  };
  if (known[limitType]) return known[limitType];
  const words = limitType
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/\b(api|id|url)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Zoom's SCIM2 API (shared/seeds 003: host api.zoom.us, OAuth apps with the SCIM2 scope) and the
 * token endpoint of Zoom's server-to-server OAuth apps: the hints of the "Add endpoint" form.
 */
export const ZOOM_SCIM_BASE_URL = "https://api.zoom.us/scim2";
export const ZOOM_OAUTH_TOKEN_URL = "https://zoom.us/oauth/token";
