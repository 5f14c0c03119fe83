// Sample answers of the Provisioning, Connect and Settings commands for the browser preview and
// tests: shaped exactly like the demo's (see src-tauri/src/commands/provisioning.rs), made up.
import type { EndpointStatus, ProvisioningStatus, SettingsView, UserLine } from "./types";

const DAY = 86_400;
const NOW = Date.parse("2026-11-28T09:30:00Z") / 1000;

function history(): EndpointStatus["history"] {
  const points: EndpointStatus["history"] = [];
  for (let week = 6; week >= 0; week--) {
    const at = NOW - week * 7 * DAY;
    points.push({ taken_at: at, product: "Sales", used: 72 - week * 2, purchased: 70 });
    points.push({ taken_at: at, product: "Marketing", used: 38 - week, purchased: 40 });
    points.push({ taken_at: at, product: "Talent", used: 18, purchased: 25 });
  }
  return points;
}

export const SAMPLE_DEMO_ENDPOINT: EndpointStatus = {
  demo: true,
  endpoint: {
    id: 1,
    url: "http://127.0.0.1:7332/scim/v2",
    name: "Demo (simulated ZoomInfo SCIM)",
    auth: { kind: "bearer" },
    settings: {
      token: { issued_on: null, lifetime_days: null, expires_on: null },
      seats: [
        { product: "Marketing", purchased: 40 },
        { product: "Sales", purchased: 70 },
        { product: "Talent", purchased: 25 },
      ],
      group_products: [
        { group: "Sales Team", product: "Sales" },
        { group: "Marketing Team", product: "Marketing" },
        { group: "Talent Acquisition", product: "Talent" },
        { group: "APAC_Sales", product: "Sales" },
      ],
    },
    last_warned_threshold: 30,
    idp: null,
  },
  report: {
    endpoint: "http://127.0.0.1:7332/scim/v2",
    checked_at: "2026-11-28T09:30:00Z",
    token: { valid: true, check: "accepted", rejection: null, expires_on: "2026-12-21", days_left: 23, expiry_source: "token" },
    users: { total: 120, active: 113, inactive: 7 },
    groups: 6,
    groups_offered: true,
    seats: [
      { product: "Sales", purchased: 70, used: 72, free: -2 },
      { product: "Marketing", purchased: 40, used: 38, free: 2 },
      { product: "Talent", purchased: 25, used: 18, free: 7 },
    ],
    forecasts: [
      { product: "Marketing", growth_per_week: 1, runs_out_on: "2026-12-12", days_left: 14, snapshots: 7 },
    ],
    findings: [
      {
        kind: "seats_over_assigned",
        severity: "error",
        message:
          "Sales: 72 users hold a seat but only 70 were purchased. Provisioning fails for the last 2 users until 2 more Sales seats are bought or users are removed.",
        users: [],
        groups: [],
        product: "Sales",
        days_left: null,
      },
      {
        kind: "user_in_multiple_groups",
        severity: "error",
        message:
          "jonas.zeller@acme-demo.test is in 2 groups (Marketing Team, Sales Team); a user can be in only one group.",
        users: ["jonas.zeller@acme-demo.test"],
        groups: ["Marketing Team", "Sales Team"],
        product: null,
        days_left: null,
      },
      {
        kind: "token_expiring",
        severity: "warning",
        message: "The SCIM token expires in 23 days (on 2026-12-21, 30-day warning).",
        users: [],
        groups: [],
        product: null,
        days_left: 23,
      },
      {
        kind: "inactive_user_holds_product",
        severity: "warning",
        message: "grace.anders@acme-demo.test is inactive but still holds Sales (through group Sales Team).",
        users: ["grace.anders@acme-demo.test"],
        groups: ["Sales Team"],
        product: "Sales",
        days_left: null,
      },
    ],
    idp: {
      provider: "Okta",
      app: "ZoomInfo",
      app_found: true,
      assigned: 121,
      out_of_sync: 0,
      failed: [
        {
          user: "nadia.okafor@acme-demo.test",
          display_name: "Nadia Okafor",
          action: "create",
          code: null,
          reason:
            "Automatic provisioning of user Nadia Okafor to app ZoomInfo failed: Error while creating user: No Sales seat is available in the ZoomInfo subscription.",
          recommended_action: null,
          at: "2026-11-28T08:12:00.000Z",
        },
        {
          user: "li.wei@acme-demo.test",
          display_name: "Li Wei",
          action: "create",
          code: null,
          reason:
            "Automatic provisioning of user Li Wei to app ZoomInfo failed: Conflict. Errors reported by remote server: a user with this email already exists.",
          recommended_action: null,
          at: "2026-11-27T16:40:00.000Z",
        },
      ],
      job: null,
      error: null,
    },
  },
  error: null,
  history: history(),
};

export const SAMPLE_PROVISIONING: ProvisioningStatus = {
  checked_at: "2026-11-28T09:30:00Z",
  endpoints: [SAMPLE_DEMO_ENDPOINT],
  notified: [],
};

export const SAMPLE_SETTINGS: SettingsView = {
  connection: { api_url: "https://api.zoominfo.com", rate_per_second: 25, rate_per_minute: 1500 },
  defaults: { api_url: "https://api.zoominfo.com", rate_per_second: 25, rate_per_minute: 1500 },
  api_url_from_env: false,
  data_dir: "/home/you/.local/share/com.zi-console.app",
  database: "/home/you/.local/share/com.zi-console.app/zi-console.sqlite",
  log_file: "/home/you/.local/share/com.zi-console.app/logs/zi-console.log",
  audit: [{ at: NOW - 3600, action: "sign_in", detail: "user you@example.com" }],
  cache: { max_age_days: 90, default_max_age_days: 90, records: 1_276, answers: 1_351 },
};

/** The demo directory's first users, as the Users panel pages them. */
export const SAMPLE_USERS: UserLine[] = [
  {
    user_name: "ada.brandt@acme-demo.test",
    active: true,
    email: "ada.brandt@acme-demo.test",
    external_id: "2c6f1a53-8d2e-4e4b-9a7e-5b1f0c3d9e21",
    groups: ["Sales Team"],
    products: ["Sales (group Sales Team, ziProduct)"],
    zi_role: "User",
    zi_user_credit: "Limited",
    zi_credit_limit: "1000",
    zi_reset_usage: "Monthly",
  },
  {
    user_name: "jonas.zeller@acme-demo.test",
    active: true,
    email: "jonas.zeller@acme-demo.test",
    external_id: "9a1e7c44-2b3d-4f5a-8c6d-7e8f9a0b1c2d",
    groups: ["Marketing Team", "Sales Team"],
    products: ["Sales (group Sales Team, ziProduct)", "Marketing (group Marketing Team, ziProduct)"],
    zi_role: "User",
    zi_user_credit: "Limited",
    zi_credit_limit: "1000",
    zi_reset_usage: "Monthly",
  },
  {
    user_name: "grace.anders@acme-demo.test",
    active: false,
    email: "grace.anders@acme-demo.test",
    external_id: "4d5e6f70-8192-4a3b-9c4d-5e6f7a8b9c0d",
    groups: ["Sales Team"],
    products: ["Sales (group Sales Team, ziProduct)"],
    zi_role: "User",
    zi_user_credit: "Limited",
    zi_credit_limit: "1000",
    zi_reset_usage: "Monthly",
  },
];
