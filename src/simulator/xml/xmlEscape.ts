/**
 * XML escaping for the simulator's hand-written documents. Characters XML 1.0 cannot carry at all (C0
 * controls other than tab/CR/LF, lone surrogates, U+FFFE/U+FFFF) become U+FFFD so an echoed hostile value
 * (e.g. inside an error message) can never make the simulator emit an ill-formed document.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const INVALID =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for an attribute value in double quotes (`&`, `<`, `>`, `"`). */
export function escapeAttr(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .replace(INVALID, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Escapes element text (`&`, `<`, `>`). */
export function escapeText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(INVALID, "\ufffd").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
