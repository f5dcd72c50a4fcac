/**
 * React keys for lists whose items have no id of their own (field errors, a posting's skills):
 * each item is keyed by its content, and a repeat of earlier content by its occurrence number too,
 * so keys are unique and an item keeps its key when the same list renders again. Array indexes
 * would instead hand an item's key (and its DOM node) to its neighbour when the list changes.
 */
export function withContentKeys<T>(items: readonly T[], contentOf: (item: T) => string): { key: string; item: T }[] {
  const occurrences = new Map<string, number>();
  return items.map((item) => {
    const content = contentOf(item);
    const occurrence = (occurrences.get(content) ?? 0) + 1;
    occurrences.set(content, occurrence);
    // The number goes first: it holds no colon, so "<n>:" can never be mistaken for part of the content.
    return { key: `${occurrence}:${content}`, item };
  });
}
