/** A reason code as leaders type it: short, lowercase, no personal text. Returns the problem, or undefined. */
export function reasonCodeProblem(code: string): string | undefined {
  if (code.trim() === "") return "Enter a reason code.";
  if (!/^[a-z0-9][a-z0-9_-]{0,30}$/.test(code.trim())) {
    return "Use a short code (1–31 of a–z, 0–9, - and _), e.g. spam or inactive — never personal text.";
  }
  return undefined;
}
