/** Token estimate used everywhere in the mock (and by the eval files): ceil(characters / 4). */
export function countTokens(characters: number): number {
  return characters <= 0 ? 0 : Math.ceil(characters / 4);
}
