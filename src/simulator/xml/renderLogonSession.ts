import type { LogonSessionRecord } from "../http/LogonSessionStore.js";
import { EM_NAMESPACE, INDENT, renderLinks, XML_DECLARATION, XSD_XSI, type Link } from "./xmlDocument.js";
import { escapeText } from "./xmlEscape.js";

/** `POST /sessionMngr` and `GET /logonSessions/{id}`: one `LogonSession` document (`full`: with its Down links). */
export function renderLogonSession(base: string, session: LogonSessionRecord, full: boolean): string {
  return XML_DECLARATION + logonSessionElement(base, session, "", true, full);
}

function logonSessionElement(
  base: string,
  s: LogonSessionRecord,
  ind: string,
  root: boolean,
  full: boolean,
): string {
  const links: Link[] = [{ href: `${base}/`, type: "EnterpriseManager", rel: "Up" }];
  if (full) {
    for (const [path, type] of LOGON_DOWN_LINKS) links.push({ href: `${base}/${path}`, type, rel: "Down" });
  }
  links.push({ href: `${base}/logonSessions/${s.id}`, rel: "Delete" });
  return (
    ind +
    "<LogonSession " +
    (root ? XSD_XSI + " " : "") +
    `Href="${base}/logonSessions/${s.id}" Type="LogonSession"` +
    (root ? ` xmlns="${EM_NAMESPACE}"` : "") +
    ">\n" +
    renderLinks(links, ind + INDENT) +
    ind +
    INDENT +
    "<UserName>" +
    escapeText(s.username) +
    "</UserName>\n" +
    ind +
    INDENT +
    "<SessionId>" +
    s.id +
    "</SessionId>\n" +
    ind +
    "</LogonSession>\n"
  );
}

const LOGON_DOWN_LINKS: ReadonlyArray<readonly [string, string]> = [
  ["backupServers", "BackupServerReferenceList"],
  ["jobs", "JobReferenceList"],
  ["replicaSessions", "ReplicaJobSessionReferenceList"],
  ["replicaTaskSessions", "ReplicaTaskSessionReferenceList"],
  ["querySvc", "QueryService"],
  ["lookupSvc", "LookupService"],
  ["backupServers?format=Entity", "BackupServerList"],
  ["jobs?format=Entity", "JobList"],
  ["replicaSessions?format=Entity", "ReplicaJobSessionList"],
  ["replicaTaskSessions?format=Entity", "ReplicaTaskSessionList"],
];

/** `GET /logonSessions`: the `LogonSessions` list of a user's sessions. */
export function renderLogonSessionList(base: string, sessions: readonly LogonSessionRecord[]): string {
  let out = XML_DECLARATION + "<LogonSessions " + XSD_XSI + ' xmlns="' + EM_NAMESPACE + '">\n';
  for (const s of sessions) out += logonSessionElement(base, s, INDENT, false, false);
  return out + "</LogonSessions>\n";
}
