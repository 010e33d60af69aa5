/** Cheap: a JSON object with `format_version` near the top and planned values or changes. */
export function looksLikeTerraformPlan(text: string): boolean {
  const head = text.slice(0, 2048).trimStart();
  if (!head.startsWith('{') || !/"format_version"\s*:/.test(head)) return false;
  return text.includes('"planned_values"') || text.includes('"resource_changes"');
}
