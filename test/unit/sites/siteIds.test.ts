import { describe, expect, it } from "vitest";
import { DEFAULT_SITE, siteQualifiedId, splitSiteId } from "../../../src/ids/siteIds.js";

const URN = "urn:veeam:Job:0f8ec3a4-2f1f-4b8d-9c11-7f7b2ab3f001";

describe("site-qualified ids", () => {
  it("keep EM's URN on the default site and add @<site> on the others", () => {
    expect(siteQualifiedId(URN, DEFAULT_SITE)).toBe(URN);
    expect(siteQualifiedId(URN, "paris")).toBe(`${URN}@paris`);
  });

  it("split at the last @ when a site name follows, and leave anything else whole for the caller to refuse", () => {
    expect(splitSiteId(`${URN}@paris`)).toEqual({ emId: URN, site: "paris" });
    expect(splitSiteId(URN)).toEqual({ emId: URN });
    expect(splitSiteId("0f8ec3a4-2f1f-4b8d-9c11-7f7b2ab3f001@Tokyo-2")).toEqual({
      emId: "0f8ec3a4-2f1f-4b8d-9c11-7f7b2ab3f001",
      site: "Tokyo-2",
    });
    expect(splitSiteId(`${URN}@`)).toEqual({ emId: `${URN}@` });
    expect(splitSiteId(`${URN}@par is`)).toEqual({ emId: `${URN}@par is` });
    expect(splitSiteId(`a@b@paris`)).toEqual({ emId: "a@b", site: "paris" });
  });
});
