import { describe, expect, it } from "vitest";
import { searchField, searchFields } from "./searchFields";

describe("search fields", () => {
  it("come from the published table, typed", () => {
    expect(searchField("company", "revenueMin")).toMatchObject({ valueType: "integer" });
    expect(searchField("contact", "jobTitle")).toMatchObject({ valueType: "text", several: "or" });
    expect(searchField("contact", "locationSearchType")?.choices).toContain("PersonThenHQ");
    expect(searchField("company", "jobTitle")).toBeUndefined();
    expect(searchFields("contact").length).toBeGreaterThan(80);
  });
});
