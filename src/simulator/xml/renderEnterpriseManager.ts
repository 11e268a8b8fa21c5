import { EM_NAMESPACE, INDENT, renderLinks, XML_DECLARATION, XSD_XSI, type Link } from "./xmlDocument.js";

/** The API versions the entry point and the logon accept (`?v=latest` is v1_7). */
export const SUPPORTED_VERSIONS = ["v1_5", "v1_6", "v1_7"];

/** `GET /api/`: the anonymous `EnterpriseManager` entry point with its logon links per version. */
export function renderEnterpriseManager(base: string): string {
  const create = (v: string): Link => ({
    href: `${base}/sessionMngr/?v=${v}`,
    type: "LogonSession",
    rel: "Create",
  });
  let out =
    XML_DECLARATION +
    "<EnterpriseManager " +
    XSD_XSI +
    ` xmlns="${EM_NAMESPACE}">\n` +
    renderLinks(
      [{ href: `${base}/logonSessions`, type: "LogonSessionList", rel: "Down" }, create("latest")],
      INDENT,
    ) +
    INDENT +
    "<SupportedVersions>\n";
  for (const v of SUPPORTED_VERSIONS) {
    out +=
      INDENT +
      INDENT +
      `<SupportedVersion Name="${v}">\n` +
      renderLinks([create(v)], INDENT + INDENT + INDENT) +
      INDENT +
      INDENT +
      "</SupportedVersion>\n";
  }
  return out + INDENT + "</SupportedVersions>\n</EnterpriseManager>\n";
}
