/**
 * The SessionIds of every logon session the simulator currently knows, read through EM's own API
 * (`GET /logonSessions`) with a separate logon, plus the tokens derived from them. Tests use it to prove
 * that no session id or token reaches a log line or a response.
 */
export async function emSessionSecrets(
  baseUrl: string,
  username: string,
  password: string,
): Promise<string[]> {
  const logon = await fetch(`${baseUrl}/sessionMngr/?v=latest`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` },
  });
  const token = logon.headers.get("x-restsvcsessionid") ?? "";
  const list = await fetch(`${baseUrl}/logonSessions`, { headers: { "X-RestSvcSessionId": token } });
  const text = await list.text();
  const ids = [...text.matchAll(/<SessionId>([^<]+)<\/SessionId>/g)].map((match) => match[1]!);
  return ids.flatMap((id) => [id, Buffer.from(id, "utf8").toString("base64")]);
}
